import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormError } from "~/components/form";
import { getFixedT } from "~/i18n/i18n.server";
import { sendInvitationEmail } from "~/models/account-mail.server";
import { getCooperativeProfile, listCooperativeOptions } from "~/models/cooperatives.server";
import { requireStaff } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { publicOrigin } from "~/utils/env.server";
import { formFailure, parseForm } from "~/utils/forms";
import { requireLocale } from "~/utils/http.server";
import { StaffInviteSchema } from "~/forms/account.server";
import { seoMeta } from "~/utils/seo";
import { localePath } from "~/utils/urls";
import { readForm } from "~/utils/form-body.server";

/** Chamber staff invite a cooperative's members (usually its first owner) by email. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  await requireStaff(request, locale, "moderate");
  const cooperatives = await listCooperativeOptions(db, locale);
  const t = getFixedT(locale);
  return { cooperatives, seo: { title: t("account:staffInvite.metaTitle") } };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const staff = await requireStaff(request, locale, "moderate");
  const parsed = parseForm(StaffInviteSchema, await readForm(request));
  if (!parsed.ok) return data(parsed, { status: 400 });
  const profile = await getCooperativeProfile(db, parsed.data.cooperativeId);
  if (!profile) return data(formFailure("form.invalid", "cooperativeId"), { status: 400 });
  await sendInvitationEmail(db, {
    email: parsed.data.email,
    role: parsed.data.role,
    cooperativeId: profile.cooperative.id,
    cooperativeName: profile.cooperative.name,
    inviter: { id: staff.id, name: staff.name },
    locale,
    origin: publicOrigin(),
  });
  return redirect(
    `${localePath(locale, "/chamber/invitations")}?sent=${encodeURIComponent(parsed.data.email)}`,
  );
}

export default function StaffInvitations() {
  const { cooperatives } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const sent = search.get("sent");
  return (
    <section className="narrow stack" aria-labelledby="staff-invite-title">
      <h1 id="staff-invite-title">{t("account:staffInvite.title")}</h1>
      {sent ? (
        <p className="notice" role="status">
          {t("shop:members.sent", { email: sent })}
        </p>
      ) : null}
      <Form method="post" className="stack" noValidate>
        <FormError errors={failure?.errors} />
        <div className="field">
          <label htmlFor="field-cooperativeId">{t("account:staffInvite.cooperative")}</label>
          <select id="field-cooperativeId" name="cooperativeId" defaultValue={failure?.values?.cooperativeId}>
            {cooperatives.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name.text}
              </option>
            ))}
          </select>
        </div>
        <Field
          name="email"
          type="email"
          label={t("shop:members.email")}
          errors={failure?.errors}
          values={failure?.values}
          dir="ltr"
          required
        />
        <div className="field">
          <label htmlFor="field-role">{t("shop:members.role")}</label>
          <select id="field-role" name="role" defaultValue={failure?.values?.role ?? "owner"}>
            <option value="owner">{t("account:roles.owner")}</option>
            <option value="editor">{t("account:roles.editor")}</option>
          </select>
        </div>
        <button type="submit" className="button">
          {t("shop:members.send")}
        </button>
      </Form>
    </section>
  );
}
