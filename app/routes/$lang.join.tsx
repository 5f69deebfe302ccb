import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import type { ClientLoaderFunctionArgs } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormError, SelectField } from "~/components/form";
import { JoinSchema } from "~/forms/chamber.server";
import { getFixedT } from "~/i18n/i18n.server";
import { ensureNamespaces, type I18nHandle } from "~/i18n/namespaces";
import { listCraftLinks } from "~/models/catalogue.server";
import { submitApplication } from "~/models/chamber.server";
import { isKnownProvince, listProvinceOptions } from "~/models/cooperatives.server";
import { db } from "~/utils/db.server";
import { fieldFailure, parseForm } from "~/utils/forms";
import { requireLocale } from "~/utils/http.server";
import { seoMeta } from "~/utils/seo";
import { readForm } from "~/utils/form-body.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const [provinces, crafts] = await Promise.all([
    listProvinceOptions(db, locale),
    listCraftLinks(db, locale),
  ]);
  const t = getFixedT(locale);
  return {
    provinces,
    crafts,
    seo: { title: t("chamber:join.metaTitle"), description: t("chamber:join.intro") },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

/** "Join Hirfa": a cooperative applies; the chamber verifies it before anything goes public. */
export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const formData = await readForm(request);
  const parsed = parseForm(JoinSchema, formData);
  if (!parsed.ok) return data({ ...parsed, crafts: formData.getAll("crafts").map(String) }, { status: 400 });
  if (!(await isKnownProvince(db, parsed.data.provinceSlug))) {
    return data(
      {
        ...fieldFailure(formData, "provinceSlug", "shop:errors.province"),
        crafts: formData.getAll("crafts").map(String),
      },
      { status: 400 },
    );
  }
  const known = new Set((await listCraftLinks(db, locale)).map((c) => c.slug));
  await submitApplication(db, {
    ...parsed.data,
    craftSlugs: formData
      .getAll("crafts")
      .map(String)
      .filter((c) => known.has(c)),
    locale,
  });
  return { ok: true as const };
}

export const handle: I18nHandle = { i18n: ["chamber", "shop"] };

/** Client-side navigations into this part of the site bring its strings first. */
export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  const [data] = await Promise.all([serverLoader<typeof loader>(), ensureNamespaces(handle.i18n ?? [])]);
  return data;
}

export default function JoinPage() {
  const { provinces, crafts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  if (result?.ok) {
    return (
      <section className="narrow">
        <h1>{t("chamber:join.title")}</h1>
        <p className="notice" role="status">
          {t("chamber:join.thanks")}
        </p>
      </section>
    );
  }
  const failure = result && !result.ok ? result : undefined;
  const chosen = new Set(failure?.crafts ?? []);
  return (
    <section className="narrow stack" aria-labelledby="join-title">
      <h1 id="join-title">{t("chamber:join.title")}</h1>
      <p>{t("chamber:join.intro")}</p>
      <Form method="post" className="stack" noValidate>
        <FormError errors={failure?.errors} />
        <Field
          name="name"
          label={t("chamber:join.name")}
          errors={failure?.errors}
          values={failure?.values}
          required
        />
        <Field
          name="registrationNumber"
          label={t("chamber:join.registrationNumber")}
          dir="ltr"
          errors={failure?.errors}
          values={failure?.values}
          required
        />
        <SelectField
          name="provinceSlug"
          label={t("chamber:reviews.province")}
          placeholder={t("chamber:join.chooseProvince")}
          options={provinces.map((p) => ({ value: p.slug, label: p.name.text }))}
          errors={failure?.errors}
          values={failure?.values}
        />
        <Field name="city" label={t("shop:profile.city")} errors={failure?.errors} values={failure?.values} />
        <fieldset>
          <legend>{t("chamber:join.crafts")}</legend>
          <div className="form-grid">
            {crafts.map((c) => (
              <div className="field field--check" key={c.slug}>
                <input
                  id={`craft-${c.slug}`}
                  type="checkbox"
                  name="crafts"
                  value={c.slug}
                  defaultChecked={chosen.has(c.slug)}
                />
                <label htmlFor={`craft-${c.slug}`}>{c.name.text}</label>
              </div>
            ))}
          </div>
        </fieldset>
        <Field
          name="contactName"
          label={t("chamber:join.contactName")}
          errors={failure?.errors}
          values={failure?.values}
          autoComplete="name"
          required
        />
        <Field
          name="contactEmail"
          type="email"
          label={t("chamber:join.contactEmail")}
          dir="ltr"
          errors={failure?.errors}
          values={failure?.values}
          autoComplete="email"
          required
        />
        <Field
          name="contactPhone"
          type="tel"
          label={t("chamber:join.contactPhone")}
          dir="ltr"
          errors={failure?.errors}
          values={failure?.values}
          autoComplete="tel"
          required
        />
        <Field
          name="message"
          label={t("chamber:join.message")}
          multiline
          errors={failure?.errors}
          values={failure?.values}
        />
        <button type="submit" className="button">
          {t("chamber:join.submit")}
        </button>
      </Form>
    </section>
  );
}
