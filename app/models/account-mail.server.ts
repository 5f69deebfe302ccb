/** The emails of the account flows, written in the recipient's language. */
import type { Executor } from "../../db/client";
import type { Locale } from "~/i18n/config";
import { getFixedT } from "~/i18n/i18n.server";
import { pickLocalized } from "~/i18n/localized";
import { getMailer } from "~/services/mail.server";
import { localePath } from "~/utils/urls";
import { createInvitation, createPasswordReset, type MembershipRole } from "./users.server";

export async function sendPasswordResetEmail(db: Executor, input: { email: string; locale: Locale; origin: string }) {
  const reset = await createPasswordReset(db, input.email);
  if (!reset) return;
  const t = await getFixedT(input.locale);
  const link = `${input.origin}${localePath(input.locale, `/reset-password/${reset.token}`)}`;
  await getMailer().send({
    to: reset.user.email,
    subject: t("mail:account.resetSubject"),
    text: t("mail:account.resetBody", { name: reset.user.name, link }),
  });
}

export async function sendInvitationEmail(
  db: Executor,
  input: {
    email: string;
    cooperativeId: number;
    cooperativeName: Record<string, string | undefined>;
    role: MembershipRole;
    inviter: { id: number; name: string };
    locale: Locale;
    origin: string;
  },
) {
  const { token } = await createInvitation(db, {
    email: input.email,
    cooperativeId: input.cooperativeId,
    role: input.role,
    invitedBy: input.inviter.id,
  });
  const t = await getFixedT(input.locale);
  const cooperative = pickLocalized(input.cooperativeName, input.locale).text;
  const link = `${input.origin}${localePath(input.locale, `/invitations/${token}`)}`;
  await getMailer().send({
    to: input.email,
    subject: t("mail:account.inviteSubject", { cooperative }),
    text: t("mail:account.inviteBody", { cooperative, inviter: input.inviter.name, role: t(`account:roles.${input.role}`), link }),
  });
  return { token };
}
