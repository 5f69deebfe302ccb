/**
 * Favourites (decision 020): a signed-in buyer's in the database, a guest's in a cookie
 * (app/utils/favourites-cookie.server.ts) until they sign in, then merged here.
 */
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Executor } from "#db/client";
import type { Outcome } from "~/utils/outcome";
import { cooperatives, favourites, products } from "#db/schema";
import type { Locale } from "~/i18n/config";
import { readGuestFavourites } from "~/utils/favourites-cookie.server";
import { buyerVisible, cardColumns, toCards, type ProductCard } from "./catalogue.server";

/** How many favourites an account keeps; the oldest go past it. */
export const FAVOURITES_MAX = 500;

/** Whether a buyer may see (and so keep) this listing. */
export async function isFavouritable(db: Executor, productId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: products.id })
    .from(products)
    .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
    .where(and(buyerVisible, eq(products.id, productId)))
    .limit(1);
  return row !== undefined;
}

/** The account's favourite product ids, newest first. */
export async function favouriteIds(db: Executor, userId: number): Promise<number[]> {
  const rows = await db
    .select({ productId: favourites.productId })
    .from(favourites)
    .where(eq(favourites.userId, userId))
    .orderBy(desc(favourites.createdAt), desc(favourites.productId))
    .limit(FAVOURITES_MAX);
  return rows.map((r) => r.productId);
}

/** `not_found`: no listing a buyer can see has that id (a draft, a suspended shop's, none). */
export async function addFavourite(
  db: Executor,
  input: { userId: number; productId: number },
): Promise<Outcome<object, "not_found">> {
  if (!(await isFavouritable(db, input.productId))) return { ok: false, error: "not_found" };
  await db.insert(favourites).values(input).onConflictDoNothing();
  return { ok: true };
}

export async function removeFavourite(db: Executor, input: { userId: number; productId: number }) {
  await db
    .delete(favourites)
    .where(and(eq(favourites.userId, input.userId), eq(favourites.productId, input.productId)));
}

/**
 * A guest's favourites join the account's at sign-in: the ones still on sale, kept once, the
 * guest's newest first as they were.
 */
export async function mergeGuestFavourites(db: Executor, input: { userId: number; productIds: number[] }) {
  if (input.productIds.length === 0) return 0;
  const visible = await db
    .select({ id: products.id })
    .from(products)
    .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
    .where(and(buyerVisible, inArray(products.id, input.productIds)));
  const keep = new Set(visible.map((r) => r.id));
  const now = Date.now();
  // The first id is the newest: it gets the latest time.
  const rows = input.productIds
    .filter((id) => keep.has(id))
    .map((productId, i) => ({ userId: input.userId, productId, createdAt: new Date(now - i) }));
  if (rows.length === 0) return 0;
  const inserted = await db
    .insert(favourites)
    .values(rows)
    .onConflictDoNothing()
    .returning({ id: favourites.productId });
  return inserted.length;
}

/** The cards of these favourites that a buyer may still see, in the given order. */
export async function favouriteCards(db: Executor, ids: number[], locale: Locale): Promise<ProductCard[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select(cardColumns)
    .from(products)
    .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
    .where(and(buyerVisible, inArray(products.id, ids)));
  const order = new Map(ids.map((id, i) => [id, i]));
  rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return toCards(db, rows, locale);
}

/** The viewer's favourites: the account's when signed in, else the guest cookie's. */
export async function viewerFavouriteIds(
  db: Executor,
  request: Request,
  userId: number | null,
): Promise<number[]> {
  return userId === null ? readGuestFavourites(request) : favouriteIds(db, userId);
}
