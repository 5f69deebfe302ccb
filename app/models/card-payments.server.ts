/**
 * Card payments of orders: the Stripe Checkout session an order waits on, Stripe events
 * (applied once each and in any order), and the release of stock held by unpaid card orders
 * (sweeps, abandoned sessions).
 */
import { setTimeout as sleep } from "node:timers/promises";
import { and, asc, eq, gt, isNotNull, lt, sql } from "drizzle-orm";
import { transactionWithRetry, type Database, type Executor } from "#db/client";
import { cartItems, orderLines, orders, paymentEvents, shopOrders } from "#db/schema";
import { logger } from "~/utils/logger.server";
import { releaseShopOrders } from "./orders.server";
import { issuePendingRefunds, planLatePaymentRefund } from "./refunds.server";

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
 * may never come). Run by `npm run sweep`, at start, and before each checkout. Reads `batch`
 * orders at a time and goes on until none is left (decision 018): held stock is stock no one
 * can buy, so a backlog is not left for the next run. Each batch starts past the last order
 * seen, so an order another process keeps is not read again and the loop ends.
 */
export async function releaseExpiredOrders(
  db: Database,
  now = new Date(),
  { batch = 500 }: { batch?: number } = {},
): Promise<number> {
  let released = 0;
  let after = 0;
  for (;;) {
    const due = await db
      .select({ id: orders.id })
      .from(orders)
      .where(
        and(
          eq(orders.paymentStatus, "awaiting_payment"),
          lt(orders.stripeSessionExpiresAt, now),
          gt(orders.id, after),
        ),
      )
      .orderBy(asc(orders.id))
      .limit(batch);
    for (const { id } of due) {
      if (await transactionWithRetry(db, (tx) => endUnpaidOrder(tx, id, "cancelled", "payment_expired")))
        released++;
    }
    if (due.length < batch) return released;
    after = due[due.length - 1].id;
  }
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
