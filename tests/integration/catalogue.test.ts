import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { products } from "#db/schema";
import { createCooperative, createCraft, createProduct, linkCraft } from "#db/factories";
import {
  getCooperative,
  getCraftPage,
  getProduct,
  listNewProducts,
  PAGE_SIZE,
} from "~/models/catalogue.server";
import { createTestDatabase, engines, type TestDatabase } from "../support/db";

describe.each(engines)("catalogue visibility on %s", (engine) => {
  let t: TestDatabase;
  let craftSlug: string;
  const slugs: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    const craft = await createCraft(t.db);
    craftSlug = craft.slug;
    const verified = await createCooperative(t.db, { slug: "verified-coop" });
    const pending = await createCooperative(t.db, {
      slug: "pending-coop",
      status: "pending",
      verifiedAt: null,
    });
    const suspended = await createCooperative(t.db, { slug: "suspended-coop", status: "suspended" });
    await linkCraft(t.db, verified.id, craft.id);
    const make = async (key: string, coopId: number, extra: Partial<typeof products.$inferInsert> = {}) => {
      const p = await createProduct(t.db, { cooperativeId: coopId, craftId: craft.id, ...extra });
      slugs[key] = p.slug;
    };
    await make("published", verified.id, { priceCentimes: 20000 });
    await make("cheap", verified.id, { priceCentimes: 5000, publishedAt: new Date(Date.now() - 86_400_000) });
    await make("draft", verified.id, { status: "draft", publishedAt: null });
    await make("pending", verified.id, { status: "pending", publishedAt: null });
    await make("rejected", verified.id, { status: "rejected", publishedAt: null });
    await make("archived", verified.id, { status: "archived" });
    await make("ofPendingCoop", pending.id);
    await make("ofSuspendedCoop", suspended.id);
    await make("arabicOnly", verified.id, { title: { ar: "طبق فخاري" }, description: { ar: "وصف" } });
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it("shows published listings of verified cooperatives, and only those", async () => {
    const page = await getCraftPage(t.db, { craftSlug, locale: "fr", page: 1, sort: "newest" });
    const shown = page!.products.map((p) => p.slug).sort();
    expect(shown).toEqual([slugs.published, slugs.cheap, slugs.arabicOnly].sort());
    expect(page!.total).toBe(3);
  });

  it("hides every other listing from the product page", async () => {
    for (const key of ["draft", "pending", "rejected", "archived", "ofPendingCoop", "ofSuspendedCoop"]) {
      expect(await getProduct(t.db, { slug: slugs[key], locale: "fr" }), key).toBeNull();
    }
    expect(await getProduct(t.db, { slug: slugs.published, locale: "fr" })).not.toBeNull();
  });

  it("hides them from the home page's new listings", async () => {
    const latest = await listNewProducts(t.db, "ar", 50);
    const shown = new Set(latest.map((p) => p.slug));
    expect(shown.has(slugs.draft)).toBe(false);
    expect(shown.has(slugs.ofSuspendedCoop)).toBe(false);
    expect(shown.has(slugs.published)).toBe(true);
  });

  it("sorts by price both ways", async () => {
    const asc = await getCraftPage(t.db, { craftSlug, locale: "fr", page: 1, sort: "price_asc" });
    const prices = asc!.products.map((p) => p.priceCentimes);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    const desc = await getCraftPage(t.db, { craftSlug, locale: "fr", page: 1, sort: "price_desc" });
    expect(desc!.products.map((p) => p.priceCentimes)).toEqual([...prices].reverse());
  });

  it("falls back to the other language and marks it", async () => {
    const product = await getProduct(t.db, { slug: slugs.arabicOnly, locale: "fr" });
    expect(product!.title).toEqual({ text: "طبق فخاري", lang: "ar", fallback: true });
  });

  it("shows a verified cooperative but not a pending or suspended one", async () => {
    const coop = await getCooperative(t.db, { slug: "verified-coop", locale: "ar", page: 1 });
    expect(coop).not.toBeNull();
    expect(coop!.products.map((p) => p.slug)).toContain(slugs.published);
    expect(coop!.products.map((p) => p.slug)).not.toContain(slugs.draft);
    expect(coop!.crafts.map((c) => c.slug)).toEqual([craftSlug]);
    // Both exist, with a published listing each: only their status hides them.
    expect(await getCooperative(t.db, { slug: "pending-coop", locale: "ar", page: 1 })).toBeNull();
    expect(await getCooperative(t.db, { slug: "suspended-coop", locale: "ar", page: 1 })).toBeNull();
  });

  it("paginates a craft page", async () => {
    const craft = await createCraft(t.db);
    const coop = await createCooperative(t.db);
    for (let i = 0; i < PAGE_SIZE + 3; i++)
      await createProduct(t.db, { cooperativeId: coop.id, craftId: craft.id });
    const first = await getCraftPage(t.db, { craftSlug: craft.slug, locale: "fr", page: 1, sort: "newest" });
    const second = await getCraftPage(t.db, { craftSlug: craft.slug, locale: "fr", page: 2, sort: "newest" });
    expect(first!.products).toHaveLength(PAGE_SIZE);
    expect(second!.products).toHaveLength(3);
    expect(first!.pageCount).toBe(2);
    const overlap = first!.products.filter((p) => second!.products.some((q) => q.slug === p.slug));
    expect(overlap).toEqual([]);
  });

  it("returns null for an unknown craft or product", async () => {
    expect(await getCraftPage(t.db, { craftSlug: "nope", locale: "fr", page: 1, sort: "newest" })).toBeNull();
    expect(await getProduct(t.db, { slug: "nope", locale: "fr" })).toBeNull();
  });
});
