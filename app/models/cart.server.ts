/**
 * The buyer's cart: one per browser (a random id in an httpOnly cookie), stored in the
 * database so any app process can serve it, and merged into the account at sign-in.
 *
 * A cart is always shown as it would be bought now: prices and stock are read again on
 * every view, and a line that is no longer on sale, or has less stock than asked, is
 * flagged — never silently dropped or changed.
 */
import { randomBytes } from "node:crypto";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { cartItems, carts, cooperatives, products } from "#db/schema";
import type { Locale } from "~/i18n/config";
import { pickLocalized, type LocalizedText } from "~/i18n/localized";
import { coverPicturesFor, type PictureData } from "./catalogue.server";
import { lineTotal, MAX_LINE_QUANTITY } from "./pricing";
import type { Outcome } from "~/utils/outcome";

export { MAX_LINE_QUANTITY };

export function newCartId(): string {
  return randomBytes(24).toString("base64url");
}

export function isCartId(value: unknown): value is string {
  return typeof value === "string" && /^[A-Za-z0-9_-]{32}$/.test(value);
}

export type CartLineState = "ok" | "unavailable" | "insufficient";

export type CartLine = {
  productId: number;
  slug: string;
  title: LocalizedText;
  unitPriceCentimes: number;
  currency: string;
  quantity: number;
  /** Units on sale now (0 when the listing is no longer on sale). */
  available: number;
  state: CartLineState;
  lineTotalCentimes: number;
  image: PictureData | null;
};

export type CartShop = {
  cooperativeId: number;
  slug: string;
  name: LocalizedText;
  acceptsCod: boolean;
  shippingFeeMa: number;
  shippingFeeIntl: number;
  processingDays: number;
  lines: CartLine[];
  subtotalCentimes: number;
};

export type CartView = {
  shops: CartShop[];
  /** Units in the cart, all lines. */
  count: number;
  subtotalCentimes: number;
  currency: string;
  /** True when some line cannot be bought as it is. */
  hasProblems: boolean;
  allShopsAcceptCod: boolean;
};

const EMPTY: CartView = {
  shops: [],
  count: 0,
  subtotalCentimes: 0,
  currency: "MAD",
  hasProblems: false,
  allShopsAcceptCod: true,
};

/** Units in the cart, for the header badge. */
export async function cartUnitCount(db: Executor, cartId: string | null | undefined): Promise<number> {
  if (!isCartId(cartId)) return 0;
  const [row] = await unitCountStatement(db).execute({ cartId });
  return row?.n ?? 0;
}

// Every page of a buyer with a cart asks (the header's badge): prepared once (decision 016).
const unitCountStatements = new WeakMap<Executor, ReturnType<typeof prepareUnitCount>>();

function unitCountStatement(db: Executor) {
  let statement = unitCountStatements.get(db);
  if (!statement) {
    statement = prepareUnitCount(db);
    unitCountStatements.set(db, statement);
  }
  return statement;
}

function prepareUnitCount(db: Executor) {
  return db
    .select({ n: sql<number>`coalesce(sum(${cartItems.quantity}), 0)::int` })
    .from(cartItems)
    .where(eq(cartItems.cartId, sql.placeholder("cartId")))
    .prepare("cart_unit_count");
}

export async function getCart(
  db: Executor,
  cartId: string | null | undefined,
  locale: Locale,
): Promise<CartView> {
  if (!isCartId(cartId)) return EMPTY;
  const rows = await db
    .select({
      productId: products.id,
      slug: products.slug,
      title: products.title,
      priceCentimes: products.priceCentimes,
      currency: products.currency,
      stock: products.stock,
      productStatus: products.status,
      quantity: cartItems.quantity,
      coop: {
        id: cooperatives.id,
        slug: cooperatives.slug,
        name: cooperatives.name,
        status: cooperatives.status,
        acceptsCod: cooperatives.acceptsCod,
        shippingFeeMa: cooperatives.shippingFeeMa,
        shippingFeeIntl: cooperatives.shippingFeeIntl,
        processingDays: cooperatives.processingDays,
      },
    })
    .from(cartItems)
    .innerJoin(products, eq(products.id, cartItems.productId))
    .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
    .where(eq(cartItems.cartId, cartId))
    .orderBy(asc(cartItems.addedAt), asc(products.id));
  if (rows.length === 0) return EMPTY;
  const pictures = await coverPicturesFor(
    db,
    rows.map((r) => r.productId),
    locale,
  );
  const shops = new Map<number, CartShop>();
  for (const r of rows) {
    const onSale = r.productStatus === "published" && r.coop.status === "verified";
    const available = onSale ? r.stock : 0;
    const state: CartLineState =
      !onSale || available === 0 ? "unavailable" : available < r.quantity ? "insufficient" : "ok";
    let shop = shops.get(r.coop.id);
    if (!shop) {
      shop = {
        cooperativeId: r.coop.id,
        slug: r.coop.slug,
        name: pickLocalized(r.coop.name, locale),
        acceptsCod: r.coop.acceptsCod,
        shippingFeeMa: r.coop.shippingFeeMa,
        shippingFeeIntl: r.coop.shippingFeeIntl,
        processingDays: r.coop.processingDays,
        lines: [],
        subtotalCentimes: 0,
      };
      shops.set(r.coop.id, shop);
    }
    const total = lineTotal(r.priceCentimes, r.quantity);
    shop.lines.push({
      productId: r.productId,
      slug: r.slug,
      title: pickLocalized(r.title, locale),
      unitPriceCentimes: r.priceCentimes,
      currency: r.currency,
      quantity: r.quantity,
      available,
      state,
      lineTotalCentimes: total,
      image: pictures.get(r.productId) ?? null,
    });
    shop.subtotalCentimes += total;
  }
  const list = [...shops.values()];
  return {
    shops: list,
    count: rows.reduce((n, r) => n + r.quantity, 0),
    subtotalCentimes: list.reduce((n, s) => n + s.subtotalCentimes, 0),
    currency: rows[0].currency,
    hasProblems: list.some((s) => s.lines.some((l) => l.state !== "ok")),
    allShopsAcceptCod: list.every((s) => s.acceptsCod),
  };
}

/**
 * Why a cart change was refused, with what the page needs to say so: `available`, the units
 * that could be had (stock on sale, or the line's maximum for `quantity`), and `cartId`, the
 * cart the buyer already had (null when none: a refusal never creates one).
 */
export type CartChangeError = {
  code: "unavailable" | "stock" | "quantity";
  available: number;
  cartId: string | null;
};
export type CartChangeResult = Outcome<{ cartId: string }, CartChangeError>;

const refused = (cartId: string | null, code: CartChangeError["code"], available = 0) => ({
  ok: false as const,
  error: { code, available, cartId },
});

/** A product a buyer may put in a cart: on sale (buyer-visible) now, with its stock. */
async function saleableProduct(db: Executor, productId: number) {
  const [row] = await db
    .select({ id: products.id, stock: products.stock })
    .from(products)
    .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
    .where(
      and(eq(products.id, productId), eq(products.status, "published"), eq(cooperatives.status, "verified")),
    )
    .limit(1);
  return row ?? null;
}

async function ensureCart(
  db: Executor,
  cartId: string | null | undefined,
  userId?: number | null,
): Promise<string> {
  if (isCartId(cartId)) {
    const [found] = await db.select({ id: carts.id }).from(carts).where(eq(carts.id, cartId)).limit(1);
    if (found) return found.id;
  }
  const id = newCartId();
  await db.insert(carts).values({ id, userId: userId ?? null });
  return id;
}

/** Adds `quantity` units (on top of what the cart holds), within the stock on sale. */
export async function addToCart(
  db: Executor,
  input: { cartId: string | null | undefined; productId: number; quantity: number; userId?: number | null },
): Promise<CartChangeResult> {
  const product = await saleableProduct(db, input.productId);
  const existingCartId = isCartId(input.cartId) ? input.cartId : null;
  if (!product || product.stock === 0) return refused(existingCartId, "unavailable");
  let already = 0;
  if (existingCartId) {
    const [line] = await db
      .select({ quantity: cartItems.quantity })
      .from(cartItems)
      .where(and(eq(cartItems.cartId, existingCartId), eq(cartItems.productId, product.id)));
    already = line?.quantity ?? 0;
  }
  const wanted = already + input.quantity;
  if (wanted > product.stock) return refused(existingCartId, "stock", product.stock);
  if (wanted > MAX_LINE_QUANTITY) return refused(existingCartId, "quantity", MAX_LINE_QUANTITY);
  const cartId = await ensureCart(db, existingCartId, input.userId);
  await db
    .insert(cartItems)
    .values({ cartId, productId: product.id, quantity: input.quantity })
    .onConflictDoUpdate({
      target: [cartItems.cartId, cartItems.productId],
      set: { quantity: sql`${cartItems.quantity} + excluded.quantity` },
    });
  await db.update(carts).set({ updatedAt: new Date() }).where(eq(carts.id, cartId));
  return { ok: true, cartId };
}

/** Sets a line's quantity (0 removes it). Lowering a quantity is always allowed. */
export async function setCartQuantity(
  db: Executor,
  input: { cartId: string | null | undefined; productId: number; quantity: number },
): Promise<CartChangeResult> {
  if (!isCartId(input.cartId)) return refused(null, "unavailable");
  const cartId = input.cartId;
  if (input.quantity === 0) {
    await removeFromCart(db, { cartId, productId: input.productId });
    return { ok: true, cartId };
  }
  const [line] = await db
    .select({ quantity: cartItems.quantity })
    .from(cartItems)
    .where(and(eq(cartItems.cartId, cartId), eq(cartItems.productId, input.productId)));
  if (!line) return refused(cartId, "unavailable");
  if (input.quantity > line.quantity) {
    const product = await saleableProduct(db, input.productId);
    if (!product || product.stock === 0) return refused(cartId, "unavailable");
    if (input.quantity > product.stock) return refused(cartId, "stock", product.stock);
  }
  await db
    .update(cartItems)
    .set({ quantity: input.quantity })
    .where(and(eq(cartItems.cartId, cartId), eq(cartItems.productId, input.productId)));
  return { ok: true, cartId };
}

export async function removeFromCart(
  db: Executor,
  input: { cartId: string | null | undefined; productId: number },
) {
  if (!isCartId(input.cartId)) return;
  await db
    .delete(cartItems)
    .where(and(eq(cartItems.cartId, input.cartId), eq(cartItems.productId, input.productId)));
}

/**
 * At sign-in: the guest cart joins the account's cart (quantities added, capped at what
 * is on sale, never dropped below what either cart held), and the guest cart is deleted.
 * Returns the id of the account's cart, which the cookie should now hold.
 */
export async function mergeCartIntoUser(
  db: Executor,
  input: { guestCartId: string | null | undefined; userId: number },
): Promise<string | null> {
  return db.transaction(async (tx) => {
    const [own] = await tx
      .select({ id: carts.id })
      .from(carts)
      .where(eq(carts.userId, input.userId))
      .orderBy(asc(carts.createdAt))
      .limit(1);
    const guestId = isCartId(input.guestCartId) ? input.guestCartId : null;
    const [guest] = guestId ? await tx.select().from(carts).where(eq(carts.id, guestId)).limit(1) : [];
    if (!guest || guest.id === own?.id) return own?.id ?? guest?.id ?? null;
    if (guest.userId !== null && guest.userId !== input.userId) return own?.id ?? null;
    if (!own) {
      await tx
        .update(carts)
        .set({ userId: input.userId, updatedAt: new Date() })
        .where(eq(carts.id, guest.id));
      return guest.id;
    }
    const guestLines = await tx.select().from(cartItems).where(eq(cartItems.cartId, guest.id));
    if (guestLines.length > 0) {
      const stock = new Map(
        (
          await tx
            .select({ id: products.id, stock: products.stock })
            .from(products)
            .where(
              inArray(
                products.id,
                guestLines.map((l) => l.productId),
              ),
            )
        ).map((p) => [p.id, p.stock]),
      );
      for (const line of guestLines) {
        const cap = Math.max(line.quantity, Math.min(stock.get(line.productId) ?? 0, MAX_LINE_QUANTITY));
        await tx
          .insert(cartItems)
          .values({ cartId: own.id, productId: line.productId, quantity: line.quantity })
          .onConflictDoUpdate({
            target: [cartItems.cartId, cartItems.productId],
            set: {
              quantity: sql`greatest(${cartItems.quantity}, least(${cartItems.quantity} + excluded.quantity, ${cap}))`,
            },
          });
      }
    }
    await tx.delete(carts).where(eq(carts.id, guest.id));
    return own.id;
  });
}

/** The lines to buy, as stored: product and quantity only (prices come from the database). */
export async function cartLines(
  db: Executor,
  cartId: string,
): Promise<{ productId: number; quantity: number }[]> {
  return db
    .select({ productId: cartItems.productId, quantity: cartItems.quantity })
    .from(cartItems)
    .where(eq(cartItems.cartId, cartId))
    .orderBy(asc(cartItems.addedAt), asc(cartItems.productId));
}
