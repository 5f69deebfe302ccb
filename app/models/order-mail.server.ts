/**
 * The mails an order sends: one to the buyer with the private link to the order page (in
 * the buyer's language), one to each cooperative with its own lines only (in Arabic and
 * French, the two languages of the back office); later, one to the buyer when a
 * cooperative ships its part (carrier and tracking number) or cancels it (with its reason and
 * refund), and one when a payment came too late and is refunded. Each is queued in the mail
 * outbox (decision 009) through the executor given: pass the transaction of the change it
 * reports, and it is sent by the mail worker once that commits.
 */
import type { Executor } from "#db/client";
import { defaultLocale, isLocale, locales, type Locale } from "~/i18n/config";
import { formatMoney } from "~/i18n/format";
import { getFixedT } from "~/i18n/i18n.server";
import { localePath } from "~/utils/urls";
import { queueMail, type MailKind } from "./mail-outbox.server";
import { cooperativeContacts } from "./cooperatives.server";
import { getOrder, type OrderView } from "./orders.server";
import type { PickupView } from "./orders.server";
import { fairDays } from "./fair-dates";

/** Where a part is collected (decision 021); the buyer's mail carries the code, the cooperative's does not. */
function pickupLines(pickup: Omit<PickupView, "code"> & { code: string | null }, locale: Locale): string[] {
  const t = getFixedT(locale);
  return [
    `  ${t("fairs:pickup.where", { fair: pickup.fair.text, venue: pickup.venue.text, city: pickup.city.text })}${pickup.standNumber ? ` ${t("fairs:stand", { number: pickup.standNumber })}` : ""} · ${fairDays(pickup.startsOn, pickup.endsOn, locale)}`,
    ...(pickup.code ? [`  ${t("fairs:pickup.codeBuyer")} ${pickup.code}`] : []),
  ];
}

export function orderUrl(origin: string, locale: Locale, token: string) {
  return `${origin}${localePath(locale, `/orders/${token}`)}`;
}

function buyerMail(order: OrderView, locale: Locale, origin: string) {
  const t = getFixedT(locale);
  const money = (c: number) => formatMoney(c, order.currency, locale);
  const lines = order.shopOrders.flatMap((s) => [
    `— ${s.cooperative.text} (${s.reference})`,
    ...s.lines.map((l) => `  ${l.title.text} × ${l.quantity} : ${money(l.lineTotalCentimes)}`),
    ...(s.pickup
      ? pickupLines(s.pickup, locale)
      : [`  ${t("checkout:order.shipping")} : ${money(s.shippingCentimes)}`]),
  ]);
  return toBuyer(
    "order_buyer",
    order,
    locale,
    origin,
    t("mail:order.buyerSubject", { number: order.reference }),
    [
      t(
        order.paymentMethod !== "cod"
          ? "mail:order.buyerPaid"
          : order.shopOrders.every((s) => s.pickup)
            ? "fairs:pickup.mailPayAtStand"
            : "mail:order.buyerCod",
      ),
      "",
      ...lines,
      "",
      `${t("checkout:order.total")} : ${money(order.totalCentimes)}`,
    ],
  );
}

async function cooperativeMail(order: OrderView, shopIndex: number, email: string, origin: string) {
  const shop = order.shopOrders[shopIndex];
  const parts: string[] = [];
  let subject = "";
  for (const locale of locales) {
    const t = getFixedT(locale);
    const money = (c: number) => formatMoney(c, order.currency, locale);
    if (!subject) subject = t("mail:order.shopSubject", { number: shop.reference });
    parts.push(
      [
        t("mail:order.shopIntro", { number: shop.reference }),
        t(order.paymentMethod === "cod" ? "mail:order.shopCod" : "mail:order.shopPaid"),
        ...shop.lines.map((l) => `  ${l.title.text} × ${l.quantity} : ${money(l.lineTotalCentimes)}`),
        ...(shop.pickup
          ? pickupLines({ ...shop.pickup, code: null }, locale)
          : [
              `  ${t("checkout:order.shipping")} : ${money(shop.shippingCentimes)}`,
              `${t("mail:order.shipTo")} : ${order.buyerName}, ${order.address.city} (${order.address.country})`,
            ]),
        `${origin}${localePath(locale, `/shop/orders/${shop.id}`)}`,
      ].join("\n"),
    );
  }
  return { kind: "order_shop" as const, to: email, subject, text: parts.join("\n\n———\n\n") };
}

/** Queues the order's mails (the buyer's and each cooperative's). */
export async function sendOrderMails(db: Executor, orderId: number, origin: string): Promise<void> {
  const found = await orderInBuyersLanguage(db, orderId);
  if (!found) return;
  const { order, locale } = found;
  const messages = [buyerMail(order, locale, origin)];
  const contacts = await cooperativeContacts(
    db,
    order.shopOrders.map((s) => s.cooperativeId),
  );
  for (const [i, shop] of order.shopOrders.entries()) {
    const contact = contacts.find((c) => c.id === shop.cooperativeId);
    if (contact?.email) messages.push(await cooperativeMail(order, i, contact.email, origin));
  }
  await queueMail(db, messages);
}

/** Tells the buyer, in their language, that a cooperative shipped or cancelled its part. */
export async function sendShopOrderUpdateMail(
  db: Executor,
  input: { orderId: number; shopOrderId: number; action: "ship" | "cancel" | "deliver" },
  origin: string,
): Promise<void> {
  const found = await orderInBuyersLanguage(db, input.orderId);
  const shop = found?.order.shopOrders.find((s) => s.id === input.shopOrderId);
  if (!found || !shop) return;
  const { order, locale } = found;
  const t = getFixedT(locale);
  if (input.action === "deliver") {
    // One link per product of the part: each opens its review form (decision 019).
    const reviewLinks = shop.lines.flatMap((l) =>
      l.productId === null
        ? []
        : [
            `  ${l.title.text}: ${origin}${localePath(locale, `/orders/${order.token}/review/${l.productId}`)}`,
          ],
    );
    await queueMail(
      db,
      toBuyer(
        "order_update",
        order,
        locale,
        origin,
        t("trustmail:mail.deliveredSubject", { number: shop.reference }),
        [
          t("trustmail:mail.deliveredIntro", { cooperative: shop.cooperative.text }),
          ...(reviewLinks.length > 0 ? ["", t("trustmail:mail.deliveredReview"), ...reviewLinks] : []),
        ],
      ),
    );
    return;
  }
  const shipped = input.action === "ship";
  await queueMail(
    db,
    toBuyer(
      "order_update",
      order,
      locale,
      origin,
      t(shipped ? "mail:order.shippedSubject" : "mail:order.cancelledSubject", { number: shop.reference }),
      [
        t(shipped ? "mail:order.shippedIntro" : "mail:order.cancelledIntro", {
          cooperative: shop.cooperative.text,
        }),
        ...shop.lines.map((l) => `  ${l.title.text} × ${l.quantity}`),
        "",
        shipped
          ? t("mail:order.shippedTracking", {
              carrier: shop.carrier ?? "",
              tracking: shop.trackingNumber ?? "",
            })
          : t("mail:order.cancelledReason", { reason: shop.cancelReason ?? "" }),
        ...(!shipped && shop.refund
          ? [
              t(
                shop.refund.status === "failed"
                  ? "mail:order.cancelledRefundFailed"
                  : "mail:order.cancelledRefund",
                {
                  amount: formatMoney(shop.refund.amountCentimes, order.currency, locale),
                },
              ),
            ]
          : []),
      ],
    ),
  );
}

/** Tells the buyer, in their language, that a payment made too late is being given back whole. */
export async function sendLatePaymentRefundMail(
  db: Executor,
  orderId: number,
  origin: string,
): Promise<void> {
  const found = await orderInBuyersLanguage(db, orderId);
  const refund = found?.order.refund;
  if (!found || !refund) return;
  const { order, locale } = found;
  const t = getFixedT(locale);
  await queueMail(
    db,
    toBuyer(
      "late_payment_refund",
      order,
      locale,
      origin,
      t("mail:order.latePaymentSubject", { number: order.reference }),
      [
        t(refund.status === "failed" ? "mail:order.latePaymentFailed" : "mail:order.latePaymentIntro", {
          amount: formatMoney(refund.amountCentimes, order.currency, locale),
          number: order.reference,
        }),
      ],
    ),
  );
}

/** The order in the language its buyer ordered in (Arabic when that is unknown). */
async function orderInBuyersLanguage(
  db: Executor,
  orderId: number,
): Promise<{ order: OrderView; locale: Locale } | null> {
  const firstPass = await getOrder(db, { id: orderId }, defaultLocale);
  if (!firstPass) return null;
  const locale: Locale = isLocale(firstPass.locale) ? firstPass.locale : defaultLocale;
  const order = locale === defaultLocale ? firstPass : await getOrder(db, { id: orderId }, locale);
  return order ? { order, locale } : null;
}

/** A mail to the buyer: greeting, what there is to say, and the private link to the order. */
function toBuyer(
  kind: MailKind,
  order: OrderView,
  locale: Locale,
  origin: string,
  subject: string,
  body: string[],
) {
  const t = getFixedT(locale);
  return {
    kind,
    to: order.buyerEmail,
    subject,
    text: [
      t("mail:order.buyerGreeting", { name: order.buyerName }),
      "",
      ...body,
      "",
      t("mail:order.buyerFollow"),
      orderUrl(origin, locale, order.token),
    ].join("\n"),
  };
}
