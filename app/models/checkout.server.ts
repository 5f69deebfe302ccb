/**
 * Checkout: turns a cart into one order with one shop order per cooperative, in one
 * database transaction. Everything is priced from the database (a client never sends a
 * price); stock is taken with a conditional decrement, so it never goes below zero
 * whatever the concurrency; any failure rolls everything back and says which line failed.
 * A cart becomes one order however many times its checkout is posted: the cart row is
 * locked and its lines read inside the transaction, and the cart remembers its order.
 */
import { randomBytes } from "node:crypto";
import { and, asc, eq, gt, gte, inArray, sql } from "drizzle-orm";
import { transactionWithRetry, type Database, type Executor } from "#db/client";
import {
  cartItems,
  carts,
  cooperatives,
  orderLines,
  orders,
  products,
  shopOrders,
  type Localized,
} from "#db/schema";
import type { Locale } from "~/i18n/config";
import { pickLocalized, type LocalizedText } from "~/i18n/localized";
import type { CheckoutInput } from "~/forms/checkout.server";
import type { Outcome } from "~/utils/outcome";
export { paymentOptions } from "./pricing";
import { HOME_COUNTRY, lineTotal, orderTotals, shippingFor, shopTotals } from "./pricing";
import { getCommissionRateBp } from "./settings.server";
import { pickupCooperativesIn } from "./fairs.server";
import { newPickupCode } from "./pickup-code.server";

export type CheckoutFailure =
  | { code: "empty" }
  | { code: "unavailable"; productId: number; title: LocalizedText }
  | { code: "soldOut"; productId: number; title: LocalizedText }
  | { code: "stock"; productId: number; title: LocalizedText; requested: number; available: number }
  | { code: "codAbroad" }
  | { code: "codShop"; shops: LocalizedText[] }
  | { code: "cardDisabled" }
  /** The fair chosen for collection is over, unpublished, or has none of the cart's cooperatives. */
  | { code: "pickupUnavailable" }
  /** Some parts are still shipped (their cooperative is not at the fair): they need an address. */
  | { code: "addressNeeded" }
  /** The cart was already turned into this order (a double submit, a retried request): nothing new was placed. */
  | { code: "alreadyOrdered"; orderId: number; token: string };

export class CheckoutError extends Error {
  constructor(readonly failure: CheckoutFailure) {
    super(`checkout failed: ${failure.code}`);
  }
}

export type PlacedOrder = {
  id: number;
  token: string;
  locale: Locale;
  paymentMethod: "card" | "cod";
  buyerEmail: string;
  currency: string;
  subtotalCentimes: number;
  shippingCentimes: number;
  totalCentimes: number;
  /** What the buyer pays for, in the buyer's language (for the payment provider). */
  items: { productId: number; title: string; unitPriceCentimes: number; quantity: number }[];
  shipping: { cooperative: string; centimes: number }[];
};

export type CheckoutRequest = (
  | {
      /**
       * The cart to buy: its row is locked and its lines read inside the transaction, it is
       * emptied there, and it remembers the order, so posting it again places nothing more.
       */
      cartId: string;
      lines?: never;
    }
  | {
      /** Lines bought without a cart (benchmarks, tests). */
      lines: { productId: number; quantity: number }[];
      cartId?: never;
    }
) & {
  buyer: CheckoutInput;
  locale: Locale;
  userId?: number | null;
  cardEnabled: boolean;
  /** Runs in the order's own transaction once it is placed (e.g. queueing its mails). */
  inTransaction?: (tx: Executor, order: PlacedOrder) => Promise<void>;
};

/**
 * How long a cart emptied by an order answers a repeated checkout with that order: as long
 * as its card payment page lives. After that, an empty cart is just empty.
 */
const REPEAT_ANSWERED_FOR = sql`interval '30 minutes'`;

export type CheckoutResult = Outcome<{ order: PlacedOrder }, CheckoutFailure>;

export function newOrderToken(): string {
  return randomBytes(24).toString("base64url");
}

/** Quantities per product, whatever the number of lines that draw on it. */
export function aggregateLines(lines: { productId: number; quantity: number }[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const l of lines) {
    if (!Number.isSafeInteger(l.quantity) || l.quantity <= 0)
      throw new RangeError("quantity must be a positive integer");
    out.set(l.productId, (out.get(l.productId) ?? 0) + l.quantity);
  }
  return out;
}

export async function placeOrder(db: Database, request: CheckoutRequest): Promise<CheckoutResult> {
  try {
    // A deadlock or serialization failure rolls everything back: the checkout runs again.
    const order = await transactionWithRetry(db, async (tx) => {
      const placed = await placeOrderIn(tx, request);
      await request.inTransaction?.(tx, placed);
      return placed;
    });
    return { ok: true, order };
  } catch (error) {
    if (error instanceof CheckoutError) return { ok: false, error: error.failure };
    throw error;
  }
}

/**
 * The cart's lines, read under a lock on the cart row: a second checkout of the same cart
 * waits here until the first one commits, then finds the cart emptied and the order it made.
 */
async function lockedCartLines(
  tx: Executor,
  cartId: string,
): Promise<{ productId: number; quantity: number }[]> {
  const [cart] = await tx
    .select({ lastOrderId: carts.lastOrderId })
    .from(carts)
    .where(eq(carts.id, cartId))
    .for("update");
  if (!cart) throw new CheckoutError({ code: "empty" });
  const lines = await tx
    .select({ productId: cartItems.productId, quantity: cartItems.quantity })
    .from(cartItems)
    .where(eq(cartItems.cartId, cartId))
    .orderBy(asc(cartItems.addedAt), asc(cartItems.productId));
  if (lines.length > 0) return lines;
  if (cart.lastOrderId !== null) {
    const [previous] = await tx
      .select({ id: orders.id, token: orders.token })
      .from(orders)
      .where(and(eq(orders.id, cart.lastOrderId), gt(orders.createdAt, sql`now() - ${REPEAT_ANSWERED_FOR}`)));
    if (previous)
      throw new CheckoutError({ code: "alreadyOrdered", orderId: previous.id, token: previous.token });
  }
  throw new CheckoutError({ code: "empty" });
}

async function placeOrderIn(tx: Executor, request: CheckoutRequest): Promise<PlacedOrder> {
  const { buyer, locale } = request;
  const wanted = aggregateLines(
    request.cartId !== undefined ? await lockedCartLines(tx, request.cartId) : request.lines,
  );
  if (wanted.size === 0) throw new CheckoutError({ code: "empty" });
  const ids = [...wanted.keys()].sort((a, b) => a - b);

  const rows = await tx
    .select({
      id: products.id,
      title: products.title,
      status: products.status,
      coop: {
        id: cooperatives.id,
        name: cooperatives.name,
        status: cooperatives.status,
        acceptsCod: cooperatives.acceptsCod,
        shippingFeeMa: cooperatives.shippingFeeMa,
        shippingFeeIntl: cooperatives.shippingFeeIntl,
      },
    })
    .from(products)
    .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
    .where(inArray(products.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  // In the buyer's order of lines, so the first problem named is the first they see.
  for (const productId of wanted.keys()) {
    const row = byId.get(productId);
    if (!row || row.status !== "published" || row.coop.status !== "verified") {
      throw new CheckoutError({ code: "unavailable", productId, title: pickLocalized(row?.title, locale) });
    }
  }

  // Collection at a fair's stand (decision 021): the parts of the cooperatives present there
  // are handed over at their stand, without shipping; the others are shipped as usual.
  const atStand =
    buyer.pickupFair === undefined
      ? new Set<number>()
      : await pickupCooperativesIn(tx, buyer.pickupFair, [...new Set(rows.map((r) => r.coop.id))]);
  if (buyer.pickupFair !== undefined && atStand.size === 0)
    throw new CheckoutError({ code: "pickupUnavailable" });
  const shipped = rows.filter((r) => !atStand.has(r.coop.id));
  if (shipped.length > 0 && (!buyer.city || !buyer.line1)) throw new CheckoutError({ code: "addressNeeded" });

  if (buyer.paymentMethod === "cod") {
    // Paying at the stand is paying on delivery where the buyer stands: any buyer, any shop
    // present. Only shipped parts need a Moroccan address and a shop that takes cash.
    if (shipped.length > 0 && buyer.country !== HOME_COUNTRY) throw new CheckoutError({ code: "codAbroad" });
    const refusing = [
      ...new Map(shipped.filter((r) => !r.coop.acceptsCod).map((r) => [r.coop.id, r.coop.name])).values(),
    ];
    if (refusing.length > 0)
      throw new CheckoutError({ code: "codShop", shops: refusing.map((n) => pickLocalized(n, locale)) });
  } else if (!request.cardEnabled) {
    throw new CheckoutError({ code: "cardDisabled" });
  }

  // Take the stock, product by product in id order (a fixed order: no deadlocks between
  // concurrent checkouts). The decrement is conditional: it cannot go below zero, and the
  // price and title sold are the ones read by that very statement.
  const sold = new Map<
    number,
    { priceCentimes: number; currency: string; title: Localized; cooperativeId: number }
  >();
  for (const productId of ids) {
    const quantity = wanted.get(productId)!;
    const [taken] = await tx
      .update(products)
      .set({ stock: sql`${products.stock} - ${quantity}`, updatedAt: new Date() })
      .where(and(eq(products.id, productId), eq(products.status, "published"), gte(products.stock, quantity)))
      .returning({
        priceCentimes: products.priceCentimes,
        currency: products.currency,
        title: products.title,
        cooperativeId: products.cooperativeId,
      });
    if (!taken) {
      const [now] = await tx
        .select({ stock: products.stock, title: products.title, status: products.status })
        .from(products)
        .where(eq(products.id, productId));
      const title = pickLocalized(now?.title ?? byId.get(productId)?.title, locale);
      if (!now || now.status !== "published")
        throw new CheckoutError({ code: "unavailable", productId, title });
      if (now.stock === 0) throw new CheckoutError({ code: "soldOut", productId, title });
      throw new CheckoutError({ code: "stock", productId, title, requested: quantity, available: now.stock });
    }
    sold.set(productId, taken);
  }

  const rateBp = await getCommissionRateBp(tx);
  // One shop order per cooperative, in the order the buyer's lines name them.
  const shops = new Map<
    number,
    { coop: (typeof rows)[number]["coop"]; lines: { productId: number; quantity: number }[] }
  >();
  for (const [productId, quantity] of wanted) {
    const coop = byId.get(productId)!.coop;
    const shop = shops.get(coop.id) ?? { coop, lines: [] };
    shop.lines.push({ productId, quantity });
    shops.set(coop.id, shop);
  }
  const currency = sold.values().next().value!.currency;
  const perShop = [...shops.values()].map((shop) => {
    const priced = shop.lines.map((l) => ({ ...l, unitPriceCentimes: sold.get(l.productId)!.priceCentimes }));
    const pickup = atStand.has(shop.coop.id);
    const shipping = pickup ? 0 : shippingFor(shop.coop, buyer.country);
    return { shop, priced, pickup, totals: shopTotals(priced, shipping, rateBp) };
  });
  const totals = orderTotals(perShop.map((s) => s.totals));

  const token = newOrderToken();
  const [order] = await tx
    .insert(orders)
    .values({
      token,
      userId: request.userId ?? null,
      locale,
      buyerName: buyer.name,
      buyerEmail: buyer.email,
      buyerPhone: buyer.phone,
      address: {
        line1: buyer.line1 ?? "",
        ...(buyer.line2 ? { line2: buyer.line2 } : {}),
        city: buyer.city ?? "",
        ...(buyer.postalCode ? { postalCode: buyer.postalCode } : {}),
        country: buyer.country,
      },
      paymentMethod: buyer.paymentMethod,
      paymentStatus: buyer.paymentMethod === "cod" ? "cod_pending" : "awaiting_payment",
      currency,
      ...totals,
    })
    .returning({ id: orders.id });

  for (const { shop, priced, pickup, totals: t } of perShop) {
    const [shopOrder] = await tx
      .insert(shopOrders)
      .values({
        orderId: order.id,
        cooperativeId: shop.coop.id,
        status: "pending",
        ...(pickup ? { pickupFairId: buyer.pickupFair, pickupCode: newPickupCode() } : {}),
        subtotalCentimes: t.subtotalCentimes,
        shippingCentimes: t.shippingCentimes,
        commissionRateBp: t.commissionRateBp,
        commissionCentimes: t.commissionCentimes,
        netCentimes: t.netCentimes,
      })
      .returning({ id: shopOrders.id });
    await tx.insert(orderLines).values(
      priced.map((l) => ({
        shopOrderId: shopOrder.id,
        productId: l.productId,
        titleSnapshot: sold.get(l.productId)!.title,
        cooperativeNameSnapshot: shop.coop.name,
        unitPriceCentimes: l.unitPriceCentimes,
        quantity: l.quantity,
        lineTotalCentimes: lineTotal(l.unitPriceCentimes, l.quantity),
      })),
    );
  }

  if (request.cartId !== undefined) {
    // What was bought leaves the cart, and the cart remembers its order (still locked: no
    // other checkout of it can have run in between).
    await tx
      .delete(cartItems)
      .where(and(eq(cartItems.cartId, request.cartId), inArray(cartItems.productId, ids)));
    await tx
      .update(carts)
      .set({ lastOrderId: order.id, updatedAt: new Date() })
      .where(eq(carts.id, request.cartId));
  }

  return {
    id: order.id,
    token,
    locale,
    paymentMethod: buyer.paymentMethod,
    buyerEmail: buyer.email,
    currency,
    ...totals,
    items: perShop.flatMap(({ priced }) =>
      priced.map((l) => ({
        productId: l.productId,
        title: pickLocalized(sold.get(l.productId)!.title, locale).text,
        unitPriceCentimes: l.unitPriceCentimes,
        quantity: l.quantity,
      })),
    ),
    shipping: perShop.map(({ shop, totals: t }) => ({
      cooperative: pickLocalized(shop.coop.name, locale).text,
      centimes: t.shippingCentimes,
    })),
  };
}
