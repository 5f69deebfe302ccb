/**
 * The header's part of every page for one visitor (decision 022): who is signed in (name, and
 * whether they see the shop and chamber links), their cart's unit count, their favourites. One
 * prepared statement: every page a signed-in buyer or a guest with a cart opens asks it, and on
 * PGlite each statement costs the server's own CPU (three statements took ~3 ms a page there).
 */
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { cartItems, favourites, memberships, sessions, users } from "#db/schema";
import { isCartId } from "./cart.server";
import { FAVOURITES_MAX } from "./favourites.server";
import { sessionIdOf } from "./users.server";

export type ViewerRow = {
  /** null: no live session (none, expired, revoked, or its user disabled). */
  user: { id: number; name: string; isMember: boolean; isStaff: boolean } | null;
  cartCount: number;
  /** The signed-in user's favourites, newest first (a guest's are in a cookie). */
  favouriteIds: number[];
};

export async function getViewer(
  db: Executor,
  { token, cartId }: { token: string | null; cartId: string | null },
): Promise<ViewerRow> {
  if (!token && !isCartId(cartId)) return { user: null, cartCount: 0, favouriteIds: [] };
  const [row] = await viewerStatement(db).execute({
    // A value no session id (a hex digest) and no cart id can be.
    sessionId: token ? sessionIdOf(token) : "-",
    now: new Date().toISOString(),
    cartId: isCartId(cartId) ? cartId : "-",
  });
  return {
    user:
      row?.userId != null && row.name !== null
        ? { id: row.userId, name: row.name, isMember: row.isMember, isStaff: row.staffRole !== null }
        : null,
    cartCount: row?.cartCount ?? 0,
    favouriteIds: row?.favouriteIds ?? [],
  };
}

const viewerStatements = new WeakMap<Executor, ReturnType<typeof prepareViewer>>();

function viewerStatement(db: Executor) {
  let statement = viewerStatements.get(db);
  if (!statement) {
    statement = prepareViewer(db);
    viewerStatements.set(db, statement);
  }
  return statement;
}

// One row whatever matches: the session (and its user, unless disabled) joined to a constant.
function prepareViewer(db: Executor) {
  return db
    .select({
      userId: users.id,
      name: users.name,
      staffRole: users.staffRole,
      isMember: sql<boolean>`exists (select 1 from ${memberships} where ${memberships.userId} = ${users.id})`,
      cartCount: sql<number>`(select coalesce(sum(${cartItems.quantity}), 0)::int from ${cartItems}
        where ${cartItems.cartId} = ${sql.placeholder("cartId")})`,
      favouriteIds: sql<number[]>`coalesce((
        select json_agg(f.product_id order by f.created_at desc, f.product_id desc) from (
          select ${favourites.productId} as product_id, ${favourites.createdAt} as created_at
          from ${favourites} where ${favourites.userId} = ${users.id}
          order by ${favourites.createdAt} desc, ${favourites.productId} desc limit ${sql.raw(String(FAVOURITES_MAX))}
        ) f), '[]'::json)`,
    })
    .from(sql`(select 1) as one`)
    .leftJoin(
      sessions,
      and(
        eq(sessions.id, sql.placeholder("sessionId")),
        gt(sessions.expiresAt, sql`${sql.placeholder("now")}::timestamptz`),
      ),
    )
    .leftJoin(users, and(eq(users.id, sessions.userId), isNull(users.disabledAt)))
    .prepare("viewer_state");
}
