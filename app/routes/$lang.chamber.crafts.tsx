import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError } from "~/components/form";
import { attributeKeyOptions, CraftSchema } from "~/forms/chamber.server";
import { localizedValue } from "~/forms/fields.server";
import { directionOf, isLocale, locales, type Locale } from "~/i18n/config";
import { getFixedT } from "~/i18n/i18n.server";
import { listCraftsForStaff, saveCraft } from "~/models/chamber.server";
import { requireStaff } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { fieldFailure, parseForm } from "~/utils/forms";
import { notFound, requireLocale } from "~/utils/http.server";
import { seoMeta } from "~/utils/seo";
import { localePath } from "~/utils/urls";
import { readForm } from "~/utils/form-body.server";

/** Crafts are data: admins add or rename them, with the attributes their listings carry. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  await requireStaff(request, locale, "administer");
  const crafts = await listCraftsForStaff(db);
  const t = getFixedT(locale);
  return { crafts, attributeKeys: attributeKeyOptions, seo: { title: t("chamber:crafts.metaTitle") } };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const staff = await requireStaff(request, locale, "administer");
  const formData = await readForm(request);
  const parsed = parseForm(CraftSchema, formData);
  if (!parsed.ok) return data({ ...parsed, craftId: String(formData.get("id") ?? "") }, { status: 400 });
  const attributeKeys = formData
    .getAll("attributeKeys")
    .map(String)
    .filter((k) => attributeKeyOptions.includes(k));
  const result = await saveCraft(db, {
    staffId: staff.id,
    id: parsed.data.id,
    slug: parsed.data.slug,
    name: localizedValue(parsed.data, "name"),
    attributeKeys,
  });
  if (!result.ok) {
    if (result.error === "not_found") notFound();
    return data(
      {
        ...fieldFailure(formData, "slug", "chamber:errors.slugTaken"),
        craftId: String(formData.get("id") ?? ""),
      },
      { status: 409 },
    );
  }
  return redirect(`${localePath(locale, "/chamber/crafts")}?saved=${parsed.data.slug}`);
}

function CraftForm({
  craft,
  attributeKeys,
  failure,
}: {
  craft?: { id: number; slug: string; name: Record<string, string | undefined>; attributeKeys: string[] };
  attributeKeys: string[];
  failure?: { errors: Record<string, string>; values: Record<string, string> };
}) {
  const { t } = useTranslation();
  const prefix = craft ? `craft-${craft.id}` : "craft-new";
  return (
    <Form
      method="post"
      className="stack preview"
      noValidate
      aria-label={craft ? craft.slug : t("chamber:crafts.add")}
    >
      <FormError errors={failure?.errors} />
      {craft ? <input type="hidden" name="id" value={craft.id} /> : null}
      <div className="form-grid">
        {["slug", ...locales.map((l) => `name_${l}`)].map((f) => (
          <div className="field" key={f}>
            <label htmlFor={`${prefix}-${f}`}>{t(`chamber:crafts.${f}`)}</label>
            <input
              id={`${prefix}-${f}`}
              name={f}
              dir={isLocale(f.slice(5)) ? directionOf(f.slice(5) as Locale) : "ltr"}
              lang={f === "slug" ? undefined : f.slice(5)}
              defaultValue={
                failure?.values[f] ?? (f === "slug" ? craft?.slug : craft?.name[f.slice(5)]) ?? ""
              }
              aria-invalid={failure?.errors[f] ? true : undefined}
            />
            {failure?.errors[f] ? (
              <p className="field__error" role="alert">
                {t(failure.errors[f])}
              </p>
            ) : null}
          </div>
        ))}
      </div>
      <fieldset>
        <legend>{t("chamber:crafts.attributes")}</legend>
        <div className="form-grid">
          {attributeKeys.map((k) => (
            <div className="field field--check" key={k}>
              <input
                id={`${prefix}-attr-${k}`}
                type="checkbox"
                name="attributeKeys"
                value={k}
                defaultChecked={craft?.attributeKeys.includes(k)}
              />
              <label htmlFor={`${prefix}-attr-${k}`}>{t(`attributes.${k}`, { defaultValue: k })}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <button type="submit" className="button">
        {craft ? t("shop:form.save") : t("chamber:crafts.add")}
      </button>
    </Form>
  );
}

export default function CraftsPage() {
  const { crafts, attributeKeys } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section className="stack" aria-labelledby="crafts-title">
      <h1 id="crafts-title">{t("chamber:crafts.title")}</h1>
      <h2>{t("chamber:crafts.add")}</h2>
      <CraftForm attributeKeys={attributeKeys} failure={failure && !failure.craftId ? failure : undefined} />
      <h2>{t("chamber:crafts.existing")}</h2>
      {crafts.map((c) => (
        <CraftForm
          key={c.id}
          craft={c}
          attributeKeys={attributeKeys}
          failure={failure?.craftId === String(c.id) ? failure : undefined}
        />
      ))}
    </section>
  );
}
