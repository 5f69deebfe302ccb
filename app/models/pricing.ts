/**
 * Money arithmetic of carts and orders: integers (centimes) only, no floats anywhere.
 * Shared by the server (which prices every order from the database) and the checkout page
 * (which shows the same totals as the buyer picks a country). Never imports the database.
 */

export const HOME_COUNTRY = "MA";

/** Most units of one product in one cart line. */
export const MAX_LINE_QUANTITY = 99;

/** Which payment methods a cart and destination allow (card only when Stripe is configured). */
export function paymentOptions(input: { country: string; allShopsAcceptCod: boolean; cardEnabled: boolean }) {
  return {
    card: input.cardEnabled,
    cod: input.country.toUpperCase() === HOME_COUNTRY && input.allShopsAcceptCod,
  };
}

/** Basis points: 1 % = 100 bp, 100 % = 10 000 bp. */
export const MAX_COMMISSION_BP = 10_000;

export type PricedLine = { cooperativeId: number; unitPriceCentimes: number; quantity: number };
export type ShopFees = { shippingFeeMa: number; shippingFeeIntl: number };

function assertCentimes(n: number, what: string) {
  if (!Number.isSafeInteger(n) || n < 0)
    throw new RangeError(`${what} must be a non-negative integer, got ${n}`);
}

export function lineTotal(unitPriceCentimes: number, quantity: number): number {
  assertCentimes(unitPriceCentimes, "unit price");
  if (!Number.isSafeInteger(quantity) || quantity <= 0)
    throw new RangeError(`quantity must be a positive integer, got ${quantity}`);
  const total = unitPriceCentimes * quantity;
  assertCentimes(total, "line total");
  return total;
}

/** A shop's shipping fee for a destination: the Moroccan fee at home, the international one abroad. */
export function shippingFor(shop: ShopFees, country: string): number {
  const fee = country.toUpperCase() === HOME_COUNTRY ? shop.shippingFeeMa : shop.shippingFeeIntl;
  assertCentimes(fee, "shipping fee");
  return fee;
}

/**
 * The platform's commission on a shop order's goods (shipping is not commissioned: the
 * cooperative pays the carrier). Rounding rule: half up to the nearest centime, in integer
 * arithmetic — commission = floor((gross × bp + 5 000) / 10 000).
 */
export function commissionFor(grossCentimes: number, rateBp: number): number {
  assertCentimes(grossCentimes, "gross");
  if (!Number.isSafeInteger(rateBp) || rateBp < 0 || rateBp > MAX_COMMISSION_BP) {
    throw new RangeError(`commission rate must be 0–10000 bp, got ${rateBp}`);
  }
  const product = BigInt(grossCentimes) * BigInt(rateBp);
  return Number((product + 5_000n) / 10_000n);
}

export type ShopTotals = {
  subtotalCentimes: number;
  shippingCentimes: number;
  commissionRateBp: number;
  commissionCentimes: number;
  /** What the platform owes the cooperative once delivered: goods − commission + shipping. */
  netCentimes: number;
  totalCentimes: number;
};

export function shopTotals(
  lines: { unitPriceCentimes: number; quantity: number }[],
  shippingCentimes: number,
  rateBp: number,
): ShopTotals {
  assertCentimes(shippingCentimes, "shipping");
  const subtotalCentimes = lines.reduce((sum, l) => sum + lineTotal(l.unitPriceCentimes, l.quantity), 0);
  const commissionCentimes = commissionFor(subtotalCentimes, rateBp);
  return {
    subtotalCentimes,
    shippingCentimes,
    commissionRateBp: rateBp,
    commissionCentimes,
    netCentimes: subtotalCentimes - commissionCentimes + shippingCentimes,
    totalCentimes: subtotalCentimes + shippingCentimes,
  };
}

export type OrderTotals = { subtotalCentimes: number; shippingCentimes: number; totalCentimes: number };

export function orderTotals(shops: { subtotalCentimes: number; shippingCentimes: number }[]): OrderTotals {
  const subtotalCentimes = shops.reduce((s, x) => s + x.subtotalCentimes, 0);
  const shippingCentimes = shops.reduce((s, x) => s + x.shippingCentimes, 0);
  return { subtotalCentimes, shippingCentimes, totalCentimes: subtotalCentimes + shippingCentimes };
}

/** Lines grouped by cooperative, in first-seen order. */
export function groupByShop<L extends { cooperativeId: number }>(lines: L[]): Map<number, L[]> {
  const groups = new Map<number, L[]>();
  for (const line of lines) {
    const group = groups.get(line.cooperativeId);
    if (group) group.push(line);
    else groups.set(line.cooperativeId, [line]);
  }
  return groups;
}

/** Totals of a whole cart for a destination (what the checkout page shows). */
export function cartTotals(
  shops: (ShopFees & { lines: { unitPriceCentimes: number; quantity: number }[] })[],
  country: string,
): OrderTotals {
  return orderTotals(
    shops.filter((s) => s.lines.length > 0).map((s) => shopTotals(s.lines, shippingFor(s, country), 0)),
  );
}
