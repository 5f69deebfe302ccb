/**
 * "Find my order": a guest who lost the private link of an order gives its e-mail address and
 * reference; the link is mailed to that address, never shown (decision 019). The page answers
 * the same whether or not such an order exists. Limited like password resets (decision 010):
 * 10 requests an hour per client address (refused plainly: it is about the visitor, not an
 * order) and 3 mails an hour per mailbox (silently).
 */
import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { orders } from "#db/schema";
import { isLocale, type Locale } from "~/i18n/config";
import { getFixedT } from "~/i18n/i18n.server";
import { queueMail } from "./mail-outbox.server";
import { orderUrl } from "./order-mail.server";
import { orderReference } from "./order-reference";
import { addressKey, takeSlot, type WindowLimit } from "./rate-limits.server";

const HOUR_MS = 3_600_000;
export const FIND_ORDER_LIMITS = {
  address: { kind: "window", max: 10, windowMs: HOUR_MS },
  mailbox: { kind: "window", max: 3, windowMs: HOUR_MS },
} satisfies Record<string, WindowLimit>;

/** Whether `address` may ask once more now. */
export async function mayFindOrder(db: Executor, address: string): Promise<boolean> {
  return (
    await takeSlot(db, [{ key: `find-order-from:${addressKey(address)}`, limit: FIND_ORDER_LIMITS.address }])
  ).ok;
}

/**
 * Queues the order's link to `email` when an order with that reference was placed with that
 * address (a part's reference, `…-B`, names its order too). Nothing otherwise, nothing visible.
 */
export async function mailOrderLink(
  db: Executor,
  input: { email: string; reference: string; locale: Locale; origin: string },
): Promise<void> {
  const email = input.email.trim().toLowerCase();
  const mailbox = await takeSlot(db, [{ key: `find-order-mail:${email}`, limit: FIND_ORDER_LIMITS.mailbox }]);
  if (!mailbox.ok) return;
  const match = input.reference.match(/^(H-\d{4}-(\d{1,9}))(?:-[A-Z]{1,3})?$/);
  if (!match) return;
  const id = Number(match[2]);
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) return;
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.id, id), sql`lower(${orders.buyerEmail}) = ${email}`));
  // The year is part of the reference: a right number with a wrong year finds nothing.
  if (!order || orderReference(order) !== match[1]) return;
  const locale: Locale = isLocale(input.locale) ? input.locale : isLocale(order.locale) ? order.locale : "ar";
  const t = getFixedT(locale);
  await queueMail(db, {
    kind: "find_order",
    to: order.buyerEmail,
    subject: t("trustmail:mail.findOrderSubject", { number: match[1] }),
    text: t("trustmail:mail.findOrderBody", {
      name: order.buyerName,
      number: match[1],
      link: orderUrl(input.origin, locale, order.token),
    }),
  });
}
