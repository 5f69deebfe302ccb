/**
 * Orders after checkout: the buyer's private page, payment outcomes (Stripe events, applied
 * once each and in any order), the release of stock held by unpaid card orders, and each
 * cooperative's fulfilment of its own shop orders.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { and, asc, desc, eq, inArray, isNotNull, lt, sql } from "drizzle-orm";
import { transactionWithRetry, type Database, type Executor } from "#db/client";
import {
  auditLog,
  cartItems,
  cooperatives,
  orderLines,
  orders,
  paymentEvents,
  products,
  shopOrders,
  type Address,
} from "#db/schema";
import type { Locale } from "~/i18n/config";
import { pickLocalized, type LocalizedText } from "~/i18n/localized";
import { logger } from "~/utils/logger.server";
import { orderReference, partReference } from "./order-reference";
import { partIndexSql } from "./order-reference.server";
import {
  issuePendingRefunds,
  planLatePaymentRefund,
  planShopOrderRefund,
  refundsOfShopOrders,
  wholeOrderRefund,
  type RefundView,
} from "./refunds.server";

export type ShopOrderStatus = (typeof shopOrders.$inferSelect)["status"];
export type PaymentStatus = (typeof orders.$inferSelect)["paymentStatus"];

export type OrderLineView = {
  productId: number | null;
  title: LocalizedText;
  unitPriceCentimes: number;
  quantity: number;
  lineTotalCentimes: number;
};

export type ShopOrderView = {
  id: number;
  /** `H-2026-000123-B`: what the buyer, the cooperative and the chamber all call this part. */
  reference: string;
  cooperativeId: number;
  cooperative: LocalizedText;
  cooperativeSlug: string;
  status: ShopOrderStatus;
  subtotalCentimes: number;
  shippingCentimes: number;
  carrier: string | null;
  trackingNumber: string | null;
  cancelReason: string | null;
  confirmedAt: Date | null;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  cancelledAt: Date | null;
  /** Money given back for this part (a cancelled part of a card order). */
  refund: RefundView | null;
  lines: OrderLineView[];
};

export type OrderView = {
  id: number;
  /** `H-2026-000123`; each part adds its letter. */
  reference: string;
  token: string;
  locale: string;
  createdAt: Date;
  buyerName: string;
  buyerEmail: string;
  buyerPhone: string;
  address: Address;
  paymentMethod: "card" | "cod";
  paymentStatus: PaymentStatus;
  currency: string;
  subtotalCentimes: number;
  shippingCentimes: number;
  totalCentimes: number;
  stripeCheckoutUrl: string | null;
  /** Money given back for the whole order (paid after it was cancelled). */
  refund: RefundView | null;
  shopOrders: ShopOrderView[];
};

export function isOrderToken(value: unknown): value is string {
  return typeof value === "string" && /^[A-Za-z0-9_-]{32}$/.test(value);
}

async function shopOrdersOf(
  db: Executor,
  where: ReturnType<typeof eq>,
  locale: Locale,
): Promise<ShopOrderView[]> {
  const rows = await db
    .select({
      shopOrder: shopOrders,
      coopName: cooperatives.name,
      coopSlug: cooperatives.slug,
      orderCreatedAt: orders.createdAt,
      partIndex: partIndexSql,
    })
    .from(shopOrders)
    .innerJoin(cooperatives, eq(cooperatives.id, shopOrders.cooperativeId))
    .innerJoin(orders, eq(orders.id, shopOrders.orderId))
    .where(where)
    .orderBy(asc(shopOrders.id));
  if (rows.length === 0) return [];
  const lines = await db
    .select()
    .from(orderLines)
    .where(
      inArray(
        orderLines.shopOrderId,
        rows.map((r) => r.shopOrder.id),
      ),
    )
    .orderBy(asc(orderLines.id));
  const refundsByShopOrder = await refundsOfShopOrders(
    db,
    rows.map((r) => r.shopOrder.id),
  );
  return rows.map(({ shopOrder: s, coopName, coopSlug, orderCreatedAt, partIndex }) => ({
    id: s.id,
    reference: partReference({ id: s.orderId, createdAt: orderCreatedAt }, partIndex),
    cooperativeId: s.cooperativeId,
    cooperative: pickLocalized(coopName, locale),
    cooperativeSlug: coopSlug,
    status: s.status,
    subtotalCentimes: s.subtotalCentimes,
    shippingCentimes: s.shippingCentimes,
    carrier: s.carrier,
    trackingNumber: s.trackingNumber,
    cancelReason: s.cancelReason,
    confirmedAt: s.confirmedAt,
    shippedAt: s.shippedAt,
    deliveredAt: s.deliveredAt,
    cancelledAt: s.cancelledAt,
    refund: refundsByShopOrder.get(s.id) ?? null,
    lines: lines
      .filter((l) => l.shopOrderId === s.id)
      .map((l) => ({
        productId: l.productId,
        title: pickLocalized(l.titleSnapshot, locale),
        unitPriceCentimes: l.unitPriceCentimes,
        quantity: l.quantity,
        lineTotalCentimes: l.lineTotalCentimes,
      })),
  }));
}

function toOrderView(
  o: typeof orders.$inferSelect,
  shops: ShopOrderView[],
  refund: RefundView | null,
): OrderView {
  return {
    id: o.id,
    reference: orderReference(o),
    token: o.token,
    locale: o.locale,
    createdAt: o.createdAt,
    buyerName: o.buyerName,
    buyerEmail: o.buyerEmail,
    buyerPhone: o.buyerPhone,
    address: o.address,
    paymentMethod: o.paymentMethod,
    paymentStatus: o.paymentStatus,
    currency: o.currency,
    subtotalCentimes: o.subtotalCentimes,
    shippingCentimes: o.shippingCentimes,
    totalCentimes: o.totalCentimes,
    stripeCheckoutUrl: o.paymentStatus === "awaiting_payment" ? o.stripeCheckoutUrl : null,
    refund,
    shopOrders: shops,
  };
}

export async function getOrderByToken(
  db: Executor,
  token: string,
  locale: Locale,
): Promise<OrderView | null> {
  if (!isOrderToken(token)) return null;
  const [order] = await db.select().from(orders).where(eq(orders.token, token)).limit(1);
  if (!order) return null;
  return toOrderView(
    order,
    await shopOrdersOf(db, eq(shopOrders.orderId, order.id), locale),
    await wholeOrderRefund(db, order.id),
  );
}

export async function getOrderById(db: Executor, id: number, locale: Locale): Promise<OrderView | null> {
  const [order] = await db.select().from(orders).where(eq(orders.id, id)).limit(1);
  if (!order) return null;
  return toOrderView(
    order,
    await shopOrdersOf(db, eq(shopOrders.orderId, order.id), locale),
    await wholeOrderRefund(db, order.id),
  );
}

export const BUYER_ORDERS_PAGE_SIZE = 20;

export type BuyerOrderSummary = {
  id: number;
  reference: string;
  token: string;
  createdAt: Date;
  paymentMethod: "card" | "cod";
  paymentStatus: PaymentStatus;
  currency: string;
  totalCentimes: number;
  parts: { cooperative: LocalizedText; status: ShopOrderStatus }[];
};

/** A signed-in buyer's own orders, newest first (orders placed while signed in to that account). */
export async function listBuyerOrders(db: Executor, input: { userId: number; locale: Locale; page: number }) {
  const [{ total }] = await db
    .select({ total: sql<number>`count(*)::int`.mapWith(Number) })
    .from(orders)
    .where(eq(orders.userId, input.userId));
  const pageCount = Math.max(1, Math.ceil(total / BUYER_ORDERS_PAGE_SIZE));
  const page = Math.min(Math.max(1, input.page), pageCount);
  const rows = await db
    .select()
    .from(orders)
    .where(eq(orders.userId, input.userId))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(BUYER_ORDERS_PAGE_SIZE)
    .offset((page - 1) * BUYER_ORDERS_PAGE_SIZE);
  const parts =
    rows.length === 0
      ? []
      : await db
          .select({ orderId: shopOrders.orderId, status: shopOrders.status, name: cooperatives.name })
          .from(shopOrders)
          .innerJoin(cooperatives, eq(cooperatives.id, shopOrders.cooperativeId))
          .where(
            inArray(
              shopOrders.orderId,
              rows.map((o) => o.id),
            ),
          )
          .orderBy(asc(shopOrders.id));
  const summaries: BuyerOrderSummary[] = rows.map((o) => ({
    id: o.id,
    reference: orderReference(o),
    token: o.token,
    createdAt: o.createdAt,
    paymentMethod: o.paymentMethod,
    paymentStatus: o.paymentStatus,
    currency: o.currency,
    totalCentimes: o.totalCentimes,
    parts: parts
      .filter((p) => p.orderId === o.id)
      .map((p) => ({ cooperative: pickLocalized(p.name, input.locale), status: p.status })),
  }));
  return { orders: summaries, total, page, pageCount };
}

// ─── Card payments ───────────────────────────────────────────────────────────

export async function attachCardSession(
  db: Executor,
  orderId: number,
  session: { id: string; url: string; expiresAt: Date },
) {
  await db
    .update(orders)
    .set({
      stripeSessionId: session.id,
      stripeCheckoutUrl: session.url,
      stripeSessionExpiresAt: session.expiresAt,
      updatedAt: new Date(),
    })
    .where(and(eq(orders.id, orderId), eq(orders.paymentStatus, "awaiting_payment")));
}

export type RepeatedCheckoutTarget = { kind: "payment"; url: string } | { kind: "order" } | { kind: "gone" };

/**
 * Where to send a checkout posted again for a cart that already became this order. A card
 * order awaiting payment goes to its own Stripe page while that page lives; the first post
 * may still be creating it (Stripe answers after the order is committed), so this waits for
 * it a few seconds rather than start a second session. Anything else goes to the order's
 * page; "gone" when the order was undone meanwhile (its payment could not start, and the
 * cart has its lines back).
 */
export async function repeatedCheckoutTarget(
  db: Executor,
  orderId: number,
  waitMs = 5000,
): Promise<RepeatedCheckoutTarget> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const [order] = await db
      .select({
        paymentMethod: orders.paymentMethod,
        paymentStatus: orders.paymentStatus,
        sessionId: orders.stripeSessionId,
        url: orders.stripeCheckoutUrl,
        expiresAt: orders.stripeSessionExpiresAt,
      })
      .from(orders)
      .where(eq(orders.id, orderId));
    if (!order) return { kind: "gone" };
    if (order.paymentMethod !== "card" || order.paymentStatus !== "awaiting_payment")
      return { kind: "order" };
    if (order.sessionId === null && Date.now() < deadline) {
      await sleep(100);
      continue;
    }
    // A session completed with a delayed method no longer expires: its page has nothing left to pay.
    const open = order.url && order.expiresAt && order.expiresAt.getTime() > Date.now();
    return open ? { kind: "payment", url: order.url! } : { kind: "order" };
  }
}

/**
 * Cancels what is left of an order's shop orders (pending or confirmed) and puts their
 * units back on sale. Safe to call twice: a shop order is cancelled, and its stock
 * returned, by exactly one call (conditional update).
 */
async function releaseShopOrders(
  tx: Executor,
  where: { orderId: number } | { shopOrderId: number },
  reason: string,
) {
  const now = new Date();
  const cancelled = await tx
    .update(shopOrders)
    .set({ status: "cancelled", cancelReason: reason, cancelledAt: now, updatedAt: now })
    .where(
      and(
        "orderId" in where ? eq(shopOrders.orderId, where.orderId) : eq(shopOrders.id, where.shopOrderId),
        inArray(shopOrders.status, ["pending", "confirmed"]),
      ),
    )
    .returning({ id: shopOrders.id });
  if (cancelled.length === 0) return [];
  const lines = await tx
    .select({ productId: orderLines.productId, quantity: sql<number>`sum(${orderLines.quantity})::int` })
    .from(orderLines)
    .where(
      and(
        inArray(
          orderLines.shopOrderId,
          cancelled.map((c) => c.id),
        ),
        isNotNull(orderLines.productId),
      ),
    )
    .groupBy(orderLines.productId)
    .orderBy(asc(orderLines.productId));
  for (const line of lines) {
    await tx
      .update(products)
      .set({ stock: sql`${products.stock} + ${line.quantity}`, updatedAt: now })
      .where(eq(products.id, line.productId!));
  }
  return cancelled.map((c) => c.id);
}

/** An unpaid card order ends (session expired or payment failed): cancelled, stock returned. */
async function endUnpaidOrder(
  tx: Executor,
  orderId: number,
  status: "cancelled" | "failed",
  reason: string,
): Promise<boolean> {
  const now = new Date();
  const [ended] = await tx
    .update(orders)
    .set({ paymentStatus: status, cancelledAt: now, updatedAt: now })
    .where(and(eq(orders.id, orderId), eq(orders.paymentStatus, "awaiting_payment")))
    .returning({ id: orders.id });
  if (!ended) return false;
  await releaseShopOrders(tx, { orderId }, reason);
  return true;
}

export type StripeEventLike = {
  id: string;
  type: string;
  data: {
    object: {
      id?: string;
      object?: string;
      payment_status?: string;
      payment_intent?: string | null;
      metadata?: Record<string, string> | null;
    };
  };
};

export type StripeEventOutcome = {
  /** False when this event id was already recorded (a retry or a duplicate). */
  applied: boolean;
  /** The order the event was applied to (null when none: unknown session, ignored, or another type). */
  orderId: number | null;
  /** Why a checkout event was recorded but changed nothing (it is not about an order of ours). */
  ignored: string | null;
  /** Set when this very event moved the order to paid: send the confirmation mails once. */
  becamePaid: boolean;
  released: boolean;
  /** A payment came for an order no longer awaiting it: a refund of all of it is due. */
  refundDue: boolean;
};

const HANDLED = new Set([
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "checkout.session.async_payment_failed",
  "checkout.session.expired",
]);

/**
 * Applies one verified Stripe event, once (its id is recorded in the same transaction), in
 * whatever order events arrive: a status only ever moves forward from awaiting payment.
 *
 * A signature proves the event came from Stripe, not that it is about the order its metadata
 * names: the order is the one whose own Checkout session the event is about, a card order,
 * and the metadata must not name another. Anything else is recorded and ignored.
 *
 * Locks are taken in one order: the order row first, then the event row (whose foreign key
 * would otherwise share-lock the order first, and two events for one order would deadlock).
 * A transaction PostgreSQL still rolls back as a deadlock victim runs again.
 */
export async function applyStripeEvent(
  db: Database,
  event: StripeEventLike,
  /** Runs in the event's transaction when it was applied (e.g. queueing the mails it causes). */
  inTransaction?: (tx: Executor, outcome: StripeEventOutcome) => Promise<void>,
): Promise<StripeEventOutcome> {
  const outcome = await transactionWithRetry(db, async (tx) => {
    const applied = await applyStripeEventIn(tx, event);
    await inTransaction?.(tx, applied);
    return applied;
  });
  if (outcome.applied && outcome.ignored)
    logger.warn(
      { eventId: event.id, type: event.type, reason: outcome.ignored },
      "stripe event recorded and ignored",
    );
  return outcome;
}

async function applyStripeEventIn(tx: Executor, event: StripeEventLike): Promise<StripeEventOutcome> {
  const session = event.data.object;
  const outcome: StripeEventOutcome = {
    applied: false,
    orderId: null,
    ignored: null,
    becamePaid: false,
    released: false,
    refundDue: false,
  };
  let order: typeof orders.$inferSelect | undefined;
  if (HANDLED.has(event.type)) {
    // One event at a time per order, whatever arrives concurrently.
    [order] = session.id
      ? await tx.select().from(orders).where(eq(orders.stripeSessionId, session.id)).for("update")
      : [];
    const claimed = session.metadata?.order_id;
    if (!order) outcome.ignored = "no order has this Checkout session";
    else if (order.paymentMethod !== "card") outcome.ignored = `order ${order.id} is not a card order`;
    else if (claimed !== undefined && claimed !== String(order.id))
      outcome.ignored = `its metadata names order ${JSON.stringify(claimed)}, its session is order ${order.id}'s`;
    if (outcome.ignored) order = undefined;
  }
  const recorded = await tx
    .insert(paymentEvents)
    .values({
      id: event.id,
      type: event.type,
      orderId: order?.id ?? null,
      payload: event as unknown as object,
    })
    .onConflictDoNothing()
    .returning({ id: paymentEvents.id });
  outcome.applied = recorded.length > 0;
  if (!outcome.applied || !order) return outcome;
  const orderId = order.id;
  outcome.orderId = orderId;

  const now = new Date();
  const paymentIntentId = typeof session.payment_intent === "string" ? session.payment_intent : null;
  const markPaid = async () => {
    const [paid] = await tx
      .update(orders)
      .set({
        paymentStatus: "paid",
        paidAt: now,
        stripeSessionExpiresAt: null,
        stripePaymentIntentId: paymentIntentId,
        updatedAt: now,
      })
      .where(and(eq(orders.id, orderId), eq(orders.paymentStatus, "awaiting_payment")))
      .returning({ id: orders.id });
    outcome.becamePaid = Boolean(paid);
    if (!paid && order.paymentStatus !== "paid") {
      // The stock went back on sale when the order ended (cancelled or failed): the money
      // goes back too (decision 008).
      logger.warn(
        { orderId, eventId: event.id, paymentStatus: order.paymentStatus },
        "card order paid after it ended: refunding it",
      );
      if (paymentIntentId) {
        await tx
          .update(orders)
          .set({ stripePaymentIntentId: paymentIntentId, updatedAt: now })
          .where(eq(orders.id, orderId));
      }
      outcome.refundDue = (await planLatePaymentRefund(tx, orderId)) !== null;
    }
  };
  switch (event.type) {
    case "checkout.session.completed":
      if (session.payment_status === "paid" || session.payment_status === "no_payment_required")
        await markPaid();
      else {
        // Paid by a delayed method: the session no longer expires; the outcome comes later.
        await tx
          .update(orders)
          .set({ stripeSessionExpiresAt: null, updatedAt: now })
          .where(and(eq(orders.id, orderId), eq(orders.paymentStatus, "awaiting_payment")));
      }
      break;
    case "checkout.session.async_payment_succeeded":
      await markPaid();
      break;
    case "checkout.session.async_payment_failed":
      outcome.released = await endUnpaidOrder(tx, orderId, "failed", "payment_failed");
      break;
    case "checkout.session.expired":
      outcome.released = await endUnpaidOrder(tx, orderId, "cancelled", "payment_expired");
      break;
  }
  return outcome;
}

/**
 * What may be left undone when a webhook is lost or Stripe cannot be reached: expired card
 * orders' stock, and refunds not yet taken by Stripe. Run by `npm run sweep`, and by the
 * server soon after it starts and every few minutes.
 */
export async function sweepPayments(db: Database): Promise<{ released: number; refunded: number }> {
  const released = await releaseExpiredOrders(db);
  const refunded = await issuePendingRefunds(db);
  return { released, refunded };
}

/**
 * Releases the stock of card orders whose Stripe session is past its expiry (the webhook
 * may never come). Run by `npm run sweep`, at start, and before each checkout.
 */
export async function releaseExpiredOrders(db: Database, now = new Date()): Promise<number> {
  const due = await db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.paymentStatus, "awaiting_payment"), lt(orders.stripeSessionExpiresAt, now)))
    .orderBy(asc(orders.id))
    .limit(500);
  let released = 0;
  for (const { id } of due) {
    if (await transactionWithRetry(db, (tx) => endUnpaidOrder(tx, id, "cancelled", "payment_expired")))
      released++;
  }
  return released;
}

/**
 * Stripe could not start a payment: the order is undone as if never placed — its stock
 * goes back on sale and the rows are deleted — and the buyer's cart gets its lines back.
 */
export async function abandonCardOrder(db: Database, orderId: number, cartId?: string | null): Promise<void> {
  await db.transaction(async (tx) => {
    if (!(await endUnpaidOrder(tx, orderId, "failed", "payment_not_started"))) return;
    if (cartId) {
      const lines = await tx
        .select({ productId: orderLines.productId, quantity: sql<number>`sum(${orderLines.quantity})::int` })
        .from(orderLines)
        .innerJoin(shopOrders, eq(shopOrders.id, orderLines.shopOrderId))
        .where(and(eq(shopOrders.orderId, orderId), isNotNull(orderLines.productId)))
        .groupBy(orderLines.productId);
      for (const line of lines) {
        await tx
          .insert(cartItems)
          .values({ cartId, productId: line.productId!, quantity: line.quantity })
          .onConflictDoNothing();
      }
    }
    await tx.delete(orders).where(eq(orders.id, orderId));
  });
}

// ─── Fulfilment by each cooperative ──────────────────────────────────────────

export type ShopOrderSummary = {
  id: number;
  reference: string;
  orderId: number;
  createdAt: Date;
  status: ShopOrderStatus;
  paymentMethod: "card" | "cod";
  paymentStatus: PaymentStatus;
  buyerName: string;
  city: string;
  country: string;
  subtotalCentimes: number;
  shippingCentimes: number;
  commissionCentimes: number;
  netCentimes: number;
  currency: string;
  itemCount: number;
};

/** Shop orders a cooperative must see: paid card orders and every cash-on-delivery order. */
const fulfillable = inArray(orders.paymentStatus, ["paid", "cod_pending"]);

export async function listShopOrders(
  db: Executor,
  cooperativeId: number,
  options: { status?: ShopOrderStatus } = {},
) {
  const rows = await db
    .select({
      id: shopOrders.id,
      orderId: orders.id,
      createdAt: orders.createdAt,
      status: shopOrders.status,
      paymentMethod: orders.paymentMethod,
      paymentStatus: orders.paymentStatus,
      buyerName: orders.buyerName,
      address: orders.address,
      subtotalCentimes: shopOrders.subtotalCentimes,
      shippingCentimes: shopOrders.shippingCentimes,
      commissionCentimes: shopOrders.commissionCentimes,
      netCentimes: shopOrders.netCentimes,
      currency: orders.currency,
      itemCount: sql<number>`(select coalesce(sum(${orderLines.quantity}), 0)::int from ${orderLines} where ${orderLines.shopOrderId} = ${shopOrders.id})`,
      partIndex: partIndexSql,
    })
    .from(shopOrders)
    .innerJoin(orders, eq(orders.id, shopOrders.orderId))
    .where(
      and(
        eq(shopOrders.cooperativeId, cooperativeId),
        fulfillable,
        options.status ? eq(shopOrders.status, options.status) : undefined,
      ),
    )
    .orderBy(desc(shopOrders.id))
    .limit(200);
  return rows.map(({ address, partIndex, ...r }) => ({
    ...r,
    reference: partReference({ id: r.orderId, createdAt: r.createdAt }, partIndex),
    city: address.city,
    country: address.country,
  })) satisfies ShopOrderSummary[];
}

export type OrdersToDo = {
  /** Waiting for the cooperative to confirm them; `cod`: of those, cash on delivery (the confirmation call). */
  toConfirm: { count: number; cod: number; oldest: Date | null };
  /** Confirmed, not shipped yet; the oldest by its confirmation. */
  toShip: { count: number; oldest: Date | null };
};

/** What the cooperative has to do about its orders: the dashboard's "to do" and the orders tab's count. */
export async function shopOrdersToDo(db: Executor, cooperativeId: number): Promise<OrdersToDo> {
  const rows = await db
    .select({
      status: shopOrders.status,
      method: orders.paymentMethod,
      n: sql<number>`count(*)::int`.mapWith(Number),
      oldestPlaced: sql<Date | null>`min(${orders.createdAt})`.mapWith((v) =>
        v == null ? null : new Date(v),
      ),
      oldestConfirmed: sql<Date | null>`min(${shopOrders.confirmedAt})`.mapWith((v) =>
        v == null ? null : new Date(v),
      ),
    })
    .from(shopOrders)
    .innerJoin(orders, eq(orders.id, shopOrders.orderId))
    .where(
      and(
        eq(shopOrders.cooperativeId, cooperativeId),
        fulfillable,
        inArray(shopOrders.status, ["pending", "confirmed"]),
      ),
    )
    .groupBy(shopOrders.status, orders.paymentMethod);
  const earliest = (dates: (Date | null)[]) =>
    dates.filter((d): d is Date => d !== null).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
  const pending = rows.filter((r) => r.status === "pending");
  const confirmed = rows.filter((r) => r.status === "confirmed");
  return {
    toConfirm: {
      count: pending.reduce((n, r) => n + r.n, 0),
      cod: pending.filter((r) => r.method === "cod").reduce((n, r) => n + r.n, 0),
      oldest: earliest(pending.map((r) => r.oldestPlaced)),
    },
    toShip: {
      count: confirmed.reduce((n, r) => n + r.n, 0),
      oldest: earliest(confirmed.map((r) => r.oldestConfirmed ?? r.oldestPlaced)),
    },
  };
}

/** A cooperative's view of its shop order: the buyer and payment fields of the order, its own lines. */
export type ShopOrderDetail = ShopOrderView &
  Pick<
    OrderView,
    | "createdAt"
    | "buyerName"
    | "buyerEmail"
    | "buyerPhone"
    | "address"
    | "paymentMethod"
    | "paymentStatus"
    | "currency"
  > & {
    orderId: number;
    commissionRateBp: number;
    commissionCentimes: number;
    netCentimes: number;
  };

/** One shop order, only if it belongs to that cooperative (else null: a 404 for others). */
export async function getShopOrder(
  db: Executor,
  input: { cooperativeId: number; shopOrderId: number; locale: Locale },
): Promise<ShopOrderDetail | null> {
  const [row] = await db
    .select({ shopOrder: shopOrders, order: orders })
    .from(shopOrders)
    .innerJoin(orders, eq(orders.id, shopOrders.orderId))
    .where(
      and(
        eq(shopOrders.id, input.shopOrderId),
        eq(shopOrders.cooperativeId, input.cooperativeId),
        fulfillable,
      ),
    )
    .limit(1);
  if (!row) return null;
  const [view] = await shopOrdersOf(db, eq(shopOrders.id, row.shopOrder.id), input.locale);
  return {
    ...view,
    orderId: row.order.id,
    createdAt: row.order.createdAt,
    buyerName: row.order.buyerName,
    buyerEmail: row.order.buyerEmail,
    buyerPhone: row.order.buyerPhone,
    address: row.order.address,
    paymentMethod: row.order.paymentMethod,
    paymentStatus: row.order.paymentStatus,
    currency: row.order.currency,
    commissionRateBp: row.shopOrder.commissionRateBp,
    commissionCentimes: row.shopOrder.commissionCentimes,
    netCentimes: row.shopOrder.netCentimes,
  };
}

export type FulfilmentAction =
  | { action: "confirm" }
  | { action: "ship"; carrier: string; trackingNumber: string }
  | { action: "deliver" }
  | { action: "cancel"; reason: string };

/** Which status each step starts from, and leads to. */
const STEPS: Record<FulfilmentAction["action"], { from: ShopOrderStatus[]; to: ShopOrderStatus }> = {
  confirm: { from: ["pending"], to: "confirmed" },
  ship: { from: ["confirmed"], to: "shipped" },
  deliver: { from: ["shipped"], to: "delivered" },
  cancel: { from: ["pending", "confirmed"], to: "cancelled" },
};

export type FulfilmentResult =
  | {
      ok: true;
      status: ShopOrderStatus;
      orderId: number;
      /** A refund is waiting to be sent (`issuePendingRefunds`). */ refundDue: boolean;
    }
  | { ok: false; error: "notFound" | "wrongStatus" };

/**
 * Moves a cooperative's shop order one step (confirm → ship → deliver, or cancel with a
 * reason, which returns the stock). The status check and the change are one conditional
 * update, so a double click or two members at once change it once.
 */
export async function fulfilShopOrder(
  db: Database,
  input: { cooperativeId: number; shopOrderId: number; actorUserId?: number | null } & FulfilmentAction,
  /** Runs in the step's transaction once it is done (e.g. queueing the buyer's mail). */
  inTransaction?: (tx: Executor, done: Extract<FulfilmentResult, { ok: true }>) => Promise<void>,
): Promise<FulfilmentResult> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ status: shopOrders.status, orderId: shopOrders.orderId })
      .from(shopOrders)
      .innerJoin(orders, eq(orders.id, shopOrders.orderId))
      .where(
        and(
          eq(shopOrders.id, input.shopOrderId),
          eq(shopOrders.cooperativeId, input.cooperativeId),
          fulfillable,
        ),
      );
    if (!current) return { ok: false, error: "notFound" } as const;
    const step = STEPS[input.action];
    const now = new Date();
    let changed: { id: number }[];
    let refundDue = false;
    if (input.action === "cancel") {
      if (!step.from.includes(current.status)) return { ok: false, error: "wrongStatus" } as const;
      changed = (await releaseShopOrders(tx, { shopOrderId: input.shopOrderId }, input.reason)).map((id) => ({
        id,
      }));
      // A paid card order gets the cancelled part back (sent to Stripe once this commits).
      if (changed.length > 0) refundDue = (await planShopOrderRefund(tx, input.shopOrderId)) !== null;
    } else {
      const set =
        input.action === "confirm"
          ? { status: step.to, confirmedAt: now, updatedAt: now }
          : input.action === "ship"
            ? {
                status: step.to,
                shippedAt: now,
                carrier: input.carrier,
                trackingNumber: input.trackingNumber,
                updatedAt: now,
              }
            : { status: step.to, deliveredAt: now, updatedAt: now };
      changed = await tx
        .update(shopOrders)
        .set(set)
        .where(and(eq(shopOrders.id, input.shopOrderId), inArray(shopOrders.status, step.from)))
        .returning({ id: shopOrders.id });
    }
    if (changed.length === 0) return { ok: false, error: "wrongStatus" } as const;
    await tx.insert(auditLog).values({
      actorUserId: input.actorUserId ?? null,
      action: `shop_order.${input.action}`,
      entityType: "shop_order",
      entityId: String(input.shopOrderId),
      reason: input.action === "cancel" ? input.reason : null,
      before: { status: current.status },
      after: {
        status: step.to,
        ...(input.action === "ship" ? { carrier: input.carrier, trackingNumber: input.trackingNumber } : {}),
      },
    });
    const done = { ok: true, status: step.to, orderId: current.orderId, refundDue } as const;
    await inTransaction?.(tx, done);
    return done;
  });
}

/** The cooperatives' own contact data, for their order mails. */
export async function cooperativeContacts(db: Executor, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: cooperatives.id, email: cooperatives.email, name: cooperatives.name })
    .from(cooperatives)
    .where(inArray(cooperatives.id, ids));
}
