import { getTableName, is, sql } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCooperative, createCraft, createProduct } from "#db/factories";
import * as schema from "#db/schema";
import { products } from "#db/schema";
import { createTestDatabase, engines, refusal, type TestDatabase } from "../support/db";

describe.each(engines)("migrations and constraints on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it("creates every table db/schema.ts declares, and no other", async () => {
    const result = await t.db.execute<{ table_name: string }>(
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
    );
    const declared = Object.values(schema)
      .filter((value) => is(value, PgTable))
      .map((table) => getTableName(table as PgTable))
      .sort();
    expect(declared.length).toBeGreaterThan(20);
    expect(result.rows.map((r) => r.table_name)).toEqual(declared);
  });

  it("refuses negative stock, a zero price and a duplicate slug", async () => {
    const craft = await createCraft(t.db);
    const coop = await createCooperative(t.db);
    const product = await createProduct(t.db, { cooperativeId: coop.id, craftId: craft.id, stock: 1 });
    expect(
      await refusal(t.db.execute(sql`update products set stock = stock - 2 where id = ${product.id}`)),
    ).toEqual({
      code: "23514",
      constraint: "products_stock_non_negative",
    });
    expect(
      await refusal(createProduct(t.db, { cooperativeId: coop.id, craftId: craft.id, priceCentimes: 0 })),
    ).toEqual({
      code: "23514",
      constraint: "products_price_positive",
    });
    expect(
      await refusal(createProduct(t.db, { cooperativeId: coop.id, craftId: craft.id, slug: product.slug })),
    ).toEqual({
      code: "23505",
      constraint: "products_slug_unique",
    });
    const [row] = await t.db
      .select({ stock: products.stock })
      .from(products)
      .where(sql`id = ${product.id}`);
    expect(row.stock).toBe(1);
  });

  it("refuses a product of an unknown cooperative (foreign keys)", async () => {
    const craft = await createCraft(t.db);
    expect(await refusal(createProduct(t.db, { cooperativeId: 999_999, craftId: craft.id }))).toMatchObject({
      code: "23503",
    });
  });

  it("keeps an order's total equal to its parts", async () => {
    const insert = (total: number) =>
      t.db
        .execute(sql`insert into orders (token, locale, buyer_name, buyer_email, buyer_phone, address, payment_method, payment_status, subtotal_centimes, shipping_centimes, total_centimes)
        values (${`tok-${total}`}, 'fr', 'A', 'a@example.ma', '+212600000000', '{}'::jsonb, 'cod', 'cod_pending', 1000, 500, ${total})`);
    expect(await refusal(insert(1400))).toEqual({ code: "23514", constraint: "orders_total_is_sum" });
    // The same row with a right total is accepted: the refusal was the total's.
    await insert(1500);
  });

  it("uses the indexes the catalogue queries need", async () => {
    const result = await t.db.execute<{ indexname: string }>(
      sql`select indexname from pg_indexes where tablename = 'products'`,
    );
    const names = result.rows.map((r) => r.indexname);
    expect(names).toEqual(
      expect.arrayContaining([
        "products_craft_status_published_idx",
        "products_cooperative_status_idx",
        "products_slug_unique",
      ]),
    );
  });
});
