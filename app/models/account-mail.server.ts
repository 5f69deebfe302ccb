/**
 * The emails of the account flows, written in the recipient's language and queued in the mail
 * outbox in the transaction that creates their token (sent by the mail worker: decision 009).
 */
import type { Executor } from "../../db/client";
import type { Locale } from "~/i18n/config";
import { getFixedT } from "~/i18n/i18n.server";
import { pickLocalized } from "~/i18n/localized";
import { localePath } from "~/utils/urls";
import { queueMail } from "./mail-outbox.server";
import { createInvitation, createPasswordReset, type MembershipRole } from "./users.server";

/** Nothing is queued for an unknown address; either way nothing waits on a mail server. */
export async function sendPasswordResetEmail(db: Executor, input: Parameters<typeof queuePasswordReset>[1]) {
  await db.transaction((tx) => queuePasswordReset(tx, input));
}

async function queuePasswordReset(db: Executor, input: { email: string; locale: Locale; origin: string }) {
  const reset = await createPasswordReset(db, input.email);
  if (!reset) return;
  const t = await getFixedT(input.locale);
  const link = `${input.origin}${localePath(input.locale, `/reset-password/${reset.token}`)}`;
  await queueMail(db, {
    kind: "password_reset",
    to: reset.user.email,
    subject: t("mail:account.resetSubject"),
    text: t("mail:account.resetBody", { name: reset.user.name, link }),
  });
}

export async function sendInvitationEmail(db: Executor, input: Parameters<typeof queueInvitation>[1]) {
  return db.transaction((tx) => queueInvitation(tx, input));
}

async function queueInvitation(
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
  await queueMail(db, {
    kind: "invitation",
    to: input.email,
    subject: t("mail:account.inviteSubject", { cooperative }),
    text: t("mail:account.inviteBody", { cooperative, inviter: input.inviter.name, role: t(`account:roles.${input.role}`), link }),
  });
  return { token };
}
