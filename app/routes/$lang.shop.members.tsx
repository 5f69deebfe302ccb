import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError } from "~/components/form";
import { MemberInviteFields } from "~/components/member-invite-fields";
import { getFixedT } from "~/i18n/i18n.server";
import { dateText } from "~/i18n/format";
import { sendInvitationEmail } from "~/models/account-mail.server";
import { getCooperativeProfile, listMembers, removeMember } from "~/models/cooperatives.server";
import { requireCooperativeMember } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { publicOrigin } from "~/utils/env.server";
import { parseForm } from "~/utils/forms";
import { notFound, requireId, requireLocale } from "~/utils/http.server";
import { InviteMemberSchema } from "~/forms/account.server";
import { seoMeta } from "~/utils/seo";
import { localePath } from "~/utils/urls";
import { readForm } from "~/utils/form-body.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const { cooperativeId, user } = await requireCooperativeMember(request, locale, "members");
  const members = await listMembers(db, cooperativeId);
  const t = getFixedT(locale);
  const invitations = members.invitations.map((i) => ({
    ...i,
    expires: dateText(i.expiresAt, locale, { dateStyle: "medium" })?.text ?? "",
  }));
  return { ...members, invitations, me: user.id, seo: { title: t("shop:members.metaTitle") } };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const { cooperativeId, user } = await requireCooperativeMember(request, locale, "members");
  const formData = await readForm(request);
  const base = localePath(locale, "/shop/members");
  if (formData.get("intent") === "remove") {
    const result = await removeMember(db, {
      cooperativeId,
      actorId: user.id,
      userId: requireId(formData.get("userId")),
    });
    if (!result.ok && result.error === "not_found") notFound();
    return redirect(`${base}?notice=${result.ok ? "removed" : "lastOwner"}`);
  }
  const parsed = parseForm(InviteMemberSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const profile = await getCooperativeProfile(db, cooperativeId);
  if (!profile) notFound();
  await sendInvitationEmail(db, {
    ...parsed.data,
    cooperativeId,
    cooperativeName: profile.cooperative.name,
    inviter: { id: user.id, name: user.name },
    locale,
    origin: publicOrigin(),
  });
  return redirect(`${base}?notice=sent&email=${encodeURIComponent(parsed.data.email)}`);
}

export default function ShopMembers() {
  const { members, invitations, me } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const notice = search.get("notice");
  return (
    <section aria-labelledby="members-title" className="stack">
      <h2 id="members-title">{t("shop:members.title")}</h2>
      {notice === "sent" ? (
        <p className="notice" role="status">
          {t("shop:members.sent", { email: search.get("email") ?? "" })}
        </p>
      ) : null}
      {notice === "removed" ? (
        <p className="notice" role="status">
          {t("shop:members.removed")}
        </p>
      ) : null}
      {notice === "lastOwner" ? (
        <p className="form-error" role="alert">
          {t("shop:members.lastOwner")}
        </p>
      ) : null}
      <table className="data-table">
        <tbody>
          {members.map((m) => (
            <tr key={m.userId} data-testid="member-row">
              <td>
                <bdi>{m.name}</bdi>{" "}
                {m.userId === me ? <span className="muted">({t("shop:members.you")})</span> : null}
              </td>
              <td>
                <bdi dir="ltr">{m.email}</bdi>
              </td>
              <td>{t(`account:roles.${m.role}`)}</td>
              <td className="data-table__actions">
                {m.userId !== me ? (
                  <Form method="post">
                    <input type="hidden" name="userId" value={m.userId} />
                    <button type="submit" name="intent" value="remove" className="button button--danger">
                      {t("shop:members.remove")}
                    </button>
                  </Form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {invitations.length > 0 ? (
        <>
          <h3>{t("shop:members.pending")}</h3>
          <ul className="plain-list" data-testid="pending-invitations">
            {invitations.map((i) => (
              <li key={`${i.email}-${i.expiresAt}`}>
                <span dir="ltr">{i.email}</span> — {t(`account:roles.${i.role ?? "editor"}`)} ·{" "}
                {t("shop:members.expires", { date: i.expires })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <Form method="post" className="stack" noValidate>
        <h3>{t("shop:members.invite")}</h3>
        <FormError errors={failure?.errors} />
        <MemberInviteFields defaultRole="editor" errors={failure?.errors} values={failure?.values} />
        <button type="submit" name="intent" value="invite" className="button">
          {t("shop:members.send")}
        </button>
      </Form>
    </section>
  );
}
