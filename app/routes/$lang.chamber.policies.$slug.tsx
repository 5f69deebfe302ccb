import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError } from "~/components/form";
import { LocalizedFields } from "~/components/localized-fields";
import { localizedValue } from "~/forms/fields.server";
import { PolicySchema } from "~/forms/trust.server";
import { getFixedT } from "~/i18n/i18n.server";
import { pickLocalized } from "~/i18n/localized";
import { useLocale } from "~/i18n/use-locale";
import { getPolicyForEditing, savePolicy } from "~/models/policies.server";
import { isPolicySlug } from "~/models/policy-defaults";
import { requireStaff } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/form-body.server";
import { parseForm } from "~/utils/forms";
import { notFound, requireLocale } from "~/utils/http.server";
import { seoMeta } from "~/utils/seo";
import { localePath } from "~/utils/urls";

function requireSlug(slug: string | undefined) {
  return isPolicySlug(slug) ? slug : notFound();
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  await requireStaff(request, locale, "administer");
  const policy = await getPolicyForEditing(db, requireSlug(params.slug));
  const t = getFixedT(locale);
  return {
    policy,
    heading: pickLocalized(policy.title, locale),
    seo: { title: t("trust:policies.admin.metaTitle") },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const staff = await requireStaff(request, locale, "administer");
  const slug = requireSlug(params.slug);
  const parsed = parseForm(PolicySchema, await readForm(request));
  if (!parsed.ok) return data(parsed, { status: 400 });
  await savePolicy(db, {
    slug,
    title: localizedValue(parsed.data, "title"),
    body: localizedValue(parsed.data, "body"),
    staffId: staff.id,
  });
  return redirect(`${localePath(locale, "/chamber/policies")}?saved=${slug}`);
}

export default function EditPolicy() {
  const { policy, heading } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <section className="stack" aria-labelledby="policy-edit-title">
      <p>
        <Link to={localePath(locale, "/chamber/policies")}>{t("trust:policies.admin.back")}</Link>
      </p>
      <h1 id="policy-edit-title">{t("trust:policies.admin.editTitle", { title: heading.text })}</h1>
      <p className="muted">{t("trust:policies.admin.format")}</p>
      <Form method="post" className="stack" noValidate>
        <FormError errors={failure?.errors} />
        <LocalizedFields
          name="title"
          label={t("trust:policies.admin.titleField")}
          value={policy.title}
          failure={failure}
        />
        <LocalizedFields
          name="body"
          label={t("trust:policies.admin.bodyField")}
          value={policy.body}
          failure={failure}
          multiline
        />
        <button type="submit" className="button">
          {t("trust:policies.admin.save")}
        </button>
      </Form>
    </section>
  );
}
