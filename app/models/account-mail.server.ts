/**
 * The emails of the account flows, written in the recipient's language and queued in the mail
 * outbox in the transaction that creates their token (sent by the mail worker: decision 009).
 */
import type { Executor } from "#db/client";
import type { Locale } from "~/i18n/config";
import { getFixedT } from "~/i18n/i18n.server";
import { pickLocalized } from "~/i18n/localized";
import { localePath } from "~/utils/urls";
import { queueMail } from "./mail-outbox.server";
import {
  createInvitation,
  createPasswordReset,
  mayRequestPasswordReset,
  requestRegistration,
} from "./users.server";
import type { MembershipRole } from "~/utils/permissions";

/**
 * Nothing is queued for an unknown address, nor over the limits (3 an hour per account, 10 per
 * address: decision 010); the page says the same either way, and nothing waits on a mail server.
 */
export async function sendPasswordResetEmail(
  db: Executor,
  input: Parameters<typeof queuePasswordReset>[1] & { address: string },
) {
  if (!(await mayRequestPasswordReset(db, input))) return;
  await db.transaction((tx) => queuePasswordReset(tx, input));
}

async function queuePasswordReset(db: Executor, input: { email: string; locale: Locale; origin: string }) {
  const reset = await createPasswordReset(db, input.email);
  if (!reset) return;
  const t = getFixedT(input.locale);
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
  const t = getFixedT(input.locale);
  const cooperative = pickLocalized(input.cooperativeName, input.locale).text;
  const link = `${input.origin}${localePath(input.locale, `/invitations/${token}`)}`;
  await queueMail(db, {
    kind: "invitation",
    to: input.email,
    subject: t("mail:account.inviteSubject", { cooperative }),
    text: t("mail:account.inviteBody", {
      cooperative,
      inviter: input.inviter.name,
      role: t(`account:roles.${input.role}`),
      link,
    }),
  });
  return { token };
}

/**
 * A registration (decision 010): a link to confirm a new address, or, when the address already
 * has an account, a word to its owner instead. The asker sees the same page either way.
 */
export async function sendRegistrationEmail(
  db: Executor,
  input: { name: string; email: string; password: string; locale: Locale; origin: string },
) {
  await db.transaction(async (tx) => {
    const request = await requestRegistration(tx, input);
    if (request.kind === "quiet") return;
    const t = getFixedT(input.locale);
    await queueMail(
      tx,
      request.kind === "confirm"
        ? {
            kind: "registration",
            to: request.email,
            subject: t("mail:account.registerSubject"),
            text: t("mail:account.registerBody", {
              name: request.name,
              link: `${input.origin}${localePath(input.locale, `/register/${request.token}`)}`,
            }),
          }
        : {
            kind: "registration",
            to: request.user.email,
            subject: t("mail:account.registerExistsSubject"),
            text: t("mail:account.registerExistsBody", {
              name: request.user.name,
              login: `${input.origin}${localePath(input.locale, "/login")}`,
              forgot: `${input.origin}${localePath(input.locale, "/forgot-password")}`,
            }),
          },
    );
  });
}
