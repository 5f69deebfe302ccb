/**
 * Each cooperative's fulfilment of its own shop orders: its list and to-do, one shop order,
 * and the steps confirm → ship → deliver (or cancel, which returns the stock).
 */
import { and, count, desc, eq, inArray, lt, sql } from "drizzle-orm";
import type { Outcome } from "~/utils/outcome";
import type { Database, Executor } from "#db/client";
import { fairs, orderLines, orders, shopOrders } from "#db/schema";
import type { Locale } from "~/i18n/config";
import { pickLocalized, type LocalizedText } from "~/i18n/localized";
import { samePickupCode } from "./pickup-code.server";
import { recordAudit } from "./audit.server";
import { sendShopOrderUpdateMail } from "./order-mail.server";
import { partReference } from "./order-reference";
import { partIndexSql } from "./order-reference.server";
import {
  releaseShopOrders,
  shopOrdersOf,
  type OrderView,
  type PaymentStatus,
  type ShopOrderStatus,
  type ShopOrderView,
} from "./orders.server";
import { planShopOrderRefund } from "./refunds.server";
import { pageWindow } from "./pagination";

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
  /** The fair where the buyer collects this part; null when it is shipped. */
  pickupFair: { id: number; slug: string; name: LocalizedText; startsOn: string; endsOn: string } | null;
};

/** Shop orders a cooperative must see: paid card orders and every cash-on-delivery order. */
const toFulfil = inArray(orders.paymentStatus, ["paid", "cod_pending"]);

/** Shop orders per page of the back office's list (it pages rather than cut at a silent cap). */
export const SHOP_ORDERS_PAGE_SIZE = 50;
/** Rows read at a time by the CSV export, which has every order (decision 018). */
const EXPORT_BATCH = 500;

/** One page of the cooperative's shop orders, newest first. */
export async function listShopOrders(
  db: Executor,
  cooperativeId: number,
  options: { status?: ShopOrderStatus; locale?: Locale; page?: number } = {},
): Promise<{ orders: ShopOrderSummary[]; page: number; pageCount: number }> {
  const where = shopOrdersWhere(cooperativeId, options.status);
  const [{ total }] = await db
    .select({ total: count() })
    .from(shopOrders)
    .innerJoin(orders, eq(orders.id, shopOrders.orderId))
    .where(where);
  const { page, pageCount, limit, offset } = pageWindow(total, options.page ?? 1, SHOP_ORDERS_PAGE_SIZE);
  const rows = await shopOrderRows(db, where, options.locale ?? "fr", { limit, offset });
  return { orders: rows, page, pageCount };
}

/**
 * Every shop order of the cooperative, newest first, a batch at a time (the CSV export): read
 * by id below the last one seen, so an order placed meanwhile neither repeats nor shifts a row.
 */
export async function* allShopOrders(
  db: Executor,
  cooperativeId: number,
  options: { locale?: Locale; batch?: number } = {},
): AsyncGenerator<ShopOrderSummary[]> {
  const batch = options.batch ?? EXPORT_BATCH;
  let below: number | null = null;
  for (;;) {
    const where = and(shopOrdersWhere(cooperativeId), below === null ? undefined : lt(shopOrders.id, below));
    const rows = await shopOrderRows(db, where, options.locale ?? "fr", { limit: batch, offset: 0 });
    if (rows.length > 0) yield rows;
    if (rows.length < batch) return;
    below = rows[rows.length - 1].id;
  }
}

function shopOrdersWhere(cooperativeId: number, status?: ShopOrderStatus) {
  return and(
    eq(shopOrders.cooperativeId, cooperativeId),
    toFulfil,
    status ? eq(shopOrders.status, status) : undefined,
  );
}

async function shopOrderRows(
  db: Executor,
  where: ReturnType<typeof shopOrdersWhere>,
  locale: Locale,
  range: { limit: number; offset: number },
): Promise<ShopOrderSummary[]> {
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
      fairId: fairs.id,
      fairSlug: fairs.slug,
      fairName: fairs.name,
      fairStartsOn: fairs.startsOn,
      fairEndsOn: fairs.endsOn,
    })
    .from(shopOrders)
    .innerJoin(orders, eq(orders.id, shopOrders.orderId))
    .leftJoin(fairs, eq(fairs.id, shopOrders.pickupFairId))
    .where(where)
    .orderBy(desc(shopOrders.id))
    .limit(range.limit)
    .offset(range.offset);
  return rows.map(({ address, partIndex, fairId, fairSlug, fairName, fairStartsOn, fairEndsOn, ...r }) => ({
    ...r,
    reference: partReference({ id: r.orderId, createdAt: r.createdAt }, partIndex),
    city: address.city,
    country: address.country,
    pickupFair:
      fairId !== null &&
      fairSlug !== null &&
      fairName !== null &&
      fairStartsOn !== null &&
      fairEndsOn !== null
        ? {
            id: fairId,
            slug: fairSlug,
            name: pickLocalized(fairName, locale),
            startsOn: fairStartsOn,
            endsOn: fairEndsOn,
          }
        : null,
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
        toFulfil,
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
      and(eq(shopOrders.id, input.shopOrderId), eq(shopOrders.cooperativeId, input.cooperativeId), toFulfil),
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
  /** Handed over at the fair's stand, against the buyer's pickup code (decision 021). */
  | { action: "handover"; code: string }
  | { action: "cancel"; reason: string };

/** Which status each step starts from, and leads to. */
const STEPS: Record<FulfilmentAction["action"], { from: ShopOrderStatus[]; to: ShopOrderStatus }> = {
  confirm: { from: ["pending"], to: "confirmed" },
  ship: { from: ["confirmed"], to: "shipped" },
  deliver: { from: ["shipped"], to: "delivered" },
  // At the stand the buyer may come before the cooperative confirmed the order.
  handover: { from: ["pending", "confirmed"], to: "delivered" },
  cancel: { from: ["pending", "confirmed"], to: "cancelled" },
};

export type FulfilmentResult = Outcome<
  {
    status: ShopOrderStatus;
    orderId: number;
    /** A refund is waiting to be sent (`issuePendingRefunds`). */
    refundDue: boolean;
  },
  "notFound" | "wrongStatus" | "wrongCode"
>;

/**
 * The one way a part becomes delivered, whether shipped then delivered or handed over at a
 * fair's stand: its status and date, and in the same transaction the buyer's mail with a link
 * to review each product (decision 019). Changes nothing unless the part is in one of `from`.
 */
async function markDelivered(
  tx: Executor,
  part: { shopOrderId: number; orderId: number; from: ShopOrderStatus[] },
  origin: string,
): Promise<{ id: number }[]> {
  const now = new Date();
  const changed = await tx
    .update(shopOrders)
    .set({ status: "delivered", deliveredAt: now, updatedAt: now })
    .where(and(eq(shopOrders.id, part.shopOrderId), inArray(shopOrders.status, part.from)))
    .returning({ id: shopOrders.id });
  if (changed.length > 0)
    await sendShopOrderUpdateMail(
      tx,
      { orderId: part.orderId, shopOrderId: part.shopOrderId, action: "deliver" },
      origin,
    );
  return changed;
}

/**
 * Moves a cooperative's shop order one step (confirm → ship → deliver, or handed over at a
 * stand, or cancel with a reason, which returns the stock). The status check and the change
 * are one conditional update, so a double click or two members at once change it once.
 * `origin` is the site's public address, for the links in the buyer's delivered mail.
 */
export async function fulfilShopOrder(
  db: Database,
  input: {
    cooperativeId: number;
    shopOrderId: number;
    actorUserId?: number | null;
    origin: string;
  } & FulfilmentAction,
  /** Runs in the step's transaction once it is done (e.g. queueing the buyer's mail). */
  inTransaction?: (tx: Executor, done: Extract<FulfilmentResult, { ok: true }>) => Promise<void>,
): Promise<FulfilmentResult> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ status: shopOrders.status, orderId: shopOrders.orderId, pickupCode: shopOrders.pickupCode })
      .from(shopOrders)
      .innerJoin(orders, eq(orders.id, shopOrders.orderId))
      .where(
        and(
          eq(shopOrders.id, input.shopOrderId),
          eq(shopOrders.cooperativeId, input.cooperativeId),
          toFulfil,
        ),
      );
    if (!current) return { ok: false, error: "notFound" } as const;
    // A part collected at a stand is handed over, never shipped; a shipped part never handed over.
    const pickup = current.pickupCode !== null;
    if (pickup ? input.action === "ship" || input.action === "deliver" : input.action === "handover")
      return { ok: false, error: "wrongStatus" } as const;
    if (input.action === "handover" && !samePickupCode(input.code, current.pickupCode ?? ""))
      return { ok: false, error: "wrongCode" } as const;
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
    } else if (input.action === "deliver" || input.action === "handover") {
      changed = await markDelivered(
        tx,
        { shopOrderId: input.shopOrderId, orderId: current.orderId, from: step.from },
        input.origin,
      );
    } else {
      const set =
        input.action === "confirm"
          ? { status: step.to, confirmedAt: now, updatedAt: now }
          : {
              status: step.to,
              shippedAt: now,
              carrier: input.carrier,
              trackingNumber: input.trackingNumber,
              updatedAt: now,
            };
      changed = await tx
        .update(shopOrders)
        .set(set)
        .where(and(eq(shopOrders.id, input.shopOrderId), inArray(shopOrders.status, step.from)))
        .returning({ id: shopOrders.id });
    }
    if (changed.length === 0) return { ok: false, error: "wrongStatus" } as const;
    await recordAudit(tx, {
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
