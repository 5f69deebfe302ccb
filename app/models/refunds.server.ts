/**
 * Refunds of card payments. A refund is decided inside the transaction that makes it due (a
 * cooperative cancels its part of a paid order; a payment arrives for an order already
 * cancelled) and written there as `pending`; it is sent to Stripe after that transaction, and
 * again by the sweep until Stripe answers. Stripe refunds in the payment's currency, once per
 * refund row (its key), so a retry never pays twice.
 */
import { and, asc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Database, Executor } from "#db/client";
import { orderReference, partReference } from "./order-reference";
import { partIndexSql } from "./order-reference.server";
import { cooperatives, orders, refunds, shopOrders } from "#db/schema";
import type { Locale } from "~/i18n/config";
import { pickLocalized, type LocalizedText } from "~/i18n/localized";
import { findCardRefund, refundCardPayment } from "~/services/payments/stripe.server";
import { logger } from "~/utils/logger.server";
import { recordAudit } from "./audit.server";
import type { Outcome } from "~/utils/outcome";
import { pageWindow } from "./pagination";

export type RefundStatus = (typeof refunds.$inferSelect)["status"];
export type RefundView = { status: RefundStatus; amountCentimes: number; issuedAt: Date | null };

/** Due when a cooperative cancels its part of a paid card order: that part, shipping included. */
export async function planShopOrderRefund(tx: Executor, shopOrderId: number): Promise<number | null> {
  const [part] = await tx
    .select({
      orderId: shopOrders.orderId,
      amount: sql<number>`${shopOrders.subtotalCentimes} + ${shopOrders.shippingCentimes}`.mapWith(Number),
      currency: orders.currency,
    })
    .from(shopOrders)
    .innerJoin(orders, eq(orders.id, shopOrders.orderId))
    .where(
      and(eq(shopOrders.id, shopOrderId), eq(orders.paymentMethod, "card"), eq(orders.paymentStatus, "paid")),
    );
  if (!part || part.amount <= 0) return null;
  const [row] = await tx
    .insert(refunds)
    .values({
      orderId: part.orderId,
      shopOrderId,
      reason: "shop_order_cancelled",
      amountCentimes: part.amount,
      currency: part.currency,
    })
    .onConflictDoNothing()
    .returning({ id: refunds.id });
  return row?.id ?? null;
}

/** Due when a payment arrives for an order that was already cancelled: all of it. */
export async function planLatePaymentRefund(tx: Executor, orderId: number): Promise<number | null> {
  const [order] = await tx
    .select({ total: orders.totalCentimes, currency: orders.currency })
    .from(orders)
    .where(eq(orders.id, orderId));
  if (!order || order.total <= 0) return null;
  const [row] = await tx
    .insert(refunds)
    .values({
      orderId,
      shopOrderId: null,
      reason: "paid_after_cancellation",
      amountCentimes: order.total,
      currency: order.currency,
    })
    .onConflictDoNothing()
    .returning({ id: refunds.id });
  return row?.id ?? null;
}

/**
 * How long one process may take to send a refund before another takes it over: longer than
 * the SDK's worst case (three calls, each up to three tries of 20 s).
 */
const SENDING_LEASE = sql`interval '5 minutes'`;
/** How long a refund may stay unsent before the chamber is shown it (and may mark it made by hand). */
const STUCK_AFTER = sql`interval '1 hour'`;

/**
 * Sends pending refunds to Stripe (those of one order, or the oldest ones): issued when Stripe
 * accepts, failed when it refuses for good (logged, and listed for the chamber), still pending
 * when it cannot be reached. Each refund is claimed first for a while (database time, so the
 * servers' clocks do not matter) and its outcome written only under that claim, so two
 * processes never send it at once nor overwrite each other. Returns how many were issued.
 */
export async function issuePendingRefunds(
  db: Database,
  scope: { orderId?: number; limit?: number } = {},
): Promise<number> {
  const free = or(isNull(refunds.sendingUntil), lt(refunds.sendingUntil, sql`now()`));
  const due = await db
    .select({
      id: refunds.id,
      orderId: refunds.orderId,
      shopOrderId: refunds.shopOrderId,
      amountCentimes: refunds.amountCentimes,
      paymentIntentId: orders.stripePaymentIntentId,
      sessionId: orders.stripeSessionId,
    })
    .from(refunds)
    .innerJoin(orders, eq(orders.id, refunds.orderId))
    .where(
      and(
        eq(refunds.status, "pending"),
        free,
        scope.orderId === undefined ? undefined : eq(refunds.orderId, scope.orderId),
      ),
    )
    .orderBy(asc(refunds.id))
    .limit(scope.limit ?? 100);
  let issued = 0;
  for (const refund of due) {
    const [claim] = await db
      .update(refunds)
      // Milliseconds only: the lease comes back through a JavaScript date and is compared again.
      .set({
        attempts: sql`${refunds.attempts} + 1`,
        sendingUntil: sql`date_trunc('milliseconds', now() + ${SENDING_LEASE})`,
        updatedAt: new Date(),
      })
      .where(and(eq(refunds.id, refund.id), eq(refunds.status, "pending"), free))
      .returning({ attempts: refunds.attempts, sendingUntil: refunds.sendingUntil });
    if (!claim) continue; // another process is sending it, or has
    const outcome = await refundCardPayment({
      paymentIntentId: refund.paymentIntentId,
      sessionId: refund.sessionId,
      amountCentimes: refund.amountCentimes,
      refundKey: `refund-${refund.id}`,
      attempt: claim.attempts,
      metadata: {
        order_id: String(refund.orderId),
        ...(refund.shopOrderId ? { shop_order_id: String(refund.shopOrderId) } : {}),
      },
    });
    const now = new Date();
    const underMyClaim = and(
      eq(refunds.id, refund.id),
      eq(refunds.status, "pending"),
      eq(refunds.sendingUntil, claim.sendingUntil!),
    );
    if (outcome.ok) {
      const [done] = await db
        .update(refunds)
        .set({
          status: "issued",
          stripeRefundId: outcome.stripeRefundId,
          issuedAt: now,
          lastError: null,
          sendingUntil: null,
          updatedAt: now,
        })
        .where(underMyClaim)
        .returning({ id: refunds.id });
      if (!refund.paymentIntentId) {
        await db
          .update(orders)
          .set({ stripePaymentIntentId: outcome.paymentIntentId })
          .where(and(eq(orders.id, refund.orderId), isNull(orders.stripePaymentIntentId)));
      }
      if (done) issued++;
      else
        logger.warn(
          { refundId: refund.id, stripeRefundId: outcome.stripeRefundId },
          "refund made after its claim lapsed: left as recorded",
        );
    } else {
      const fields = { refundId: refund.id, orderId: refund.orderId, error: outcome.message };
      if (outcome.permanent) logger.error(fields, "refund refused by Stripe");
      else logger.warn(fields, "refund not sent yet");
      await db
        .update(refunds)
        .set({
          status: outcome.permanent ? "failed" : "pending",
          lastError: outcome.message.slice(0, 500),
          sendingUntil: null,
          updatedAt: now,
        })
        .where(underMyClaim);
    }
  }
  return issued;
}

/**
 * Sends an order's pending refunds, waiting for Stripe at most `waitMs`: usually it answers at
 * once and the page that follows shows the refund made; if not, the sending goes on in the
 * background, the page says it is on its way, and the sweep retries until Stripe answers.
 */
export async function sendRefundsWaitingBriefly(db: Database, orderId: number, waitMs = 3000): Promise<void> {
  const sending = issuePendingRefunds(db, { orderId }).catch((error: unknown) =>
    logger.error({ err: error, orderId }, "refunds could not be sent"),
  );
  await Promise.race([sending, new Promise((resolve) => setTimeout(resolve, waitMs).unref())]);
}

export type ByHandOutcome = Outcome<
  /** `stripe`: Stripe had made it after all (an answer that never reached us), recorded as issued. */
  { madeBy: "hand" } | { madeBy: "stripe"; stripeRefundId: string },
  "not_found" | "already_handled" | "too_early" | "busy"
>;

/**
 * Chamber staff made the refund themselves (in Stripe's dashboard): it is never sent again.
 * Only a refund Stripe refused, or one still unsent an hour after it was due (those the
 * chamber is shown), and not being sent at that moment. Stripe is asked first whether an
 * earlier attempt made it after all: then it is recorded as issued instead. Audited.
 */
export async function markRefundMadeByHand(
  db: Database,
  input: { refundId: number; staffId: number; note: string },
): Promise<ByHandOutcome> {
  const [refund] = await db
    .select({
      status: refunds.status,
      old: sql<boolean>`${refunds.createdAt} < now() - ${STUCK_AFTER}`,
      paymentIntentId: orders.stripePaymentIntentId,
      sessionId: orders.stripeSessionId,
    })
    .from(refunds)
    .innerJoin(orders, eq(orders.id, refunds.orderId))
    .where(eq(refunds.id, input.refundId));
  if (!refund) return { ok: false, error: "not_found" };
  if (refund.status !== "failed" && refund.status !== "pending")
    return { ok: false, error: "already_handled" };
  if (refund.status === "pending" && !refund.old) return { ok: false, error: "too_early" };
  const made = await findCardRefund({
    paymentIntentId: refund.paymentIntentId,
    sessionId: refund.sessionId,
    refundKey: `refund-${input.refundId}`,
  });
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ status: refunds.status })
      .from(refunds)
      .where(eq(refunds.id, input.refundId))
      .for("update");
    const now = new Date();
    const markable = and(
      eq(refunds.id, input.refundId),
      or(
        eq(refunds.status, "failed"),
        and(
          eq(refunds.status, "pending"),
          or(isNull(refunds.sendingUntil), lt(refunds.sendingUntil, sql`now()`)),
        ),
      ),
    );
    const madeByStripe = typeof made === "string" && made !== "unknown" ? made : null;
    const [marked] = await tx
      .update(refunds)
      .set(
        madeByStripe
          ? {
              status: "issued",
              stripeRefundId: madeByStripe,
              sendingUntil: null,
              issuedAt: now,
              lastError: null,
              updatedAt: now,
            }
          : { status: "by_hand", sendingUntil: null, issuedAt: now, updatedAt: now },
      )
      .where(markable)
      .returning({ id: refunds.id });
    if (!marked)
      return {
        ok: false,
        error:
          current && current.status !== "failed" && current.status !== "pending" ? "already_handled" : "busy",
      } as const;
    await recordAudit(tx, {
      actorUserId: input.staffId,
      action: madeByStripe ? "refund.found_at_stripe" : "refund.by_hand",
      entityType: "refund",
      entityId: String(input.refundId),
      reason: input.note,
      before: { status: current.status },
      after: madeByStripe ? { status: "issued", stripeRefundId: madeByStripe } : { status: "by_hand" },
    });
    return madeByStripe
      ? ({ ok: true, madeBy: "stripe", stripeRefundId: madeByStripe } as const)
      : ({ ok: true, madeBy: "hand" } as const);
  });
}

/** The refunds of some shop orders, by shop order id. */
export async function refundsOfShopOrders(
  db: Executor,
  shopOrderIds: number[],
): Promise<Map<number, RefundView>> {
  if (shopOrderIds.length === 0) return new Map();
  const rows = await db
    .select({
      shopOrderId: refunds.shopOrderId,
      status: refunds.status,
      amountCentimes: refunds.amountCentimes,
      issuedAt: refunds.issuedAt,
    })
    .from(refunds)
    .where(inArray(refunds.shopOrderId, shopOrderIds));
  return new Map(rows.map(({ shopOrderId, ...view }) => [shopOrderId!, view]));
}

/** The refund of a whole order (paid after it was cancelled), if any. */
export async function wholeOrderRefund(db: Executor, orderId: number): Promise<RefundView | null> {
  const [row] = await db
    .select({ status: refunds.status, amountCentimes: refunds.amountCentimes, issuedAt: refunds.issuedAt })
    .from(refunds)
    .where(and(eq(refunds.orderId, orderId), isNull(refunds.shopOrderId)));
  return row ?? null;
}

export type RefundNeedingAttention = {
  id: number;
  orderId: number;
  /** The part's reference (`H-2026-000123-B`), or the order's when the whole order is refunded. */
  reference: string;
  cooperative: LocalizedText | null;
  amountCentimes: number;
  currency: string;
  status: RefundStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
};

const needsAttention = or(
  eq(refunds.status, "failed"),
  and(eq(refunds.status, "pending"), lt(refunds.createdAt, sql`now() - ${STUCK_AFTER}`)),
);

/** How many refunds the chamber should look at (the payouts page lists them). */
export async function countRefundsNeedingAttention(db: Executor): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int`.mapWith(Number) })
    .from(refunds)
    .where(needsAttention);
  return row.n;
}

/** Refunds per page of the payouts page's list (it pages rather than cut at a silent cap). */
export const REFUNDS_PAGE_SIZE = 50;

/** For the chamber: refunds Stripe refused, and those still unsent after an hour; oldest first. */
export async function refundsNeedingAttention(
  db: Executor,
  locale: Locale,
  page = 1,
): Promise<{ refunds: RefundNeedingAttention[]; page: number; pageCount: number }> {
  const window = pageWindow(await countRefundsNeedingAttention(db), page, REFUNDS_PAGE_SIZE);
  const rows = await db
    .select({
      id: refunds.id,
      orderId: refunds.orderId,
      orderCreatedAt: orders.createdAt,
      partIndex: partIndexSql,
      cooperativeName: cooperatives.name,
      amountCentimes: refunds.amountCentimes,
      currency: refunds.currency,
      status: refunds.status,
      attempts: refunds.attempts,
      lastError: refunds.lastError,
      createdAt: refunds.createdAt,
    })
    .from(refunds)
    .innerJoin(orders, eq(orders.id, refunds.orderId))
    .leftJoin(shopOrders, eq(shopOrders.id, refunds.shopOrderId))
    .leftJoin(cooperatives, eq(cooperatives.id, shopOrders.cooperativeId))
    .where(needsAttention)
    .orderBy(asc(refunds.createdAt), asc(refunds.id))
    .limit(window.limit)
    .offset(window.offset);
  const list = rows.map(({ cooperativeName, orderCreatedAt, partIndex, ...r }) => {
    const order = { id: r.orderId, createdAt: orderCreatedAt };
    return {
      ...r,
      reference: cooperativeName ? partReference(order, partIndex) : orderReference(order),
      cooperative: cooperativeName ? pickLocalized(cooperativeName, locale) : null,
    };
  });
  return { refunds: list, page: window.page, pageCount: window.pageCount };
}
