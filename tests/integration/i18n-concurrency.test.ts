/**
 * Renders share one i18next instance per locale and set of namespaces (decision 016): many
 * pages rendered at the same time in Arabic, French and English, for a signed-in buyer with a
 * cart, each come out whole in their own language. A cookie the app does not know keeps every
 * request off the page cache (decision 022 would otherwise serve the buyer's page once
 * rendered), so each one is a render.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { Client, decodeEntities } from "../support/client";
import { openAppDatabase } from "../support/db";
import { makeUser, signIn } from "../support/fixtures";
import { baseUrl } from "../support/http";
import { createShop, type Shop } from "../support/shops";

let app: DatabaseHandle;
let shop: Shop;
let cookie: string;
beforeAll(async () => {
  app = openAppDatabase();
  shop = await createShop(app.db, {
    products: [
      { stock: 5, priceCentimes: 12_000 },
      { stock: 5, priceCentimes: 13_000 },
    ],
  });
  const buyer = await makeUser(app.db, { prefix: "i18n-concurrency" });
  const client = new Client();
  const session = (await signIn(app.db, buyer.id)).cookie;
  const [name, value] = session.split("=");
  client.cookies.set(name, value);
  const added = await client.post("/fr/cart", { intent: "add", productId: shop.products[0].id, quantity: 2 });
  expect(added.res.status).toBe(302);
  cookie = client.cookieHeader();
});
afterAll(async () => {
  await app?.close();
});

const expected = {
  ar: { dir: "rtl", cart: "السلة", count: "السلة، منتجان", more: "من نفس التعاونية" },
  fr: { dir: "ltr", cart: "Panier", count: "Panier, 2 articles", more: "De la même coopérative" },
  en: { dir: "ltr", cart: "Cart", count: "Cart, 2 items", more: "More from this cooperative" },
} as const;
type Lang = keyof typeof expected;

/** The language-bearing parts of a page: `<html lang dir>`, the cart link, a heading. */
function partsOf(html: string) {
  const text = (re: RegExp) => decodeEntities(html.match(re)?.[1] ?? "").trim();
  return {
    lang: html.match(/<html lang="([^"]+)"/)?.[1],
    dir: html.match(/<html lang="[^"]+" dir="([^"]+)"/)?.[1],
    cart: text(/class="cart-link__label"[^>]*>([^<]*)</),
    count: text(/data-testid="cart-link"[\s\S]*?class="visually-hidden">([^<]*)</),
    more: text(/<h2 id="more-title">([^<]*)</),
  };
}

describe("pages rendered at the same time in three languages", () => {
  it("each get their own language, whatever the others render", async () => {
    const langs: Lang[] = ["ar", "fr", "en"];
    const requests = Array.from({ length: 60 }, (_, i) => langs[i % 3]).map(async (lang, i) => {
      const res = await fetch(`${baseUrl()}/${lang}/products/${shop.products[1].slug}`, {
        headers: { Cookie: `${cookie}; render-probe=${i}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("x-page-cache")).toBeNull();
      return { lang, parts: partsOf(await res.text()) };
    });
    for (const { lang, parts } of await Promise.all(requests)) {
      const want = expected[lang];
      expect(parts, lang).toEqual({
        lang,
        dir: want.dir,
        cart: want.cart,
        count: want.count,
        more: want.more,
      });
    }
  });
});
