/**
 * Back-office lists page through everything instead of stopping silently at a cap
 * (issue 14, item 8): a shop with more listings than one page shows them all, page by page.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { createProduct } from "#db/factories";
import { SHOP_LISTINGS_PAGE_SIZE } from "~/models/listings.server";
import { Client } from "../support/client";
import { openAppDatabase } from "../support/db";
import { makeShop, signIn } from "../support/fixtures";

let app: DatabaseHandle;
let owner: Client;
let shop: Awaited<ReturnType<typeof makeShop>>;

beforeAll(async () => {
  app = openAppDatabase();
  shop = await makeShop(app.db, "lists");
  // makeShop made two (a draft and a published one): one page and one more make it two pages.
  for (let i = 0; i < SHOP_LISTINGS_PAGE_SIZE - 1; i++)
    await createProduct(app.db, { cooperativeId: shop.cooperative.id, craftId: shop.craft.id });
  owner = new Client();
  const { cookie } = await signIn(app.db, shop.owner.id);
  owner.cookies.set("hirfa_session", cookie.slice(cookie.indexOf("=") + 1));
});
afterAll(async () => {
  await app?.close();
});

const rowIds = (html: string) => [...html.matchAll(/href="\/fr\/shop\/listings\/(\d+)"/g)].map((m) => m[1]);

describe("the shop's listings", () => {
  it("come page by page, each listing once, with links between the pages", async () => {
    const first = await owner.get("/fr/shop/listings");
    expect(first.res.status).toBe(200);
    const second = await owner.get("/fr/shop/listings?page=2");
    const firstIds = rowIds(first.html);
    const secondIds = rowIds(second.html);
    expect(firstIds).toHaveLength(SHOP_LISTINGS_PAGE_SIZE);
    expect(secondIds).toHaveLength(1);
    expect(new Set([...firstIds, ...secondIds]).size).toBe(SHOP_LISTINGS_PAGE_SIZE + 1);
    expect(first.html).toMatch(
      /<a[^>]*rel="next"[^>]*href="\/fr\/shop\/listings\?page=2"|href="\/fr\/shop\/listings\?page=2"[^>]*rel="next"/,
    );
    expect(second.html).toMatch(/rel="prev"/);
  });
});
