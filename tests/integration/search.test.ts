/**
 * Search on the seed data (the app's database, PostgreSQL) through a table of queries in
 * Arabic and French, each with listings that must and must not come back; facet counts
 * against direct counts; index maintenance and visibility on PGlite and PostgreSQL.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cooperatives, crafts, products, provinces, searchDocuments } from "#db/schema";
import type { DatabaseHandle } from "#db/client";
import { createCooperative, createCraft, createProduct, linkCraft } from "#db/factories";
import { buyerVisible } from "~/models/catalogue.server";
import { dirhamsToCentimes, PRICE_BUCKETS } from "~/models/search-options";
import { refreshSearchIndex, searchProducts, type SearchInput } from "~/models/search.server";
import { createTestDatabase, engines, openAppDatabase, type TestDatabase } from "../support/db";
import { getHtml } from "../support/http";

type Case = { q: string; must: string[]; mustNot: string[]; top?: string };

const BENI_OUARAIN = "tapis-beni-ouarain-blanc-a-losanges-bruns";
const BABOUCHES = "babouches-jaunes-traditionnelles-pour-homme";
const TAJINE = "tajine-de-service-bleu-de-fes";
const CEDAR_BOX = "coffret-a-bijoux-en-cedre-sculpte";
const ROSE_250 = "eau-de-rose-beldi-distillee-250-ml";
const ROSE_500 = "eau-de-rose-en-bouteille-de-verre-500-ml";
const ROSEMARY_OIL = "huile-essentielle-de-romarin-10-ml";
const BLUE_PLATE = "assiette-plate-bleu-de-fes";
const ZELLIGE = "dessous-de-plat-en-zellige-de-fes";
const TABLECLOTH = "nappe-ronde-brodee-terz-fassi-bleu";
const LANTERN = "lanterne-suspendue-en-laiton-ajoure";
const TEA_TRAY = "plateau-a-the-en-laiton-cisele";
const ORANGE_BLOSSOM = "eau-de-fleur-doranger-de-sefrou-250-ml";
const VERBENA = "verveine-odorante-sechee-50-g";
const POUF = "pouf-rond-en-cuir-brode";
const LAVENDER = "huile-essentielle-de-lavande-sauvage-10-ml";

const TABLE: Case[] = [
  // Arabic: with and without diacritics, tatweel, ة/ه, article and attached letters.
  { q: "زربية", must: [BENI_OUARAIN], mustNot: [BABOUCHES, TAJINE], top: BENI_OUARAIN },
  { q: "الزَّرْبِيَّة", must: [BENI_OUARAIN], mustNot: [BABOUCHES, TAJINE] },
  { q: "زربيّة", must: [BENI_OUARAIN], mustNot: [BABOUCHES] },
  { q: "زربـــية", must: [BENI_OUARAIN], mustNot: [BABOUCHES] },
  { q: "زربيه", must: [BENI_OUARAIN], mustNot: [TAJINE] },
  { q: "الزربية", must: [BENI_OUARAIN], mustNot: [TAJINE] },
  { q: "وزربية", must: [BENI_OUARAIN], mustNot: [TAJINE] },
  { q: "للزرابي", must: [BENI_OUARAIN], mustNot: [BABOUCHES] },
  { q: "بلغة", must: [BABOUCHES], mustNot: [BENI_OUARAIN, POUF] },
  { q: "البلغة", must: [BABOUCHES], mustNot: [BENI_OUARAIN] },
  { q: "بلغه", must: [BABOUCHES], mustNot: [BENI_OUARAIN] },
  // Hamza and alef variants.
  { q: "أرز", must: [CEDAR_BOX], mustNot: [BENI_OUARAIN, BABOUCHES] },
  { q: "ارز", must: [CEDAR_BOX], mustNot: [BENI_OUARAIN] },
  { q: "إكليل الجبل", must: [ROSEMARY_OIL], mustNot: [ROSE_250, LAVENDER] },
  { q: "اكليل", must: [ROSEMARY_OIL], mustNot: [LAVENDER] },
  { q: "بالأزرق الفاسي", must: [BLUE_PLATE, TAJINE], mustNot: [BENI_OUARAIN, BABOUCHES] },
  { q: "ماء الورد", must: [ROSE_250, ROSE_500], mustNot: [ROSEMARY_OIL, ORANGE_BLOSSOM], top: ROSE_250 },
  { q: "ماء الزهر", must: [ORANGE_BLOSSOM], mustNot: [ROSE_250] },
  { q: "الخزامى", must: [LAVENDER], mustNot: [ROSEMARY_OIL] },
  { q: "خزامي", must: [LAVENDER], mustNot: [ROSEMARY_OIL] },
  { q: "لويزة", must: [VERBENA], mustNot: [LAVENDER] },
  { q: "لويزه", must: [VERBENA], mustNot: [LAVENDER] },
  { q: "الفخّار", must: [TAJINE, BLUE_PLATE], mustNot: [BENI_OUARAIN, BABOUCHES] },
  { q: "بالجلد", must: [BABOUCHES, POUF], mustNot: [TAJINE, BENI_OUARAIN] },
  { q: "الزليج", must: [ZELLIGE], mustNot: [BLUE_PLATE] },
  // Arabic-Indic digits.
  { q: "٢٥٠ مل", must: [ROSE_250, ORANGE_BLOSSOM], mustNot: [LAVENDER, ROSEMARY_OIL] },
  { q: "٥٠٠ مل", must: [ROSE_500], mustNot: [ROSE_250] },
  // Arabic, one typo in a longer word.
  { q: "النحاسيت", must: [LANTERN, TEA_TRAY], mustNot: [BENI_OUARAIN, TAJINE] },
  { q: "تيغرمط", must: [BENI_OUARAIN], mustNot: [BABOUCHES] },
  // French: accents, case, plurals.
  { q: "tapis", must: [BENI_OUARAIN], mustNot: [BABOUCHES, TAJINE], top: BENI_OUARAIN },
  { q: "TAPIS", must: [BENI_OUARAIN], mustNot: [BABOUCHES] },
  { q: "cèdre", must: [CEDAR_BOX], mustNot: [BENI_OUARAIN] },
  { q: "cedre", must: [CEDAR_BOX], mustNot: [BENI_OUARAIN] },
  { q: "CÉRAMIQUE", must: ["pied-de-lampe-en-ceramique-bleue"], mustNot: [BENI_OUARAIN] },
  { q: "meknes", must: ["housse-de-coussin-brodee-de-meknes"], mustNot: [BENI_OUARAIN] },
  { q: "Meknès", must: ["housse-de-coussin-brodee-de-meknes"], mustNot: [BENI_OUARAIN] },
  { q: "babouche", must: [BABOUCHES], mustNot: [POUF, BENI_OUARAIN], top: BABOUCHES },
  { q: "babouches", must: [BABOUCHES], mustNot: [POUF, BENI_OUARAIN] },
  { q: "tajines", must: [TAJINE], mustNot: [BLUE_PLATE] },
  { q: "nappes", must: [TABLECLOTH], mustNot: [BENI_OUARAIN] },
  { q: "poufs", must: [POUF], mustNot: [BABOUCHES] },
  { q: "huiles essentielles", must: [ROSEMARY_OIL, LAVENDER], mustNot: [TAJINE, BENI_OUARAIN] },
  {
    q: "huile essentielle de romarin",
    must: [ROSEMARY_OIL],
    mustNot: [LAVENDER, ROSE_250],
    top: ROSEMARY_OIL,
  },
  { q: "eau de fleur d'oranger", must: [ORANGE_BLOSSOM], mustNot: [ROSE_250] },
  { q: "lanterne laiton", must: [LANTERN], mustNot: [TEA_TRAY] },
  { q: "bleu de fès", must: [BLUE_PLATE, TAJINE], mustNot: [BENI_OUARAIN] },
  // French, one typo.
  { q: "babouhces", must: [BABOUCHES], mustNot: [POUF] },
  { q: "huile esentielle", must: [ROSEMARY_OIL], mustNot: [TAJINE, POUF] },
  { q: "broderi", must: [TABLECLOTH], mustNot: [BENI_OUARAIN] },
  { q: "assiete", must: [BLUE_PLATE], mustNot: [TAJINE] },
  { q: "tigremt", must: [BENI_OUARAIN], mustNot: [BABOUCHES] },
  // Craft and cooperative names, in either language.
  { q: "broderie", must: [TABLECLOTH], mustNot: [BENI_OUARAIN, BABOUCHES] },
  { q: "الطرز", must: [TABLECLOTH], mustNot: [BENI_OUARAIN] },
  { q: "dar dbagh", must: [BABOUCHES], mustNot: [TAJINE, BENI_OUARAIN] },
  { q: "تيغرمت", must: [BENI_OUARAIN], mustNot: [BABOUCHES] },
  // Nothing, and nothing hidden: the shops of Bhalil (pending) and Bab Boudir (suspended).
  { q: "xyzzy", must: [], mustNot: [BENI_OUARAIN] },
  { q: "bab boudir", must: [], mustNot: [TAJINE] },
  { q: "Bhalil", must: [], mustNot: [] },
];

let app: DatabaseHandle;
beforeAll(() => {
  app = openAppDatabase();
});
afterAll(async () => {
  await app?.close();
});

async function allSlugs(input: Omit<SearchInput, "page">) {
  const first = await searchProducts(app.db, { ...input, page: 1 });
  const slugs = first.products.map((p) => p.slug);
  for (let page = 2; page <= first.pageCount; page++) {
    slugs.push(...(await searchProducts(app.db, { ...input, page })).products.map((p) => p.slug));
  }
  return { first, slugs };
}

describe("search on the seed data", () => {
  it("has a table of at least 40 queries in both languages", () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(40);
    expect(TABLE.filter((c) => /[\u0600-\u06ff]/.test(c.q)).length).toBeGreaterThanOrEqual(20);
    expect(TABLE.filter((c) => /^[\p{Script=Latin}\s'\d]+$/u.test(c.q)).length).toBeGreaterThanOrEqual(20);
  });

  it.each(TABLE)("$q", async ({ q, must, mustNot, top }) => {
    const { first, slugs } = await allSlugs({ q, locale: "fr" });
    expect(slugs.length).toBe(first.total);
    for (const slug of must) expect(slugs, `"${q}" must find ${slug}`).toContain(slug);
    for (const slug of mustNot) expect(slugs, `"${q}" must not find ${slug}`).not.toContain(slug);
    if (must.length === 0) expect(first.total, `"${q}" finds nothing`).toBe(0);
    if (top)
      expect(
        first.products.slice(0, 6).map((p) => p.slug),
        `"${q}" ranks ${top} first`,
      ).toContain(top);
  });

  it("never returns a listing a buyer may not see", async () => {
    const hidden = await app.db
      .select({ slug: products.slug, title: products.title })
      .from(products)
      .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
      .where(sql`not (${buyerVisible})`)
      .limit(12);
    expect(hidden.length).toBeGreaterThan(0);
    for (const h of hidden) {
      const { slugs } = await allSlugs({ q: h.title.fr ?? h.title.ar ?? "", locale: "fr" });
      expect(slugs).not.toContain(h.slug);
    }
  });

  it("answers in the same order whatever the page's language, and ranks title matches first", async () => {
    const fr = await searchProducts(app.db, { q: "زربية", locale: "fr" });
    const ar = await searchProducts(app.db, { q: "زربية", locale: "ar" });
    expect(ar.products.map((p) => p.slug)).toEqual(fr.products.map((p) => p.slug));
    expect(ar.products[0].title.text).toContain("زربية");
  });

  it("sorts by price and by date, and pages without overlap", async () => {
    const up = await searchProducts(app.db, { q: "", locale: "fr", sort: "price_asc" });
    const prices = up.products.map((p) => p.priceCentimes);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    const down = await searchProducts(app.db, { q: "tapis", locale: "fr", sort: "price_desc" });
    const downPrices = down.products.map((p) => p.priceCentimes);
    expect(downPrices).toEqual([...downPrices].sort((a, b) => b - a));
    const p1 = await searchProducts(app.db, { q: "", locale: "fr", page: 1 });
    const p2 = await searchProducts(app.db, { q: "", locale: "fr", page: 2 });
    expect(p1.pageCount).toBeGreaterThan(2);
    expect(p1.products.filter((p) => p2.products.some((o) => o.slug === p.slug))).toEqual([]);
  });
});

describe("facet counts", () => {
  const direct = async (groupBy: "craft" | "province" | "cooperative", where?: ReturnType<typeof sql>) => {
    const key =
      groupBy === "craft"
        ? crafts.slug
        : groupBy === "province"
          ? cooperatives.provinceSlug
          : cooperatives.slug;
    const rows = await app.db
      .select({ key, n: sql<number>`count(*)::int` })
      .from(products)
      .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
      .innerJoin(crafts, eq(crafts.id, products.craftId))
      .where(and(buyerVisible, where))
      .groupBy(key);
    return Object.fromEntries(rows.map((r) => [r.key, Number(r.n)]));
  };
  const asMap = (values: { value: string; count: number }[]) =>
    Object.fromEntries(values.map((v) => [v.value, v.count]));

  it("match direct counts over the whole catalogue", async () => {
    const result = await searchProducts(app.db, { q: "", locale: "fr" });
    expect(asMap(result.facets.crafts)).toEqual(await direct("craft"));
    expect(asMap(result.facets.provinces)).toEqual(await direct("province"));
    expect(asMap(result.facets.cooperatives)).toEqual(await direct("cooperative"));
    const [{ n: visible }] = await app.db
      .select({ n: sql<number>`count(*)::int` })
      .from(products)
      .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
      .where(buyerVisible);
    expect(result.total).toBe(Number(visible));
    const [{ n: inStock }] = await app.db
      .select({ n: sql<number>`count(*)::int` })
      .from(products)
      .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
      .where(and(buyerVisible, sql`${products.stock} > 0`));
    expect(result.facets.inStock).toBe(Number(inStock));
    for (const bucket of result.facets.prices) {
      const b = PRICE_BUCKETS[bucket.index];
      const [{ n }] = await app.db
        .select({ n: sql<number>`count(*)::int` })
        .from(products)
        .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
        .where(
          and(
            buyerVisible,
            sql`${products.priceCentimes} >= ${dirhamsToCentimes(b.min, false)}`,
            b.max == null ? undefined : sql`${products.priceCentimes} <= ${dirhamsToCentimes(b.max, true)}`,
          ),
        );
      expect(bucket.count, `bucket ${bucket.index}`).toBe(Number(n));
    }
  });

  it("count each value with the other filters applied, and each count is what choosing it gives", async () => {
    const input: SearchInput = { q: "tapis", locale: "fr", province: "boulemane", inStock: true };
    const result = await searchProducts(app.db, input);
    expect(result.total).toBeGreaterThan(0);
    // The craft facet ignores its own filter but applies the province and stock filters.
    for (const value of result.facets.crafts) {
      const chosen = await searchProducts(app.db, { ...input, craft: value.value });
      expect(chosen.total, value.value).toBe(value.count);
    }
    for (const value of result.facets.provinces) {
      const chosen = await searchProducts(app.db, { ...input, province: value.value });
      expect(chosen.total, value.value).toBe(value.count);
    }
    const withoutStock = await searchProducts(app.db, { ...input, inStock: false });
    expect(result.facets.inStock).toBe(result.total);
    expect(withoutStock.total).toBeGreaterThanOrEqual(result.total);
    // Direct count of the province facet for "tapis" (every listing with "tapis" in its terms).
    const direct = await app.db
      .select({ key: cooperatives.provinceSlug, n: sql<number>`count(*)::int` })
      .from(products)
      .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
      .innerJoin(searchDocuments, eq(searchDocuments.productId, products.id))
      .where(
        and(buyerVisible, sql`${searchDocuments.terms} && array['tapi']::text[]`, sql`${products.stock} > 0`),
      )
      .groupBy(cooperatives.provinceSlug);
    expect(asMap(result.facets.provinces)).toEqual(
      Object.fromEntries(direct.map((r) => [r.key, Number(r.n)])),
    );
  });

  it("filters by price range in dirhams, both ends included", async () => {
    const result = await searchProducts(app.db, {
      q: "",
      locale: "fr",
      priceMin: dirhamsToCentimes(200, false),
      priceMax: dirhamsToCentimes(499, true),
    });
    expect(result.total).toBe(result.facets.prices[1].count);
    expect(result.facets.prices[1].selected).toBe(true);
    for (const p of result.products) {
      expect(p.priceCentimes).toBeGreaterThanOrEqual(20000);
      expect(p.priceCentimes).toBeLessThanOrEqual(49999);
    }
  });
});

describe("the search page", () => {
  it("renders results, facets with counts and a header search box, in both locales", async () => {
    for (const locale of ["ar", "fr"] as const) {
      const { res, html } = await getHtml(`/${locale}/search?q=${encodeURIComponent("زربية")}&stock=1`);
      expect(res.status).toBe(200);
      expect(html).toContain(`href="/${locale}/products/${BENI_OUARAIN}"`);
      expect(html).not.toContain(`href="/${locale}/products/${BABOUCHES}"`);
      expect(html).toMatch(
        /<form[^>]*action="\/(ar|fr)\/search"[^>]*role="search"|<form[^>]*role="search"[^>]*action="\/(ar|fr)\/search"/,
      );
      expect(html).toMatch(/data-testid="facet-craft"/);
      expect(html).toMatch(/<option value="carpets" data-count="\d+">/);
      expect(html).toContain('name="robots" content="noindex, follow"');
    }
  });

  it("keeps the filters in the URL and ignores malformed ones", async () => {
    const { html } = await getHtml(
      `/fr/search?q=tapis&craft=carpets&province=taza&price_min=100&price_max=abc&sort=price_desc&page=x`,
    );
    expect(html).toMatch(/<option value="taza" data-count="\d+" selected=""/);
    expect(html).toMatch(/<option value="price_desc" selected=""/);
    const bad = await getHtml(`/fr/search?craft=${"x".repeat(300)}&q=${"a".repeat(500)}`);
    expect(bad.res.status).toBe(200);
  });

  it("has the header search box on every page", async () => {
    for (const path of [
      "/ar",
      "/fr/crafts/pottery",
      `/fr/products/${BENI_OUARAIN}`,
      "/ar/cooperatives/bleu-de-fes",
    ]) {
      const { html } = await getHtml(path);
      expect(html, path).toContain('data-testid="header-search"');
      expect(html, path).toMatch(/<input[^>]*type="search"[^>]*name="q"/);
    }
  });
});

describe.each(engines)("search index on %s", (engine) => {
  let t: TestDatabase;
  let craftId: number;
  let visibleCoopId: number;

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    const craft = await createCraft(t.db, { name: { ar: "الفخار", fr: "Poterie" } });
    craftId = craft.id;
    const coop = await createCooperative(t.db, { name: { ar: "تعاونية الأزرق", fr: "Coopérative Azraq" } });
    visibleCoopId = coop.id;
    const suspended = await createCooperative(t.db, { status: "suspended" });
    await linkCraft(t.db, coop.id, craft.id);
    await createProduct(t.db, {
      slug: "tajine-bleu",
      cooperativeId: coop.id,
      craftId,
      title: { ar: "طاجين بالأزرق الفاسي", fr: "Tajine bleu de Fès" },
      description: { fr: "Un plat émaillé." },
      priceCentimes: 30000,
    });
    await createProduct(t.db, {
      slug: "tajine-brouillon",
      cooperativeId: coop.id,
      craftId,
      status: "draft",
      publishedAt: null,
      title: { fr: "Tajine brouillon" },
    });
    await createProduct(t.db, {
      slug: "tajine-suspendu",
      cooperativeId: suspended.id,
      craftId,
      title: { fr: "Tajine suspendu" },
    });
    await createProduct(t.db, {
      slug: "bol-vert",
      cooperativeId: coop.id,
      craftId,
      title: { ar: "زلافة خضراء", fr: "Bol vert" },
      stock: 0,
    });
    expect(await refreshSearchIndex(t.db)).toBe(4);
  });
  afterAll(async () => {
    await t?.destroy();
  });

  const slugs = async (q: string, extra: Partial<SearchInput> = {}) =>
    (await searchProducts(t.db, { q, locale: "ar", ...extra })).products.map((p) => p.slug).sort();

  it("finds visible listings only, with the same answers on both engines", async () => {
    expect(await slugs("tajines")).toEqual(["tajine-bleu"]);
    expect(await slugs("الطاجين")).toEqual(["tajine-bleu"]);
    expect(await slugs("poterie")).toEqual(["bol-vert", "tajine-bleu"]);
    expect(await slugs("azraq")).toEqual(["bol-vert", "tajine-bleu"]);
    expect(await slugs("poterie", { inStock: true })).toEqual(["tajine-bleu"]);
    expect(await slugs("tajine bol")).toEqual([]); // every word must match
  });

  it("indexes only what changed since the last run, and follows edits", async () => {
    expect(await refreshSearchIndex(t.db)).toBe(0);
    await t.db
      .update(products)
      .set({ title: { ar: "زلافة خضراء", fr: "Bol à harira vert" }, updatedAt: new Date(Date.now() + 1000) })
      .where(eq(products.slug, "bol-vert"));
    expect(await slugs("harira")).toEqual([]);
    expect(await refreshSearchIndex(t.db)).toBe(1);
    expect(await slugs("harira")).toEqual(["bol-vert"]);
    expect(await slugs("hariar")).toEqual(["bol-vert"]); // one typo
  });

  it("follows a cooperative's new name", async () => {
    await t.db
      .update(cooperatives)
      .set({
        name: { ar: "تعاونية السماء", fr: "Coopérative Samaa" },
        updatedAt: new Date(Date.now() + 2000),
      })
      .where(eq(cooperatives.id, visibleCoopId));
    await refreshSearchIndex(t.db, { cooperativeId: visibleCoopId });
    expect(await slugs("samaa")).toEqual(["bol-vert", "tajine-bleu"]);
    expect(await slugs("azraq")).toEqual([]);
  });

  it("lists province facet values with their localized names", async () => {
    const result = await searchProducts(t.db, { q: "", locale: "fr" });
    expect(result.facets.provinces.map((p) => [p.value, p.count])).toEqual([["fes", 2]]);
    const [fes] = await t.db.select().from(provinces).where(eq(provinces.slug, "fes"));
    expect(result.facets.provinces[0].label.text).toBe(fes.name.fr);
  });
});
