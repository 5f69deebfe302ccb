/**
 * The shared page cache (decision 005), through the server under test on PostgreSQL:
 * public pages come from it for visitors without a session or cart, never older than a
 * change committed before the request (even one made by another process, as here), with the
 * response's own CSP nonce; personal and private pages never do.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { listenerApplicationName, type DatabaseHandle } from "#db/client";
import { CATALOGUE_CHANNEL } from "~/services/catalogue-changes.server";
import { createCraft } from "#db/factories";
import { cooperatives, crafts, products } from "#db/schema";
import { Client } from "../support/client";
import { openAppDatabase } from "../support/db";
import { makeUser, signIn } from "../support/fixtures";
import { get } from "../support/http";
import { createShop, type Shop } from "../support/shops";

let app: DatabaseHandle;
let shop: Shop;
let productPath: string;
beforeAll(async () => {
  app = openAppDatabase();
  shop = await createShop(app.db, { products: [{ stock: 5, priceCentimes: 12_300 }] });
  productPath = `/fr/products/${shop.products[0].slug}`;
});
afterAll(async () => {
  await app?.close();
});

const nonceOf = (res: Response) =>
  res.headers.get("content-security-policy")?.match(/'nonce-([^']+)'/)?.[1] ?? "";
const noNonces = (html: string) => html.replace(/nonce="[^"]*"/g, 'nonce=""');

async function page(path: string, cookie?: string) {
  const res = await get(path, cookie ? { headers: { Cookie: cookie } } : {});
  return { res, html: await res.text(), cache: res.headers.get("x-page-cache") };
}

/**
 * The page as served from the cache. Other test files change the catalogue all the time
 * (and each change empties the cache), so ask again until nothing intervened.
 */
async function fromCache(path: string, cookie?: string) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const r = await page(path, cookie);
    if (r.cache === "hit" || Date.now() > deadline) return r;
  }
}

describe("shared page cache", () => {
  it("serves a public page again from the cache, with a fresh nonce in the header and the page", async () => {
    // Two hits in a row from the same stored page. Other test files change the catalogue of
    // this shared database (a new craft is in every page's header) and each change empties
    // the store: a pair that straddles one is taken again.
    let [first, second] = [await fromCache(productPath), await fromCache(productPath)];
    for (let i = 0; i < 10 && noNonces(first.html) !== noNonces(second.html); i++)
      [first, second] = [await fromCache(productPath), await fromCache(productPath)];
    expect(first.cache).toBe("hit");
    expect(second.cache).toBe("hit");
    for (const r of [first, second]) {
      const nonce = nonceOf(r.res);
      expect(nonce.length).toBeGreaterThan(10);
      const inPage = [...r.html.matchAll(/nonce="([^"]*)"/g)].map((m) => m[1]);
      expect(inPage.length).toBeGreaterThan(2);
      expect(new Set(inPage)).toEqual(new Set([nonce]));
    }
    expect(nonceOf(first.res)).not.toBe(nonceOf(second.res));
    expect(noNonces(first.html)).toBe(noNonces(second.html));
    expect(first.res.headers.get("x-hirfa-shared-page")).toBeNull();
  });

  it("never serves a page older than a change committed before the request, whoever made it", async () => {
    const [product] = shop.products;
    for (const price of [13_100, 13_200, 13_300, 13_400, 13_500]) {
      expect((await fromCache(productPath)).cache).toBe("hit");
      await app.db.update(products).set({ priceCentimes: price }).where(eq(products.id, product.id));
      const after = await page(productPath);
      expect(after.cache).toBe("miss");
      expect(after.html).toContain(`"price":"${(price / 100).toFixed(2)}"`);
    }
    // A change to the cooperative reaches its product pages too.
    expect((await fromCache(productPath)).cache).toBe("hit");
    await app.db.update(cooperatives).set({ status: "suspended" }).where(eq(cooperatives.id, shop.coop.id));
    expect((await page(productPath)).res.status).toBe(404);
    await app.db.update(cooperatives).set({ status: "verified" }).where(eq(cooperatives.id, shop.coop.id));
    expect((await page(productPath)).res.status).toBe(200);
  });

  it("keeps catalogue pages of each language apart and sets the language cookie as without the cache", async () => {
    const arabic = await fromCache(productPath.replace("/fr/", "/ar/"));
    expect(arabic.cache).toBe("hit");
    expect(arabic.html).toMatch(/<html lang="ar" dir="rtl"/);
    expect(arabic.res.headers.get("set-cookie")).toMatch(/^lng=/);

    const cookie = arabic.res.headers.get("set-cookie")!.split(";")[0];
    const remembered = await fromCache(productPath.replace("/fr/", "/ar/"), cookie);
    expect(remembered.cache).toBe("hit");
    expect(remembered.res.headers.get("set-cookie")).toBeNull();
  });

  it("never serves a signed-in visitor or a guest with a cart the anonymous page", async () => {
    const user = await makeUser(app.db, { prefix: "cache-viewer" });
    const { cookie } = await signIn(app.db, user.id);
    expect((await fromCache(productPath)).cache).toBe("hit");
    for (let i = 0; i < 2; i++) {
      // Their own page (decision 022; tests/integration/personal-page-cache.test.ts).
      const signedIn = await page(productPath, cookie);
      expect(signedIn.cache).toMatch(/^personal-/);
      expect(signedIn.html).toContain(user.name);
    }

    const guest = new Client();
    await guest.get(productPath);
    const added = await guest.post("/fr/cart", {
      intent: "add",
      productId: shop.products[0].id,
      quantity: 2,
    });
    expect(added.res.status).toBe(302);
    const withCart = await guest.get(productPath);
    expect(withCart.res.headers.get("x-page-cache")).toMatch(/^personal-/);
    expect(withCart.html).toMatch(/data-testid="cart-count"[^>]*>2</);
    // The shared copy still shows an empty cart.
    expect((await page(productPath)).html).toMatch(/data-testid="cart-count"[^>]*>0</);
  });

  it("serves search pages from the cache too, until the catalogue changes (decision 022)", async () => {
    const path = `/fr/search?q=${encodeURIComponent(shop.products[0].slug)}`;
    expect((await fromCache(path)).cache).toBe("hit");
    await app.db.update(products).set({ priceCentimes: 13_900 }).where(eq(products.id, shop.products[0].id));
    const after = await page(path);
    expect(after.cache).toBe("miss");
  });

  it("stores neither errors nor pages that did not ask for it", async () => {
    for (const path of ["/fr/products/no-such-product", "/fr/login", "/fr/cart"]) {
      for (let i = 0; i < 3; i++) expect((await page(path)).cache, path).not.toBe("hit");
    }
    expect((await page("/fr/products/no-such-product")).res.status).toBe(404);
  });

  it("renders client-side navigations (.data) and child routes every time", async () => {
    for (let i = 0; i < 3; i++) {
      const data = await page(`${productPath}.data`);
      expect(data.res.status).toBe(200);
      expect(data.cache).toBeNull();
      expect(data.html).toContain(shop.products[0].slug);
      // The report page is a child of the product page: it does not inherit its opt-in.
      const report = await page(`${productPath}/report`);
      expect(report.res.status).toBe(200);
      expect(report.cache).not.toBe("hit");
    }
  });

  it("refuses ambiguous language cookies and never tells the browser about the cache marker", async () => {
    const twice = await page(productPath, "lng=ImZyIg%3D%3D; lng=ImFyIg%3D%3D");
    expect(twice.cache).toBeNull();
    const user = await makeUser(app.db, { prefix: "cache-marker" });
    const { cookie } = await signIn(app.db, user.id);
    for (const r of [
      await page(productPath),
      await page(productPath, cookie),
      await get(productPath, { method: "HEAD" }),
    ]) {
      const headers = "res" in r ? r.res.headers : r.headers;
      expect(headers.get("x-hirfa-shared-page")).toBeNull();
    }
  });

  it("keeps the header's crafts in memory only until the catalogue changes, whoever changes it", async () => {
    // Signed in: the list of crafts in memory (catalogueMemo), or a stored page emptied by the change.
    const user = await makeUser(app.db, { prefix: "cache-crafts" });
    const { cookie } = await signIn(app.db, user.id);
    const craft = await createCraft(app.db);
    for (const n of [1, 2, 3]) {
      const name = `Métier renommé ${craft.slug} ${n}`;
      await app.db
        .update(crafts)
        .set({ name: { ar: `حرفة ${n}`, fr: name } })
        .where(eq(crafts.id, craft.id));
      const { html } = await page("/fr", cookie);
      expect(html).toContain(name);
    }
  });

  /** The catalogue feed's connection of the server `npm test` started. */
  const suiteServerFeed = () =>
    listenerApplicationName(CATALOGUE_CHANNEL, Number(process.env.HIRFA_SERVER_PID));

  it("stops serving stored pages when it loses the change feed, and starts again once it listens again", async () => {
    expect((await fromCache(productPath)).cache).toBe("hit");
    const killed = await app.db.execute(
      sql`select pg_terminate_backend(pid) as done from pg_stat_activity where application_name = ${suiteServerFeed()}`,
    );
    expect(killed.rows.length).toBeGreaterThan(0);
    // A change made while nobody listens must still show.
    await app.db.update(products).set({ priceCentimes: 14_100 }).where(eq(products.id, shop.products[0].id));
    const during = await page(productPath);
    expect(during.cache).not.toBe("hit");
    expect(during.html).toContain('"price":"141.00"');
    // The server listens again within a few seconds and serves from the cache again.
    const again = await fromCache(productPath);
    expect(again.cache).toBe("hit");
    expect(again.html).toContain('"price":"141.00"');
    // One feed again for the suite's server (other test files' app processes have their own).
    const feeds = await app.db.execute(
      sql`select count(*)::int as n from pg_stat_activity where application_name = ${suiteServerFeed()}`,
    );
    expect(Number((feeds.rows[0] as { n: number }).n)).toBe(1);
  });
});
