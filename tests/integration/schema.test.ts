import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCooperative, createCraft, createProduct } from "../../db/factories";
import { products } from "../../db/schema";
import { createTestDatabase, engines, type TestDatabase } from "../support/db";

describe.each(engines)("migrations and constraints on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it("creates every table of the domain", async () => {
    const result = await t.db.execute<{ table_name: string }>(
      sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    const tables = result.rows.map((r) => r.table_name);
    for (const name of [
      "users", "sessions", "provinces", "crafts", "cooperatives", "cooperative_crafts", "memberships",
      "products", "product_images", "images", "carts", "cart_items", "orders", "shop_orders",
      "order_lines", "payment_events", "audit_log", "settings",
    ]) {
      expect(tables).toContain(name);
    }
  });

  it("refuses negative stock, a zero price and a duplicate slug", async () => {
    const craft = await createCraft(t.db);
    const coop = await createCooperative(t.db);
    const product = await createProduct(t.db, { cooperativeId: coop.id, craftId: craft.id, stock: 1 });
    await expect(
      t.db.execute(sql`update products set stock = stock - 2 where id = ${product.id}`),
    ).rejects.toThrow();
    await expect(createProduct(t.db, { cooperativeId: coop.id, craftId: craft.id, priceCentimes: 0 })).rejects.toThrow();
    await expect(createProduct(t.db, { cooperativeId: coop.id, craftId: craft.id, slug: product.slug })).rejects.toThrow();
    const [row] = await t.db.select({ stock: products.stock }).from(products).where(sql`id = ${product.id}`);
    expect(row.stock).toBe(1);
  });

  it("refuses a product of an unknown cooperative (foreign keys)", async () => {
    const craft = await createCraft(t.db);
    await expect(createProduct(t.db, { cooperativeId: 999_999, craftId: craft.id })).rejects.toThrow();
  });

  it("keeps an order's total equal to its parts", async () => {
    await expect(
      t.db.execute(sql`insert into orders (token, locale, buyer_name, buyer_email, buyer_phone, address, payment_method, payment_status, subtotal_centimes, shipping_centimes, total_centimes)
        values ('tok', 'fr', 'A', 'a@example.ma', '+212600000000', '{}'::jsonb, 'cod', 'cod_pending', 1000, 500, 1400)`),
    ).rejects.toThrow();
  });

  it("uses the indexes the catalogue queries need", async () => {
    const result = await t.db.execute<{ indexname: string }>(
      sql`select indexname from pg_indexes where tablename = 'products'`,
    );
    const names = result.rows.map((r) => r.indexname);
    expect(names).toEqual(
      expect.arrayContaining(["products_craft_status_published_idx", "products_cooperative_status_idx", "products_slug_unique"]),
    );
  });
});
