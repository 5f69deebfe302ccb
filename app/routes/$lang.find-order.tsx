import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import type { ClientLoaderFunctionArgs } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EmailField, Field, FormError } from "~/components/form";
import { FindOrderSchema } from "~/forms/trust.server";
import { getFixedT } from "~/i18n/i18n.server";
import { ensureNamespaces, type I18nHandle } from "~/i18n/namespaces";
import { mailOrderLink, mayFindOrder } from "~/models/find-order.server";
import { clientAddress } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { publicOrigin } from "~/utils/env.server";
import { readForm } from "~/utils/form-body.server";
import { fieldFailure, parseForm } from "~/utils/forms";
import { requireLocale } from "~/utils/http.server";
import { seoMeta } from "~/utils/seo";

export const handle: I18nHandle = { i18n: ["trust"] };

export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  const [loaded] = await Promise.all([serverLoader<typeof loader>(), ensureNamespaces(handle.i18n ?? [])]);
  return loaded;
}

export async function loader({ params }: LoaderFunctionArgs) {
  const t = getFixedT(requireLocale(params));
  return { seo: { title: t("trust:find.metaTitle") } };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const formData = await readForm(request);
  const parsed = parseForm(FindOrderSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  // Too many asks from one connection: said plainly, it tells nothing about any order (decision 010).
  if (!(await mayFindOrder(db, clientAddress(context))))
    return data(fieldFailure(formData, "form", "trust:errors.rateLimited"), {
      status: 429,
      headers: { "Retry-After": "3600" },
    });
  await mailOrderLink(db, { ...parsed.data, locale, origin: publicOrigin() });
  // The same answer whether or not the order exists: the link goes only to its buyer's mailbox.
  return { ok: true as const };
}

export default function FindOrderRoute() {
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const failure = result && !result.ok ? result : undefined;
  return (
    <section className="narrow stack" aria-labelledby="find-title">
      <h1 id="find-title">{t("trust:find.title")}</h1>
      {result?.ok ? (
        <p className="notice" role="status" data-testid="find-sent">
          {t("trust:find.sent")}
        </p>
      ) : (
        <>
          <p>{t("trust:find.intro")}</p>
          <Form method="post" className="stack" noValidate>
            <FormError errors={failure?.errors} />
            <EmailField
              label={t("trust:find.email")}
              errors={failure?.errors}
              values={failure?.values}
              autoComplete="email"
              required
            />
            <Field
              name="reference"
              label={t("trust:find.reference")}
              hint={t("trust:find.referenceHint")}
              errors={failure?.errors}
              values={failure?.values}
              required
              dir="ltr"
            />
            <button type="submit" className="button">
              {t("trust:find.submit")}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
