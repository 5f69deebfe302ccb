import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, SelectField } from "~/components/form";
import { MemberInviteFields } from "~/components/member-invite-fields";
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
        <SelectField
          name="cooperativeId"
          label={t("account:staffInvite.cooperative")}
          options={cooperatives.map((c) => ({ value: String(c.id), label: c.name.text }))}
          errors={failure?.errors}
          values={failure?.values}
        />
        <MemberInviteFields defaultRole="owner" errors={failure?.errors} values={failure?.values} />
        <button type="submit" className="button">
          {t("shop:members.send")}
        </button>
      </Form>
    </section>
  );
}
