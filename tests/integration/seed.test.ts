import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { cooperatives, crafts, images, memberships, productImages, products, users } from "#db/schema";
import { seedDatabase } from "#db/seed";
import { cooperatives as seedCooperatives } from "#db/seed-data/content";
import { LocalDiskStorage, mediaDirFromEnv } from "~/services/storage.server";
import { countVisibleProducts } from "~/models/catalogue.server";
import { createTestDatabase, openAppDatabase } from "../support/db";
import { getHtml } from "../support/http";

const seedSlugs = seedCooperatives.map((c) => c.slug);

describe("the demo seed", () => {
  let app: DatabaseHandle;
  beforeAll(() => {
    app = openAppDatabase();
  });
  afterAll(async () => {
    await app?.close();
  });

  it("has at least 12 verified cooperatives across at least 6 provinces, each with a story in both languages", async () => {
    // Other test files add their own shops to this database: look at the seeded ones only.
    const rows = await app.db
      .select()
      .from(cooperatives)
      .where(and(eq(cooperatives.status, "verified"), inArray(cooperatives.slug, seedSlugs)));
    expect(rows.length).toBeGreaterThanOrEqual(12);
    expect(new Set(rows.map((r) => r.provinceSlug)).size).toBeGreaterThanOrEqual(6);
    for (const r of rows) {
      expect(r.story.ar?.length, r.slug).toBeGreaterThan(80);
      expect(r.story.fr?.length, r.slug).toBeGreaterThan(80);
    }
  });

  it("has the five crafts of the card and at least three more", async () => {
    const slugs = (await app.db.select({ slug: crafts.slug }).from(crafts)).map((c) => c.slug);
    expect(slugs).toEqual(
      expect.arrayContaining(["carpets", "pottery", "embroidery", "herbs-oils", "leather"]),
    );
    expect(slugs.length).toBeGreaterThanOrEqual(8);
  });

  it("has at least 150 listings buyers can see, some in one language only, each with pictures", async () => {
    expect(await countVisibleProducts(app.db)).toBeGreaterThanOrEqual(150);
    const onlyOne = await app.db
      .select({ slug: products.slug, title: products.title })
      .from(products)
      .where(sql`not (${products.title} ? 'ar' and ${products.title} ? 'fr')`);
    expect(onlyOne.length).toBeGreaterThanOrEqual(4);
    const withoutPictures = await app.db.execute(
      sql`select count(*)::int as n from products p join cooperatives c on c.id = p.cooperative_id
          where c.slug in ${sql.raw(`(${seedSlugs.map((s) => `'${s}'`).join(",")})`)}
          and not exists (select 1 from product_images pi where pi.product_id = p.id)`,
    );
    expect(Number(withoutPictures.rows[0].n)).toBe(0);
  });

  it("shows a one-language listing in the other language, marked as such", async () => {
    const [frOnly] = await app.db
      .select({ slug: products.slug })
      .from(products)
      .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
      .where(
        and(
          eq(products.status, "published"),
          eq(cooperatives.status, "verified"),
          sql`not (${products.title} ? 'ar')`,
        ),
      )
      .limit(1);
    const { res, html } = await getHtml(`/ar/products/${frOnly.slug}`);
    expect(res.status).toBe(200);
    expect(html).toContain('data-testid="fallback-note"');
    expect(html).toContain("(متوفر بالفرنسية فقط)");
  });

  it('shows English pages the French text until a cooperative writes English, marked "in French"', async () => {
    const [frOnly] = await app.db
      .select({ slug: products.slug, title: products.title })
      .from(products)
      .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
      .where(
        and(
          eq(products.status, "published"),
          eq(cooperatives.status, "verified"),
          sql`not (${products.title} ? 'en')`,
          sql`${products.title} ? 'fr'`,
        ),
      )
      .limit(1);
    const { res, html } = await getHtml(`/en/products/${frOnly.slug}`);
    expect(res.status).toBe(200);
    expect(html).toContain('lang="en"');
    const escaped = frOnly.title
      .fr!.replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/'/g, "&#x27;")
      .replace(/"/g, "&quot;");
    expect(html).toContain(`<bdi lang="fr">${escaped}</bdi>`);
    expect(html).toContain("(only available in French)");
  });

  it("has a chamber admin, a moderator and an owner for every cooperative, with argon2id hashes", async () => {
    const staff = await app.db
      .select()
      .from(users)
      .where(sql`${users.staffRole} is not null and ${users.email} like '%@hirfa.ma'`);
    expect(staff.map((s) => s.staffRole).sort()).toEqual(["admin", "moderator"]);
    const owned = await app.db
      .selectDistinct({ id: memberships.cooperativeId })
      .from(memberships)
      .innerJoin(cooperatives, eq(cooperatives.id, memberships.cooperativeId))
      .where(and(eq(memberships.role, "owner"), inArray(cooperatives.slug, seedSlugs)));
    expect(owned).toHaveLength(seedSlugs.length);
    for (const s of staff) expect(s.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("stores every picture in several widths and three formats", async () => {
    const [picture] = await app.db
      .select()
      .from(images)
      .innerJoin(productImages, eq(productImages.imageId, images.id))
      .limit(1);
    const formats = new Set(picture.images.variants.map((v) => v.format));
    expect([...formats].sort()).toEqual(["avif", "jpeg", "webp"]);
    expect(new Set(picture.images.variants.map((v) => v.width))).toEqual(new Set([400, 800, 1600]));
    expect(picture.images.dominantColor).toMatch(/^#[0-9a-f]{6}$/);
  });
});

describe("a benchmark catalogue", () => {
  it("seeds 10,000 products on PostgreSQL in under a minute", async () => {
    if (!process.env.TEST_DATABASE_URL) throw new Error("needs the PostgreSQL of `npm test`");
    const t = await createTestDatabase("postgres");
    try {
      const started = Date.now();
      const report = await seedDatabase(t.db, {
        storage: new LocalDiskStorage(mediaDirFromEnv()),
        products: 10_000,
      });
      const seconds = (Date.now() - started) / 1000;
      expect(report.products).toBe(10_000);
      expect(seconds).toBeLessThan(60);
      expect(await countVisibleProducts(t.db)).toBeGreaterThan(9_500);
      const slugs = await t.db.execute(sql`select count(distinct slug)::int as n from products`);
      expect(Number(slugs.rows[0].n)).toBe(10_000);
    } finally {
      await t.destroy();
    }
  }, 120_000);
});
