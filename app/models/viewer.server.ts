/**
 * The header's part of every page for one visitor (decision 022): who is signed in (name, and
 * whether they see the shop and chamber links), their cart's unit count, their favourites. One
 * prepared statement: every page a signed-in buyer or a guest with a cart opens asks it, and on
 * PGlite each statement costs the server's own CPU (three statements took ~3 ms a page there).
 */
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { DatabaseHandle, Executor } from "#db/client";
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
  database: Pick<DatabaseHandle, "db" | "engine">,
  { token, cartId }: { token: string | null; cartId: string | null },
): Promise<ViewerRow> {
  if (!token && !isCartId(cartId)) return { user: null, cartCount: 0, favouriteIds: [] };
  const values: Values = {
    // A value no session id (a hex digest) and no cart id can be.
    sessionId: token ? sessionIdOf(token) : "-",
    now: new Date().toISOString(),
    cartId: isCartId(cartId) ? cartId : "-",
  };
  const [row] =
    database.engine === "pglite"
      ? await executeOnPglite(database.db, values)
      : await viewerStatement(database.db).execute(values);
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

function prepareViewer(db: Executor) {
  return prepareViewerQuery(db).prepare("viewer_state");
}

// One row whatever matches: the session (and its user, unless disabled) joined to a constant.
// The select's order is the column order executeOnPglite reads.
function prepareViewerQuery(db: Executor) {
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
    .leftJoin(users, and(eq(users.id, sessions.userId), isNull(users.disabledAt)));
}

type Values = { sessionId: string; now: string; cartId: string };
type Row = Awaited<ReturnType<ReturnType<typeof prepareViewer>["execute"]>>[number];
type PgliteClient = {
  exec: (sql: string) => Promise<unknown>;
  query: <T>(sql: string, params?: unknown[], options?: { rowMode?: "array" }) => Promise<{ rows: T[] }>;
};

/**
 * PGlite runs in the server's process and plans an unnamed statement every time (drizzle's
 * `.prepare()` names statements for `pg` only): planning this one was ~2/3 of its ~1.2 ms of
 * CPU. So on PGlite the same statement is PREPAREd once per client (SQL-level, its plan kept)
 * and each request EXECUTEs it: ~0.3–0.4 ms. EXECUTE takes no bound parameters, so the
 * values are written as literals, each checked against the only shape it can have.
 */
const pglitePrepared = new WeakMap<object, Promise<(keyof Values)[]>>();
const LITERAL_SHAPES: Record<keyof Values, RegExp> = {
  sessionId: /^(?:[0-9a-f]{64}|-)$/,
  cartId: /^(?:[A-Za-z0-9_-]{32}|-)$/,
  now: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
};

async function executeOnPglite(db: Executor, values: Values): Promise<Row[]> {
  const client = (db as unknown as { $client: PgliteClient }).$client;
  let prepared = pglitePrepared.get(client);
  if (!prepared) {
    const { sql: text, params } = prepareViewerQuery(db).toSQL();
    const names = params.map((p) => (p as { name: keyof Values }).name);
    prepared = client
      .exec(`prepare viewer_state(${names.map(() => "text").join(", ")}) as ${text}`)
      .then(() => names);
    // A failed PREPARE is tried again by the next request.
    prepared.catch(() => pglitePrepared.delete(client));
    pglitePrepared.set(client, prepared);
  }
  const names = await prepared;
  const literals = names.map((name) => {
    const value = values[name];
    if (!LITERAL_SHAPES[name].test(value)) throw new Error(`viewer statement: unexpected ${name}`);
    return `'${value}'`;
  });
  const { rows } = await client.query<unknown[]>(`execute viewer_state(${literals.join(", ")})`, [], {
    rowMode: "array",
  });
  // Columns in the order of the select (prepareViewerQuery).
  return rows.map(([userId, name, staffRole, isMember, cartCount, favouriteIds]) => ({
    userId,
    name,
    staffRole,
    isMember,
    cartCount,
    favouriteIds,
  })) as Row[];
}
