/**
 * What every page sends, byte for byte and header by header:
 * - valid UTF-8 without NUL, for every URL of the sitemap and every back-office and chamber
 *   page, in both languages (React 18.3.1's stream could cut a multi-byte letter at its 2 kB
 *   chunk boundary and send a NUL in its place: facebook/react#24985);
 * - `Cache-Control: private, no-store` on everything rendered for a session, a cart or a token,
 *   and `Referrer-Policy: no-referrer` where the URL itself is the secret;
 * - HSTS only for requests that came over HTTPS.
 */
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import {
  cooperativeApplications,
  cooperatives,
  memberships,
  orders,
  products,
  shopOrders,
  users,
} from "#db/schema";
import { placeOrder } from "~/models/checkout.server";
import { createPasswordReset } from "~/models/users.server";
import { openAppDatabase } from "../support/db";
import { makeUser, signIn } from "../support/fixtures";
import { baseUrl } from "../support/http";
import { buyer } from "../support/shops";

let app: DatabaseHandle;
let ownerCookie: string;
let staffCookie: string;
let buyerCookie: string;
let shopPages: string[];
let chamberPages: string[];
let orderToken: string;
let resetToken: string;

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The body's bytes as text; throws on a byte sequence that is not UTF-8. */
async function fetchBytes(path: string, cookie?: string) {
  const res = await fetch(`${baseUrl()}${path}`, {
    redirect: "manual",
    headers: cookie ? { Cookie: cookie } : {},
  });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { res, bytes };
}

function expectCleanText(path: string, bytes: Uint8Array) {
  let text = "";
  expect(() => (text = utf8.decode(bytes)), `${path} is valid UTF-8`).not.toThrow();
  const nul = text.indexOf("\0");
  expect(nul, `${path} has a NUL near …${text.slice(Math.max(0, nul - 40), nul)}…`).toBe(-1);
}

beforeAll(async () => {
  app = openAppDatabase();
  const db = app.db;
  // A seeded cooperative (Arabic and French texts of real length) and its owner.
  const [owner] = await db
    .select({ userId: memberships.userId, cooperativeId: memberships.cooperativeId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(users.email, "bleu-de-fes@demo.hirfa.ma"), eq(memberships.role, "owner")));
  ownerCookie = (await signIn(db, owner.userId)).cookie;
  const staff = await makeUser(db, { prefix: "bytes-admin", staffRole: "admin" });
  staffCookie = (await signIn(db, staff.id)).cookie;
  const someone = await makeUser(db, { prefix: "bytes-buyer" });
  buyerCookie = (await signIn(db, someone.id)).cookie;

  const [listing] = await db
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.cooperativeId, owner.cooperativeId), eq(products.status, "published")))
    .orderBy(asc(products.id))
    .limit(1);
  const placed = await placeOrder(db, {
    lines: [{ productId: listing.id, quantity: 1 }],
    buyer: buyer({ name: "سلمى العلوي", city: "فاس", line1: "12 درب سيدي أحمد" }),
    locale: "ar",
    cardEnabled: false,
  });
  if (!placed.ok) throw new Error(`could not place the fixture order: ${placed.error.code}`);
  orderToken = placed.order.token;
  const [shopOrder] = await db
    .select({ id: shopOrders.id })
    .from(shopOrders)
    .where(eq(shopOrders.orderId, placed.order.id));
  shopPages = [
    "/shop",
    "/shop/listings",
    "/shop/listings/new",
    `/shop/listings/${listing.id}`,
    "/shop/orders",
    `/shop/orders/${shopOrder.id}`,
    "/shop/profile",
    "/shop/members",
    "/shop/statement",
  ];

  const [pending] = await db
    .select({ id: products.id })
    .from(products)
    .where(eq(products.status, "pending"))
    .orderBy(asc(products.id))
    .limit(1);
  const [application] = await db
    .select({ id: cooperativeApplications.id })
    .from(cooperativeApplications)
    .limit(1);
  const [coop] = await db
    .select({ id: cooperatives.id })
    .from(cooperatives)
    .orderBy(asc(cooperatives.id))
    .limit(1);
  chamberPages = [
    "/chamber",
    "/chamber/reviews",
    ...(pending ? [`/chamber/reviews/listing/${pending.id}`] : []),
    ...(application ? [`/chamber/applications/${application.id}`] : []),
    "/chamber/cooperatives",
    `/chamber/cooperatives/${coop.id}`,
    "/chamber/crafts",
    "/chamber/invitations",
    "/chamber/payouts",
    "/chamber/reports",
    "/chamber/audit",
    "/chamber/settings",
  ];
  resetToken = (await createPasswordReset(db, someone.email))!.token;
});

afterAll(async () => {
  if (orderToken) await app?.db.delete(orders).where(eq(orders.token, orderToken));
  await app?.close();
});

describe("bytes of every page", () => {
  it("sends every sitemap URL as valid UTF-8 without NUL, Arabic and French, cached or not", async () => {
    const sitemap = await (await fetch(`${baseUrl()}/sitemap.xml`)).text();
    const urls = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
    expect(urls.some((u) => u.startsWith("/ar"))).toBe(true);
    expect(urls.some((u) => u.startsWith("/fr"))).toBe(true);
    expect(urls.length).toBeGreaterThan(20);
    // Twice: the second answer of a catalogue page may come from the shared page cache.
    for (const round of [1, 2]) {
      for (let i = 0; i < urls.length; i += 8) {
        await Promise.all(
          urls.slice(i, i + 8).map(async (path) => {
            const { res, bytes } = await fetchBytes(path);
            expect(res.status, `${path} (round ${round})`).toBe(200);
            expectCleanText(path, bytes);
          }),
        );
      }
    }
  });

  it("sends every back-office and chamber page as valid UTF-8 without NUL, in both languages", async () => {
    for (const locale of ["ar", "fr"]) {
      for (const [pages, cookie] of [
        [shopPages, ownerCookie],
        [chamberPages, staffCookie],
      ] as const) {
        for (const page of pages) {
          const path = `/${locale}${page}`;
          const { res, bytes } = await fetchBytes(path, cookie);
          expect(res.status, path).toBe(200);
          expectCleanText(path, bytes);
        }
      }
      for (const path of [
        `/${locale}/orders/${orderToken}`,
        `/${locale}/search?q=زربية`,
        `/${locale}/search?q=a`,
      ]) {
        const { res, bytes } = await fetchBytes(path);
        expect(res.status, path).toBe(200);
        expectCleanText(path, bytes);
      }
    }
  });
});

describe("headers of private responses", () => {
  it("marks every back-office and chamber page private, no-store", async () => {
    for (const [pages, cookie] of [
      [shopPages, ownerCookie],
      [chamberPages, staffCookie],
    ] as const) {
      for (const page of pages) {
        const res = await fetch(`${baseUrl()}/fr${page}`, {
          redirect: "manual",
          headers: { Cookie: cookie },
        });
        await res.arrayBuffer();
        expect(res.headers.get("cache-control"), page).toBe("private, no-store");
      }
    }
  });

  it("marks catalogue pages rendered for a signed-in buyer or a cart private, no-store; anonymous ones stay shareable", async () => {
    const cart = await fetch(`${baseUrl()}/fr/cart`, {
      redirect: "manual",
      headers: { Cookie: "cart=something" },
    });
    await cart.arrayBuffer();
    for (const path of ["/fr", "/ar/crafts/carpets", "/fr/search?q=tapis"]) {
      for (const cookie of [buyerCookie, "cart=abc", `lng=fr; ${buyerCookie}`]) {
        const res = await fetch(`${baseUrl()}${path}`, { headers: { Cookie: cookie } });
        await res.arrayBuffer();
        expect(res.headers.get("cache-control"), `${path} with ${cookie.slice(0, 12)}`).toBe(
          "private, no-store",
        );
      }
    }
    const anonymous = await fetch(`${baseUrl()}/fr`);
    await anonymous.arrayBuffer();
    expect(anonymous.headers.get("cache-control") ?? "").not.toContain("no-store");
    // A data request of a client-side navigation follows the same rule.
    const data = await fetch(`${baseUrl()}/fr/shop.data`, { headers: { Cookie: ownerCookie } });
    await data.arrayBuffer();
    expect(data.headers.get("cache-control")).toBe("private, no-store");
  });

  it("sends token pages private, no-store, without a referrer, whoever asks", async () => {
    for (const path of [
      `/fr/orders/${orderToken}`,
      `/ar/reset-password/${resetToken}`,
      "/fr/invitations/not-a-real-token-but-still-secret",
      "/fr/register/not-a-real-token-but-still-secret",
    ]) {
      const res = await fetch(`${baseUrl()}${path}`, { redirect: "manual" });
      await res.arrayBuffer();
      expect(res.headers.get("cache-control"), path).toBe("private, no-store");
      expect(res.headers.get("referrer-policy"), path).toBe("no-referrer");
    }
  });

  it("sends HSTS only over HTTPS (this server is plain HTTP, and a forged X-Forwarded-Proto is not trusted)", async () => {
    for (const headers of [{}, { "X-Forwarded-Proto": "https" }] as Record<string, string>[]) {
      const res = await fetch(`${baseUrl()}/fr`, { headers });
      await res.arrayBuffer();
      expect(res.headers.get("strict-transport-security")).toBeNull();
    }
  });
});
