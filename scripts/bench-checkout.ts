/**
 * Checkouts/s for `npm run bench` (run by scripts/bench.mjs on the bench's PostgreSQL,
 * prints JSON): 50 concurrent buyers, each placing cash-on-delivery orders of one or two
 * listings from two cooperatives through the checkout model (`placeOrder`: one
 * transaction, conditional stock decrement, shop orders, snapshots) for a fixed time.
 * Every order decrements real stock; listings are picked among those with stock left.
 */
import { and, eq, gt, sql } from "drizzle-orm";
import { openDatabase } from "#db/client";
import { cooperatives, products } from "#db/schema";
import { CheckoutSchema } from "../app/forms/checkout.server";
import { CheckoutError, placeOrder } from "../app/models/checkout.server";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is required");
const BUYERS = Number(process.env.BENCH_BUYERS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

const handle = openDatabase({ url, poolSize: BUYERS });
try {
  const candidates = await handle.db
    .select({ id: products.id, cooperativeId: products.cooperativeId })
    .from(products)
    .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
    .where(
      and(
        eq(products.status, "published"),
        eq(cooperatives.status, "verified"),
        eq(cooperatives.acceptsCod, true),
        gt(products.stock, 5),
      ),
    )
    .orderBy(sql`random()`)
    .limit(2000);
  if (candidates.length < 2) throw new Error("not enough listings in stock to check out");
  const buyerInput = CheckoutSchema.parse({
    name: "Salma Alaoui",
    email: "bench@example.ma",
    phone: "+212612345678",
    country: "MA",
    city: "Fès",
    line1: "12 derb Sidi Ahmed",
    paymentMethod: "cod",
  });
  let placed = 0;
  let refused = 0;
  let failed = 0;
  const deadline = Date.now() + SECONDS * 1000;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: BUYERS }, async (_, b) => {
      let i = b;
      while (Date.now() < deadline) {
        const first = candidates[(i * 7) % candidates.length];
        const second = candidates[(i * 13 + 1) % candidates.length];
        i += BUYERS;
        const lines = [{ productId: first.id, quantity: 1 }];
        if (second.id !== first.id) lines.push({ productId: second.id, quantity: 1 });
        try {
          await placeOrder(handle.db, { lines, buyer: buyerInput, locale: "fr", cardEnabled: false });
          placed++;
        } catch (error) {
          if (error instanceof CheckoutError) refused++;
          else failed++;
        }
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  console.log(
    JSON.stringify({ buyers: BUYERS, seconds, placed, refused, failed, perSecond: placed / seconds }),
  );
} finally {
  await handle.close();
}
