/**
 * A signed-in buyer with a cart of two listings, for `npm run bench` (run by scripts/bench.mjs
 * on each engine before its server starts; prints JSON with the Cookie header): the
 * "(session)" rows measure the pages such a buyer gets: since decision 022 from the page cache,
 * one stored page per viewer state with the buyer's name spliced in, the state read each time.
 */
import { and, eq, gt } from "drizzle-orm";
import { databaseOptionsFromEnv, openDatabase } from "#db/client";
import { cooperatives, products } from "#db/schema";
import { addToCart } from "../app/models/cart.server";
import { createSession, createUser } from "../app/models/users.server";
import { sessionCookie } from "../app/utils/auth.server";
import { cartCookie } from "../app/utils/cart-cookie.server";

const handle = openDatabase(databaseOptionsFromEnv());
try {
  const listings = await handle.db
    .select({ id: products.id })
    .from(products)
    .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
    .where(and(eq(products.status, "published"), eq(cooperatives.status, "verified"), gt(products.stock, 5)))
    .orderBy(products.id)
    .limit(2);
  const user = await createUser(handle.db, {
    email: `bench-buyer-${Date.now()}@bench.hirfa.ma`,
    name: "Bench Buyer",
    preferredLocale: "fr",
  });
  const { token } = await createSession(handle.db, user.id);
  let cartId: string | null = null;
  for (const [i, listing] of listings.entries()) {
    const added = await addToCart(handle.db, {
      cartId,
      productId: listing.id,
      quantity: i + 1,
      userId: user.id,
    });
    if (!added.ok) throw new Error(`bench cart: ${added.error}`);
    cartId = added.cartId;
  }
  const pair = (header: string) => header.split(";")[0];
  const cookie = [pair(await sessionCookie.serialize(token)), pair(await cartCookie.serialize(cartId))].join(
    "; ",
  );
  console.log(JSON.stringify({ cookie }));
} finally {
  await handle.close();
}
