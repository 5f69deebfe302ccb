import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ClientLoaderFunctionArgs } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EmailField, Field, FormError } from "~/components/form";
import { LocalizedTextView } from "~/components/localized-text";
import { ReportSchema } from "~/forms/chamber.server";
import { getFixedT } from "~/i18n/i18n.server";
import { ensureNamespaces, type I18nHandle } from "~/i18n/namespaces";
import { useLocale } from "~/i18n/use-locale";
import { getProduct } from "~/models/catalogue.server";
import { reportListing, reportReasons } from "~/models/chamber.server";
import { db } from "~/utils/db.server";
import { parseForm } from "~/utils/forms";
import { notFound, requireLocale } from "~/utils/http.server";
import { seoMeta } from "~/utils/seo";
import { localePath } from "~/utils/urls";
import { readForm } from "~/utils/form-body.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const product = await getProduct(db, { slug: params.slug ?? "", locale });
  const t = getFixedT(locale);
  if (!product) notFound();
  return {
    product: { slug: product.slug, title: product.title },
    reasons: [...reportReasons],
    seo: { title: t("chamber:report.metaTitle") },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  ...seoMeta(data?.seo),
  { name: "robots", content: "noindex" },
];

/** "Report this listing": anyone may report a visible listing; staff read the queue. */
export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const product = await getProduct(db, { slug: params.slug ?? "", locale });
  if (!product) notFound();
  const parsed = parseForm(ReportSchema, await readForm(request));
  if (!parsed.ok) return data(parsed, { status: 400 });
  await reportListing(db, {
    productId: product.id,
    reason: parsed.data.reason,
    note: parsed.data.note,
    reporterEmail: parsed.data.email || null,
  });
  return { ok: true as const };
}

export const handle: I18nHandle = { i18n: ["chamber"] };

/** Client-side navigations into this part of the site bring its strings first. */
export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  const [data] = await Promise.all([serverLoader<typeof loader>(), ensureNamespaces(handle.i18n ?? [])]);
  return data;
}

export default function ReportListing() {
  const { product, reasons } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  const failure = result && !result.ok ? result : undefined;
  return (
    <section className="narrow stack" aria-labelledby="report-title">
      <h1 id="report-title">{t("chamber:report.title")}</h1>
      <p>
        <Link to={localePath(locale, `/products/${product.slug}`)}>
          <LocalizedTextView value={product.title} />
        </Link>
      </p>
      {result?.ok ? (
        <p className="notice" role="status">
          {t("chamber:report.thanks")}
        </p>
      ) : (
        <Form method="post" className="stack" noValidate>
          <FormError errors={failure?.errors} />
          <fieldset>
            <legend>{t("chamber:report.reason")}</legend>
            {reasons.map((r) => (
              <div className="field field--check" key={r}>
                <input
                  type="radio"
                  id={`reason-${r}`}
                  name="reason"
                  value={r}
                  defaultChecked={failure?.values?.reason === r}
                />
                <label htmlFor={`reason-${r}`}>{t(`chamber:report.reasons.${r}`)}</label>
              </div>
            ))}
            {failure?.errors?.reason ? (
              <p className="field__error" role="alert">
                {t(failure.errors.reason)}
              </p>
            ) : null}
          </fieldset>
          <Field
            name="note"
            label={t("chamber:report.note")}
            multiline
            errors={failure?.errors}
            values={failure?.values}
          />
          <EmailField label={t("chamber:report.email")} errors={failure?.errors} values={failure?.values} />
          <button type="submit" className="button">
            {t("chamber:report.submit")}
          </button>
        </Form>
      )}
    </section>
  );
}
