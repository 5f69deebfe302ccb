import { and, eq, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { cooperatives, crafts, images, products } from "#db/schema";
import { openAppDatabase } from "../support/db";
import { attr, baseUrl, get, getHtml } from "../support/http";

let app: DatabaseHandle;
let visibleProduct: string;
let visibleCoop: string;
let hiddenProducts: { slug: string; why: string }[];
let hiddenCoops: string[];

beforeAll(async () => {
  app = openAppDatabase();
  const [p] = await app.db
    .select({ slug: products.slug, coop: cooperatives.slug })
    .from(products)
    .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
    .where(and(eq(products.status, "published"), eq(cooperatives.status, "verified")))
    .limit(1);
  visibleProduct = p.slug;
  visibleCoop = p.coop;
  const hidden = await app.db
    .select({ slug: products.slug, status: products.status, coopStatus: cooperatives.status })
    .from(products)
    .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
    .where(ne(products.status, "published"));
  const ofHiddenShops = await app.db
    .select({ slug: products.slug, status: products.status, coopStatus: cooperatives.status })
    .from(products)
    .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
    .where(and(eq(products.status, "published"), ne(cooperatives.status, "verified")));
  hiddenProducts = [...hidden, ...ofHiddenShops].map((r) => ({
    slug: r.slug,
    why: `${r.status}/${r.coopStatus}`,
  }));
  hiddenCoops = (
    await app.db
      .select({ slug: cooperatives.slug })
      .from(cooperatives)
      .where(ne(cooperatives.status, "verified"))
  ).map((r) => r.slug);
});
afterAll(async () => {
  await app?.close();
});

const pages = () => [
  { name: "home", path: "" },
  { name: "craft", path: "/crafts/pottery" },
  { name: "product", path: `/products/${visibleProduct}` },
  { name: "cooperative", path: `/cooperatives/${visibleCoop}` },
];

describe("every page in every locale", () => {
  for (const [locale, dir] of [
    ["ar", "rtl"],
    ["fr", "ltr"],
    ["en", "ltr"],
  ] as const) {
    it(`renders home, craft, product and cooperative in ${locale} with lang and dir`, async () => {
      for (const page of pages()) {
        const { res, html } = await getHtml(`/${locale}${page.path}`);
        expect(res.status, page.name).toBe(200);
        expect(attr(html, /<html[^>]*>/, "lang"), page.name).toBe(locale);
        expect(attr(html, /<html[^>]*>/, "dir"), page.name).toBe(dir);
        // Rendered on the server: content is in the HTML, not fetched by JavaScript.
        expect(html, page.name).toMatch(/<main[^>]*>[\s\S]*<h1/);
        // Canonical and alternates, with x-default.
        // (React writes `hrefLang`; HTML attribute names are case-insensitive.)
        const head = html.slice(0, html.indexOf("</head>")).replace(/hrefLang=/g, "hreflang=");
        expect(head).toContain(`rel="canonical" href="${baseUrl()}/${locale}${page.path}"`);
        expect(head).toContain(`hreflang="ar" href="${baseUrl()}/ar${page.path}"`);
        expect(head).toContain(`hreflang="fr" href="${baseUrl()}/fr${page.path}"`);
        expect(head).toContain(`hreflang="en" href="${baseUrl()}/en${page.path}"`);
        expect(head).toContain(`hreflang="x-default"`);
        // The language switcher points to the same page in the other locales.
        for (const other of (["ar", "fr", "en"] as const).filter((l) => l !== locale))
          expect(html).toContain(`href="/${other}${page.path}"`);
        expect(res.headers.get("content-type")).toContain("text/html");
      }
    });
  }

  it("titles pages in the page's language", async () => {
    const ar = await getHtml("/ar");
    const fr = await getHtml("/fr");
    const en = await getHtml("/en");
    expect(ar.html).toMatch(/<title>[^<]*حرفة[^<]*<\/title>/);
    expect(fr.html).toMatch(/<title>Hirfa — l(&#x27;|')artisanat[^<]*<\/title>/);
    expect(en.html).toMatch(/<title>Hirfa — handmade by the cooperatives of Fès-Meknès<\/title>/);
  });

  it("shows prices formatted for the locale", async () => {
    const [row] = await app.db
      .select({ price: products.priceCentimes })
      .from(products)
      .where(eq(products.slug, visibleProduct));
    const { html } = await getHtml(`/fr/products/${visibleProduct}`);
    const whole = Math.floor(row.price / 100);
    const expected = new Intl.NumberFormat("fr-MA").format(whole);
    expect(html.replace(/[\u00a0\u202f]/g, " ")).toContain(`${expected}`);
    const ar = await getHtml(`/ar/products/${visibleProduct}`);
    expect(ar.html).toContain("د.م.");
  });
});

describe("the root and bad URLs", () => {
  it("sends / to Arabic by default", async () => {
    const res = await get("/");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/ar");
  });

  it("sends browsers in English, or in a language Hirfa does not speak, to English; Arabic ones to Arabic", async () => {
    const cases: [string, string][] = [
      ["en-US,en;q=0.9", "/en"],
      ["de-DE,de;q=0.9", "/en"],
      ["ar-MA,ar;q=0.9", "/ar"],
      ["de-DE,fr;q=0.8", "/fr"],
    ];
    for (const [acceptLanguage, location] of cases) {
      const res = await get("/", { headers: { "Accept-Language": acceptLanguage } });
      expect(res.status, acceptLanguage).toBe(302);
      expect(res.headers.get("location"), acceptLanguage).toBe(location);
      expect(res.headers.get("vary")).toMatch(/Accept-Language/);
    }
  });

  it("follows Accept-Language, then the cookie", async () => {
    const fr = await get("/", { headers: { "Accept-Language": "fr-FR,fr;q=0.9,en;q=0.8" } });
    expect(fr.headers.get("location")).toBe("/fr");
    // The cookie the server set on an Arabic page wins over the browser's French.
    const arabicPage = await get("/ar");
    const lng = arabicPage.headers.get("set-cookie")!.split(";")[0];
    const cookie = await get("/", { headers: { "Accept-Language": "fr-FR", Cookie: lng } });
    expect(cookie.headers.get("location")).toBe("/ar");
  });

  it("remembers the language of the pages seen", async () => {
    const res = await get("/fr");
    expect(res.headers.get("set-cookie")).toMatch(/^lng=[^;]+; .*HttpOnly; SameSite=Lax/);
    const cookie = res.headers.get("set-cookie")!.split(";")[0];
    const again = await get("/", { headers: { Cookie: cookie, "Accept-Language": "ar" } });
    expect(again.headers.get("location")).toBe("/fr");
  });

  it("answers an unknown locale, page, craft, product or cooperative with a 404 page", async () => {
    for (const path of [
      "/de",
      "/de/crafts/pottery",
      "/fr/nowhere",
      "/ar/crafts/no-such-craft",
      "/fr/products/no-such-product",
      "/ar/cooperatives/no-such-coop",
      "/fr/crafts/pottery/extra/segments",
    ]) {
      const { res, html } = await getHtml(path);
      expect(res.status, path).toBe(404);
      expect(html, path).toContain('class="error-page"');
    }
    const ar = await getHtml("/ar/products/no-such-product");
    expect(ar.html).toContain("الصفحة غير موجودة");
    expect(attr(ar.html, /<html[^>]*>/, "dir")).toBe("rtl");
    const fr = await getHtml("/fr/products/no-such-product");
    expect(fr.html).toContain("Page introuvable");
    const en = await getHtml("/en/products/no-such-product");
    expect(en.html).toMatch(/<h1 id="error-title">Page not found<\/h1>/);
  });

  it("serves pages' string namespaces to the browser, and nothing else", async () => {
    const checkout = await get("/locales/fr/checkout");
    expect(checkout.status).toBe(200);
    expect((await checkout.json()).order.total).toBe("Total");
    // The mails' strings are the server's; object properties are not namespaces.
    for (const path of [
      "/locales/fr/mail",
      "/locales/fr/constructor",
      "/locales/ar/__proto__",
      "/locales/de/common",
      "/locales/en/mail",
    ]) {
      expect((await get(path)).status, path).toBe(404);
    }
  });

  it("ignores a nonsense sort or page instead of failing", async () => {
    const { res } = await getHtml("/fr/crafts/pottery?sort=drop%20table&page=-4");
    expect(res.status).toBe(200);
  });
});

describe("unpublished or hidden content", () => {
  it("is never shown: drafts, pending, rejected, and listings of pending or suspended shops", async () => {
    expect(hiddenProducts.length).toBeGreaterThan(3);
    expect(new Set(hiddenProducts.map((h) => h.why)).size).toBeGreaterThan(2);
    for (const { slug, why } of hiddenProducts) {
      const res = await get(`/fr/products/${slug}`);
      expect(res.status, `${slug} (${why})`).toBe(404);
    }
    for (const slug of hiddenCoops) {
      expect((await get(`/ar/cooperatives/${slug}`)).status, slug).toBe(404);
    }
    const craftSlugs = (await app.db.select({ slug: crafts.slug }).from(crafts)).map((c) => c.slug);
    const bodies = await Promise.all([
      getHtml("/fr").then((r) => r.html),
      ...craftSlugs.map((c) => getHtml(`/fr/crafts/${c}`).then((r) => r.html)),
    ]);
    for (const { slug } of hiddenProducts) {
      for (const body of bodies) expect(body).not.toContain(`/products/${slug}"`);
    }
    for (const slug of hiddenCoops) {
      for (const body of bodies) expect(body).not.toContain(`/cooperatives/${slug}"`);
    }
  });
});

describe("media", () => {
  it("serves stored variants with their type and immutable caching", async () => {
    const [image] = await app.db.select().from(images).limit(1);
    for (const variant of image.variants) {
      const res = await get(`/media/${variant.key}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe(
        { avif: "image/avif", webp: "image/webp", jpeg: "image/jpeg" }[variant.format],
      );
      expect(res.headers.get("cache-control")).toContain("immutable");
      const body = Buffer.from(await res.arrayBuffer());
      expect(body.length).toBeGreaterThan(100);
    }
  });

  it("answers 404 for unknown or malformed keys", async () => {
    expect((await get(`/media/${"a".repeat(64)}-400.webp`)).status).toBe(404);
    expect((await get("/media/..%2F..%2Fetc%2Fpasswd")).status).toBe(404);
  });

  it("gives every picture on a page a srcset, sizes, width, height and placeholder colour", async () => {
    const { html } = await getHtml(`/fr/products/${visibleProduct}`);
    const imgs = (html.match(/<img [^>]*>/g) ?? []).map((tag) => tag.replace(/srcSet=/g, "srcset="));
    expect(imgs.length).toBeGreaterThan(0);
    for (const img of imgs) {
      expect(img).toMatch(/srcset="\/media\/[a-f0-9]{64}-\d+\.jpg \d+w/);
      expect(img).toMatch(/sizes="/);
      expect(img).toMatch(/width="\d+"/);
      expect(img).toMatch(/height="\d+"/);
      expect(img).toMatch(/background-color:#[0-9a-f]{6}/);
    }
    expect(html).toMatch(/<source type="image\/avif" srcset="/i);
    expect(html).toMatch(/<source type="image\/webp" srcset="/i);
  });
});
