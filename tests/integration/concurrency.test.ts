/**
 * Stock under real concurrency, on PostgreSQL: 50 buyers at once for the last 5 units,
 * 20 rounds. Exactly 5 units sold each round, never below zero, everyone else told why.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orderLines, products } from "#db/schema";
import { placeOrder } from "~/models/checkout.server";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { buyer, createShop } from "../support/shops";

describe("checkout concurrency on PostgreSQL", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("postgres", { poolSize: 60 });
  });
  afterAll(async () => {
    await t?.destroy();
  });

  const stockOf = async (id: number) =>
    (await t.db.select({ s: products.stock }).from(products).where(eq(products.id, id)))[0].s;
  const soldOf = async (id: number) =>
    (
      await t.db
        .select({ n: sql<number>`coalesce(sum(${orderLines.quantity}), 0)::int` })
        .from(orderLines)
        .where(eq(orderLines.productId, id))
    )[0].n;

  it("sells exactly the last 5 units to 50 concurrent buyers, 20 rounds in a row", async () => {
    const shop = await createShop(t.db, {
      products: [
        { stock: 5, priceCentimes: 25_000 },
        { stock: 1000, priceCentimes: 1_000 },
      ],
    });
    const [scarce, plenty] = shop.products;
    for (let round = 0; round < 20; round++) {
      await t.db.update(products).set({ stock: 5 }).where(eq(products.id, scarce.id));
      const soldBefore = await soldOf(scarce.id);
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          placeOrder(t.db, {
            // Half the buyers also take another product, so transactions overlap on two rows.
            lines:
              i % 2
                ? [
                    { productId: plenty.id, quantity: 1 },
                    { productId: scarce.id, quantity: 1 },
                  ]
                : [{ productId: scarce.id, quantity: 1 }],
            buyer: buyer(),
            locale: "fr",
            cardEnabled: false,
          }),
        ),
      );
      const won = results.filter((r) => r.ok);
      const lost = results.filter((r) => !r.ok);
      expect(won.length, `round ${round}`).toBe(5);
      expect(lost.length).toBe(45);
      for (const r of lost) {
        expect(r.ok ? null : r.error).toMatchObject({
          code: "soldOut",
          productId: scarce.id,
          title: { text: scarce.title.fr },
        });
      }
      expect(await stockOf(scarce.id)).toBe(0);
      expect((await soldOf(scarce.id)) - soldBefore).toBe(5);
    }
    // The plentiful product lost exactly what the winners took, nothing for the losers.
    expect(await stockOf(plenty.id)).toBe(1000 - (await soldOf(plenty.id)));
  });

  it("counts two lines of the same product together under concurrency", async () => {
    const shop = await createShop(t.db, { products: [{ stock: 5, priceCentimes: 9_000 }] });
    const [p] = shop.products;
    for (let round = 0; round < 5; round++) {
      await t.db.update(products).set({ stock: 5 }).where(eq(products.id, p.id));
      const results = await Promise.all(
        Array.from({ length: 20 }, () =>
          placeOrder(t.db, {
            lines: [
              { productId: p.id, quantity: 1 },
              { productId: p.id, quantity: 2 },
            ],
            buyer: buyer(),
            locale: "ar",
            cardEnabled: false,
          }),
        ),
      );
      // 3 units per cart: only one cart fits in 5 units.
      expect(results.filter((r) => r.ok).length).toBe(1);
      for (const r of results.filter((x) => !x.ok)) {
        expect(r.ok ? null : r.error).toMatchObject({ code: "stock", requested: 3, available: 2 });
      }
      expect(await stockOf(p.id)).toBe(2);
    }
  });
});
