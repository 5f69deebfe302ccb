/**
 * What crawlers read: robots.txt, a sitemap that parses and whose every URL answers 200,
 * canonical and hreflang links, titles and descriptions per locale, Open Graph, and
 * schema.org JSON-LD (Product/Offer with price, currency and availability; Organization).
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cooperatives, products } from "#db/schema";
import { buyerVisible } from "~/models/catalogue.server";
import type { DatabaseHandle } from "#db/client";
import { openAppDatabase } from "../support/db";
import { baseUrl, get, getHtml } from "../support/http";

let app: DatabaseHandle;
beforeAll(() => {
  app = openAppDatabase();
});
afterAll(async () => {
  await app?.close();
});

/** A strict little XML check: declaration, balanced elements, known entities only. */
function parseXml(xml: string) {
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  const stack: string[] = [];
  const elements: { name: string; attrs: Record<string, string>; text: string }[] = [];
  const tag = /<(\/?)([a-zA-Z:]+)((?:\s+[a-zA-Z:]+="[^"<]*")*)\s*(\/?)>|([^<]+)/g;
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, "");
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = tag.exec(body))) {
    if (m.index !== consumed) throw new Error(`unparsable XML at ${consumed}`);
    consumed = tag.lastIndex;
    if (m[5] !== undefined) {
      if (/&(?!(amp|lt|gt|quot|apos);)/.test(m[5])) throw new Error(`bad entity in ${m[5]}`);
      if (elements.length > 0 && stack.length > 0) elements[elements.length - 1].text += m[5].trim();
      continue;
    }
    const [, closing, name, rawAttrs, selfClosing] = m;
    if (closing) {
      if (stack.pop() !== name) throw new Error(`mismatched </${name}>`);
      continue;
    }
    const attrs = Object.fromEntries(
      [...rawAttrs.matchAll(/([a-zA-Z:]+)="([^"]*)"/g)].map((a) => [a[1], a[2]]),
    );
    elements.push({ name, attrs, text: "" });
    if (!selfClosing) stack.push(name);
  }
  if (consumed !== body.length || stack.length > 0) throw new Error("unclosed XML");
  return elements;
}

const unescapeXml = (s: string) =>
  s
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");

describe("robots.txt", () => {
  it("allows the catalogue, keeps crawlers out of private pages and points to the sitemap", async () => {
    const res = await get("/robots.txt");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    expect(text).toMatch(/^User-agent: \*$/m);
    expect(text).toMatch(/^Disallow: \/fr\/checkout$/m);
    expect(text).toMatch(/^Disallow: \/ar\/chamber$/m);
    expect(text).toMatch(/^Disallow: \/en\/cart$/m);
    expect(text).not.toMatch(/^Disallow: \/$/m);
    expect(text).toContain(`Sitemap: ${baseUrl()}/sitemap.xml`);
  });
});

/** What the sitemap must show, read from the database (other test files change it in parallel). */
async function publicSlugs() {
  const visibleProducts = await app.db
    .select({ slug: products.slug })
    .from(products)
    .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
    .where(buyerVisible);
  const verified = await app.db
    .select({ slug: cooperatives.slug })
    .from(cooperatives)
    .where(eq(cooperatives.status, "verified"));
  return {
    products: new Set(visibleProducts.map((r) => r.slug)),
    cooperatives: new Set(verified.map((r) => r.slug)),
  };
}
const both = (a: Set<string>, b: Set<string>) => [...a].filter((x) => b.has(x));

describe("sitemap.xml", () => {
  const urls: { loc: string; alternates: Record<string, string> }[] = [];
  // Rows public both before and after the fetch must be listed; rows public in neither must not.
  let before: Awaited<ReturnType<typeof publicSlugs>>;
  let after: Awaited<ReturnType<typeof publicSlugs>>;

  beforeAll(async () => {
    before = await publicSlugs();
    const res = await get("/sitemap.xml");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/xml");
    const elements = parseXml(await res.text());
    expect(elements[0]).toMatchObject({
      name: "urlset",
      attrs: { xmlns: "http://www.sitemaps.org/schemas/sitemap/0.9" },
    });
    let current: (typeof urls)[number] | null = null;
    for (const el of elements) {
      if (el.name === "url") urls.push((current = { loc: "", alternates: {} }));
      else if (el.name === "loc" && current) current.loc = unescapeXml(el.text);
      else if (el.name === "xhtml:link" && current)
        current.alternates[el.attrs.hreflang] = unescapeXml(el.attrs.href);
    }
    after = await publicSlugs();
  });

  it("lists every visible product and verified cooperative in every locale (ar, fr, en), with alternates and x-default", async () => {
    const locs = new Set(urls.map((u) => u.loc));
    expect(locs.size).toBe(urls.length);
    const slugOf = (u: string) => u.slice(u.lastIndexOf("/") + 1);
    const listedProducts = new Set(
      urls.filter((u) => u.loc.includes("/fr/products/")).map((u) => slugOf(u.loc)),
    );
    const stableProducts = both(before.products, after.products);
    expect(stableProducts.length).toBeGreaterThan(100);
    for (const slug of stableProducts) {
      expect(locs.has(`${baseUrl()}/ar/products/${slug}`)).toBe(true);
      expect(locs.has(`${baseUrl()}/fr/products/${slug}`)).toBe(true);
      expect(locs.has(`${baseUrl()}/en/products/${slug}`)).toBe(true);
    }
    for (const slug of listedProducts)
      expect(before.products.has(slug) || after.products.has(slug)).toBe(true);
    for (const slug of both(before.cooperatives, after.cooperatives)) {
      expect(locs.has(`${baseUrl()}/ar/cooperatives/${slug}`)).toBe(true);
      expect(locs.has(`${baseUrl()}/fr/cooperatives/${slug}`)).toBe(true);
      expect(locs.has(`${baseUrl()}/en/cooperatives/${slug}`)).toBe(true);
    }
    const hidden = await app.db
      .select({ slug: products.slug })
      .from(products)
      .where(eq(products.status, "draft"))
      .limit(5);
    expect(hidden.length).toBeGreaterThan(0);
    for (const h of hidden) expect(locs.has(`${baseUrl()}/fr/products/${h.slug}`)).toBe(false);
    for (const u of urls) {
      expect(Object.keys(u.alternates).sort()).toEqual(["ar", "en", "fr", "x-default"]);
      expect(Object.values(u.alternates)).toContain(u.loc);
      expect(u.alternates["x-default"].startsWith(`${baseUrl()}/`)).toBe(true);
    }
  });

  it("has only URLs that answer 200", async () => {
    expect(urls.length).toBeGreaterThan(300);
    const failures: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        while (next < urls.length) {
          const { loc } = urls[next++];
          expect(loc.startsWith(baseUrl())).toBe(true);
          const res = await fetch(loc, { redirect: "manual" });
          await res.arrayBuffer();
          if (res.status !== 200) failures.push(`${res.status} ${loc}`);
        }
      }),
    );
    // A fixture of another test file may have been suspended or archived since the fetch.
    const now = await publicSlugs();
    const stillPublic = failures.filter((f) => {
      const slug = f.slice(f.lastIndexOf("/") + 1);
      if (f.includes("/products/")) return now.products.has(slug);
      if (f.includes("/cooperatives/")) return now.cooperatives.has(slug);
      return true;
    });
    expect(stillPublic).toEqual([]);
    expect(failures.length).toBeLessThan(10);
  }, 120_000);
});

function jsonLd(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) =>
    JSON.parse(m[1]),
  );
}
const metaContent = (html: string, attr: "name" | "property", key: string) =>
  html.match(new RegExp(`<meta ${attr}="${key}" content="([^"]*)"`))?.[1] ?? null;

describe("product pages", () => {
  it("carry Product and Offer JSON-LD with the database's price, currency and availability, in every locale", async () => {
    const rows = await app.db
      .select({
        slug: products.slug,
        price: products.priceCentimes,
        currency: products.currency,
        stock: products.stock,
        title: products.title,
      })
      .from(products)
      .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
      .where(eq(products.status, "published"))
      .limit(400);
    const inStock = rows.find((r) => r.stock > 0 && r.title.ar && r.title.fr)!;
    const soldOut = rows.find((r) => r.stock === 0)!;
    expect(soldOut).toBeDefined();
    for (const row of [inStock, soldOut]) {
      for (const locale of ["ar", "fr", "en"] as const) {
        const { res, html } = await getHtml(`/${locale}/products/${row.slug}`);
        if (res.status === 404) continue; // a listing of a hidden shop
        const [product] = jsonLd(html).filter((d) => d["@type"] === "Product");
        expect(product, `${locale} ${row.slug}`).toBeDefined();
        const offer = product.offers as Record<string, unknown>;
        expect(offer["@type"]).toBe("Offer");
        expect(offer.price).toBe(
          `${Math.floor(row.price / 100)}.${String(row.price % 100).padStart(2, "0")}`,
        );
        expect(offer.priceCurrency).toBe("MAD");
        expect(offer.availability).toBe(
          row.stock > 0 ? "https://schema.org/InStock" : "https://schema.org/OutOfStock",
        );
        expect(product.url).toBe(`${baseUrl()}/${locale}/products/${row.slug}`);
        expect((product.image as string[]).length).toBeGreaterThan(0);
        // English pages show the French title until the cooperative writes an English one.
        if (row === inStock) expect(product.name).toBe(row.title[locale] ?? row.title.fr);
      }
    }
  });

  it("escape < in JSON-LD so that content can never close the script", async () => {
    const { html } = await getHtml(`/fr/products/tapis-beni-ouarain-blanc-a-losanges-bruns`);
    for (const m of html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g))
      expect(m[1]).not.toContain("<");
  });

  it("have a title, description, canonical, hreflang alternates with x-default and an Open Graph picture that loads", async () => {
    for (const locale of ["ar", "fr", "en"] as const) {
      const path = `/${locale}/products/tapis-beni-ouarain-blanc-a-losanges-bruns`;
      const { html } = await getHtml(path);
      expect(html).toMatch(/<title>[^<]+<\/title>/);
      expect(metaContent(html, "name", "description")?.length).toBeGreaterThan(50);
      expect(html).toContain(`<link rel="canonical" href="${baseUrl()}${path}"/>`);
      expect(html).toContain(
        `<link rel="alternate" hrefLang="ar" href="${baseUrl()}/ar/products/tapis-beni-ouarain-blanc-a-losanges-bruns"/>`,
      );
      expect(html).toContain(
        `<link rel="alternate" hrefLang="fr" href="${baseUrl()}/fr/products/tapis-beni-ouarain-blanc-a-losanges-bruns"/>`,
      );
      expect(html).toContain(
        `<link rel="alternate" hrefLang="en" href="${baseUrl()}/en/products/tapis-beni-ouarain-blanc-a-losanges-bruns"/>`,
      );
      expect(html).toContain(
        `<link rel="alternate" hrefLang="x-default" href="${baseUrl()}/ar/products/tapis-beni-ouarain-blanc-a-losanges-bruns"/>`,
      );
      expect(metaContent(html, "property", "og:type")).toBe("product");
      expect(metaContent(html, "property", "og:locale")).toBe(`${locale}_MA`);
      const image = metaContent(html, "property", "og:image")!;
      expect(image.startsWith(`${baseUrl()}/media/`)).toBe(true);
      const res = await fetch(image);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/jpeg");
    }
    const ar = (await getHtml("/ar/products/tapis-beni-ouarain-blanc-a-losanges-bruns")).html.match(
      /<title>([^<]+)<\/title>/,
    )![1];
    const fr = (await getHtml("/fr/products/tapis-beni-ouarain-blanc-a-losanges-bruns")).html.match(
      /<title>([^<]+)<\/title>/,
    )![1];
    expect(ar).toMatch(/[\u0600-\u06ff]/);
    expect(fr).toContain("Tapis Beni Ouarain");
  });
});

describe("organizations", () => {
  it("describes the marketplace on the home page and each cooperative on its page", async () => {
    for (const locale of ["ar", "fr", "en"] as const) {
      const home = jsonLd((await getHtml(`/${locale}`)).html);
      expect(home.find((d) => d["@type"] === "Organization")).toMatchObject({
        "@id": `${baseUrl()}/#organization`,
      });
      expect(home.find((d) => d["@type"] === "WebSite")).toMatchObject({ inLanguage: locale });
      const { html } = await getHtml(`/${locale}/cooperatives/bleu-de-fes`);
      const [org] = jsonLd(html).filter((d) => d["@type"] === "Organization");
      expect(org.url).toBe(`${baseUrl()}/${locale}/cooperatives/bleu-de-fes`);
      expect(org.address).toMatchObject({ addressCountry: "MA" });
      expect(typeof org.name).toBe("string");
      expect(metaContent(html, "property", "og:image")?.startsWith(baseUrl())).toBe(true);
    }
  });

  it("gives home and craft pages a description and an Open Graph picture in each locale", async () => {
    for (const path of [
      "/ar",
      "/fr",
      "/en",
      "/ar/crafts/carpets",
      "/fr/crafts/carpets",
      "/en/crafts/carpets",
    ]) {
      const { html } = await getHtml(path);
      expect(metaContent(html, "name", "description"), path).toBeTruthy();
      expect(metaContent(html, "property", "og:image")?.startsWith(`${baseUrl()}/media/`), path).toBe(true);
      expect(html, path).toContain('hrefLang="x-default"');
    }
  });
});
