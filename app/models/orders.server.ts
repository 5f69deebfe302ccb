/**
 * Orders after checkout, as people read them: the buyer's private page and list, the
 * shop-order view the cooperative's page builds on, and the release of a part's stock that
 * both an unpaid card order (card-payments.server.ts) and a cancelled part
 * (fulfilment.server.ts) go through.
 */
import { and, asc, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import {
  cooperatives,
  fairStands,
  fairs,
  orderLines,
  orders,
  products,
  shopOrders,
  type Address,
} from "#db/schema";
import type { Locale } from "~/i18n/config";
import { pickLocalized, type LocalizedText } from "~/i18n/localized";
import { orderReference, partReference } from "./order-reference";
import { partIndexSql } from "./order-reference.server";
import { refundsOfShopOrders, wholeOrderRefund, type RefundView } from "./refunds.server";
import { pageWindow } from "./pagination";

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
  /** Collected at a fair's stand instead of shipped (decision 021). */
  pickup: PickupView | null;
  lines: OrderLineView[];
};

export type PickupView = {
  fairSlug: string;
  fair: LocalizedText;
  venue: LocalizedText;
  city: LocalizedText;
  startsOn: string;
  endsOn: string;
  standNumber: string | null;
  code: string;
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

export async function shopOrdersOf(
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
      fair: {
        slug: fairs.slug,
        name: fairs.name,
        venue: fairs.venue,
        city: fairs.city,
        startsOn: fairs.startsOn,
        endsOn: fairs.endsOn,
      },
      standNumber: fairStands.standNumber,
    })
    .from(shopOrders)
    .innerJoin(cooperatives, eq(cooperatives.id, shopOrders.cooperativeId))
    .innerJoin(orders, eq(orders.id, shopOrders.orderId))
    .leftJoin(fairs, eq(fairs.id, shopOrders.pickupFairId))
    .leftJoin(
      fairStands,
      and(
        eq(fairStands.fairId, shopOrders.pickupFairId),
        eq(fairStands.cooperativeId, shopOrders.cooperativeId),
        eq(fairStands.status, "accepted"),
      ),
    )
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
  return rows.map(({ shopOrder: s, coopName, coopSlug, orderCreatedAt, partIndex, fair, standNumber }) => ({
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
    pickup:
      fair && s.pickupCode
        ? {
            fairSlug: fair.slug,
            fair: pickLocalized(fair.name, locale),
            venue: pickLocalized(fair.venue, locale),
            city: pickLocalized(fair.city, locale),
            startsOn: fair.startsOn,
            endsOn: fair.endsOn,
            standNumber,
            code: s.pickupCode,
          }
        : null,
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

/** An order as its buyer sees it: by its private token (the order page) or by id (mails). */
export async function getOrder(
  db: Executor,
  by: { token: string } | { id: number },
  locale: Locale,
): Promise<OrderView | null> {
  if ("token" in by && !isOrderToken(by.token)) return null;
  const [order] = await db
    .select()
    .from(orders)
    .where("token" in by ? eq(orders.token, by.token) : eq(orders.id, by.id))
    .limit(1);
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
  const { page, pageCount, limit, offset } = pageWindow(total, input.page, BUYER_ORDERS_PAGE_SIZE);
  const rows = await db
    .select()
    .from(orders)
    .where(eq(orders.userId, input.userId))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(limit)
    .offset(offset);
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

/**
 * Cancels what is left of an order's shop orders (pending or confirmed) and puts their
 * units back on sale. Safe to call twice: a shop order is cancelled, and its stock
 * returned, by exactly one call (conditional update).
 */
export async function releaseShopOrders(
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
