/**
 * Back-office lists page through everything instead of stopping silently at a cap
 * (issue 14, item 8; decision 018): a shop with more listings or orders than one page shows
 * them all, page by page; its CSV export has every order; the chamber's refunds to look at
 * page too. Each list is seeded past the old cap (200) and walked to its last row.
 */
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { createProduct } from "#db/factories";
import { orders, refunds, shopOrders } from "#db/schema";
import { SHOP_LISTINGS_PAGE_SIZE } from "~/models/listings.server";
import { SHOP_ORDERS_PAGE_SIZE } from "~/models/fulfilment.server";
import { REFUNDS_PAGE_SIZE } from "~/models/refunds.server";
import { Client } from "../support/client";
import { openAppDatabase } from "../support/db";
import { makeUser, signIn } from "../support/fixtures";
import { createShop, type BackOfficeShop } from "../support/shops";

/** More than the caps the lists had (200), so the test fails on a capped list. */
const PAST_THE_OLD_CAP = 201;

let app: DatabaseHandle;
let owner: Client;
let moderator: Client;
let shop: BackOfficeShop;
const seededOrders: number[] = [];

async function clientFor(userId: number) {
  const client = new Client();
  const { cookie } = await signIn(app.db, userId);
  client.cookies.set("hirfa_session", cookie.slice(cookie.indexOf("=") + 1));
  return client;
}

/** `n` orders at once (one statement), as checkout would have left them. */
async function seedOrders(n: number, payment: { method: "cod" | "card"; status: "cod_pending" | "paid" }) {
  const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const rows = await app.db
    .insert(orders)
    .values(
      Array.from({ length: n }, (_, i) => ({
        token: `lists-${tag}-${i}`,
        locale: "fr",
        buyerName: `Acheteur ${i}`,
        buyerEmail: `lists-${tag}-${i}@example.ma`,
        buyerPhone: "+212612345678",
        address: { country: "MA", city: "Fès", line1: `${i} derb Sidi Ahmed` },
        paymentMethod: payment.method,
        paymentStatus: payment.status,
        subtotalCentimes: 10_000,
        shippingCentimes: 3_000,
        totalCentimes: 13_000,
      })),
    )
    .returning({ id: orders.id });
  seededOrders.push(...rows.map((r) => r.id));
  return rows.map((r) => r.id);
}

beforeAll(async () => {
  app = openAppDatabase();
  shop = await createShop(app.db, { label: "lists", backOffice: true });
  // The back office shop has two (a draft and a published one): one page and one more make it two pages.
  for (let i = 0; i < SHOP_LISTINGS_PAGE_SIZE - 1; i++)
    await createProduct(app.db, { cooperativeId: shop.coop.id, craftId: shop.craft.id });
  owner = await clientFor(shop.owner.id);
  moderator = await clientFor((await makeUser(app.db, { prefix: "lists-mod", staffRole: "moderator" })).id);
});
afterAll(async () => {
  // The seeded orders go (their shop orders and refunds with them): other files' pages stay as they were.
  if (seededOrders.length > 0) await app.db.delete(orders).where(inArray(orders.id, seededOrders));
  await app?.close();
});

const rowIds = (html: string) => [...html.matchAll(/href="\/fr\/shop\/listings\/(\d+)"/g)].map((m) => m[1]);
const nextHref = (html: string) =>
  html
    .match(/<a[^>]*rel="next"[^>]*href="([^"]+)"|<a[^>]*href="([^"]+)"[^>]*rel="next"/)
    ?.slice(1)
    .find(Boolean);

/** Every page of a list from `path`, following its "next" links; `ids` reads one page's rows. */
async function walk(client: Client, path: string, ids: (html: string) => string[]) {
  const pages: string[][] = [];
  let href: string | undefined = path;
  while (href) {
    const { res, html } = await client.get(href.replace(/&amp;/g, "&"));
    expect(res.status).toBe(200);
    pages.push(ids(html));
    href = nextHref(html);
    expect(pages.length).toBeLessThan(100);
  }
  return pages;
}

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

describe("the shop's orders", () => {
  let seeded: number[];
  beforeAll(async () => {
    seeded = await seedOrders(PAST_THE_OLD_CAP, { method: "cod", status: "cod_pending" });
    await app.db.insert(shopOrders).values(
      seeded.map((orderId) => ({
        orderId,
        cooperativeId: shop.coop.id,
        subtotalCentimes: 10_000,
        shippingCentimes: 3_000,
        netCentimes: 13_000,
      })),
    );
  });

  it("come page by page down to the oldest, each order once", async () => {
    const pages = await walk(owner, "/fr/shop/orders", (html) =>
      [...html.matchAll(/data-testid="shop-order-row" data-order="(\d+)"/g)].map((m) => m[1]),
    );
    expect(pages).toHaveLength(Math.ceil(PAST_THE_OLD_CAP / SHOP_ORDERS_PAGE_SIZE));
    expect(pages[0]).toHaveLength(SHOP_ORDERS_PAGE_SIZE);
    const seen = pages.flat();
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(seeded.map(String).sort());
    // Newest first: the last page ends with the first order placed.
    expect(pages.at(-1)!.at(-1)).toBe(String(Math.min(...seeded)));
  });

  it("are all in the CSV export, past any cap", async () => {
    const { res, html } = await owner.get("/fr/shop/orders/export");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const lines = html.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines.at(-1)).toBe("");
    expect(lines.slice(1, -1)).toHaveLength(PAST_THE_OLD_CAP);
    // The oldest order is there, with its buyer.
    expect(lines.at(-2)).toContain("Acheteur 0");
  });
});

describe("the chamber's refunds to look at", () => {
  let seeded: number[];
  beforeAll(async () => {
    const paid = await seedOrders(PAST_THE_OLD_CAP, { method: "card", status: "paid" });
    seeded = (
      await app.db
        .insert(refunds)
        .values(
          paid.map((orderId) => ({
            orderId,
            reason: "paid_after_cancellation" as const,
            amountCentimes: 13_000,
            status: "failed" as const,
            attempts: 1,
            lastError: "This charge cannot be refunded",
          })),
        )
        .returning({ id: refunds.id })
    ).map((r) => r.id);
  });

  it("come page by page on the payouts page, down to the last one", async () => {
    const pages = await walk(moderator, "/fr/chamber/payouts", (html) =>
      [...html.matchAll(/data-testid="refund-(\d+)"/g)].map((m) => m[1]),
    );
    expect(pages.length).toBeGreaterThanOrEqual(Math.ceil(PAST_THE_OLD_CAP / REFUNDS_PAGE_SIZE));
    expect(pages[0]).toHaveLength(REFUNDS_PAGE_SIZE);
    const seen = new Set(pages.flat());
    for (const id of seeded) expect(seen, `refund ${id}`).toContain(String(id));
  });
});
