/**
 * Buyers abroad (issue 13): prices stay in MAD with an estimate in the display currency the
 * buyer chose, from the rates chamber admins set; checkout says the charge is in MAD; the cart
 * says before checkout whether any payment method serves the destination. Through HTTP on
 * the suite's server (PostgreSQL, card payments on) and a second process without Stripe.
 */
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { auditLog } from "#db/schema";
import { formatMoney } from "~/i18n/format";
import { convertCentimes } from "~/models/display-currency";
import { getDisplayRates, setDisplayRates } from "~/models/settings.server";
import { startAppProcess, type AppProcess } from "../support/app-process";
import { Client } from "../support/client";
import { openAppDatabase } from "../support/db";
import { makeUser, signIn } from "../support/fixtures";
import { baseUrl, get } from "../support/http";
import { createShop, type Shop } from "../support/shops";

let app: DatabaseHandle;
let shop: Shop;
let noCodShop: Shop;
let productPath: string;
beforeAll(async () => {
  app = openAppDatabase();
  shop = await createShop(app.db, { products: [{ stock: 50, priceCentimes: 35_000 }] });
  noCodShop = await createShop(app.db, {
    acceptsCod: false,
    products: [{ stock: 50, priceCentimes: 12_000 }],
  });
  productPath = `/en/products/${shop.products[0].slug}`;
});
afterAll(async () => {
  await app?.close();
});

/** The cart's notice alone (the page also carries its namespace's strings, for the browser). */
const noticeOf = (html: string) =>
  html.match(/data-testid="abroad-payment-notice">([\s\S]*?)<\/div>/)?.[1] ?? null;
const estimateOf = (html: string) => html.match(/data-testid="money-estimate"[^>]*>([^<]*)</)?.[1] ?? null;

async function asAdmin() {
  const admin = await makeUser(app.db, { prefix: "rates-admin", staffRole: "admin" });
  const client = new Client();
  client.cookies.set("hirfa_session", (await signIn(app.db, admin.id)).cookie.split("=")[1]);
  return { admin, client };
}

async function choose(client: Client, currency: string, redirectTo: string) {
  return client.post("/en/currency", { currency, redirectTo });
}

describe("rates set by chamber admins", () => {
  it("are set on the settings page with the date, written to the audit log, and refused next to the field when wrong", async () => {
    const { admin, client } = await asAdmin();
    const bad = await client.post("/en/chamber/settings", {
      intent: "rates",
      rate_EUR: "ten",
      rate_USD: "0",
    });
    expect(bad.res.status).toBe(400);
    expect(bad.html).toMatch(
      /class="field__error" id="field-rate_EUR-error" role="alert">Enter how many dirhams one unit is worth, for example 10.85.</,
    );
    expect(bad.html).toMatch(
      /class="field__error" id="field-rate_USD-error" role="alert">Enter how many dirhams/,
    );
    expect(bad.html).toContain('value="ten"');

    const saved = await client.post("/en/chamber/settings", {
      intent: "rates",
      rate_EUR: "10.85",
      rate_USD: "9,95",
    });
    expect(saved.res.status).toBe(302);
    expect(await getDisplayRates(app.db)).toMatchObject({ rates: { EUR: 108_500, USD: 99_500 } });
    const [audit] = await app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "settings.display_rates"), eq(auditLog.actorUserId, admin.id)))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(audit.after).toEqual({ EUR: 108_500, USD: 99_500 });
    const page = await client.get("/en/chamber/settings");
    expect(page.html).toMatch(/data-testid="rates-set-on">Rates set on [^<]*2\d{3}/);
    expect(page.html).toContain('value="10.85"');
  });

  it("are the chamber admins' alone", async () => {
    const moderator = await makeUser(app.db, { prefix: "rates-moderator", staffRole: "moderator" });
    const { cookie } = await signIn(app.db, moderator.id);
    const res = await fetch(`${baseUrl()}/en/chamber/settings`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: cookie, Origin: baseUrl(), "Content-Type": "application/x-www-form-urlencoded" },
      body: "intent=rates&rate_EUR=1&rate_USD=1",
    });
    expect(res.status).toBe(403);
    const byModerator = await app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "settings.display_rates"), eq(auditLog.actorUserId, moderator.id)));
    expect(byModerator).toEqual([]);
  });
});

describe("a buyer's display currency", () => {
  it("adds an estimate beside every MAD price at the chamber's rate, remembered in a cookie; MAD alone by default", async () => {
    await setDisplayRates(app.db, { rates: { EUR: 108_500, USD: 99_500 } });
    const buyer = new Client();
    const before = await buyer.get(productPath);
    expect(before.html).toContain("MAD");
    expect(estimateOf(before.html)).toBeNull();

    const chosen = await choose(buyer, "EUR", productPath);
    expect(chosen.res.status).toBe(303);
    expect(chosen.res.headers.get("location")).toBe(productPath);
    expect(chosen.res.headers.get("set-cookie")).toMatch(/^cur=[^;]+;.*HttpOnly; SameSite=Lax/);
    const inEuros = await buyer.get(productPath);
    expect(estimateOf(inEuros.html)).toBe(
      `(≈ ${formatMoney(convertCentimes(35_000, 108_500), "EUR", "en")})`,
    );
    expect(convertCentimes(35_000, 108_500)).toBe(3226);
    expect(inEuros.html).toContain(formatMoney(35_000, "MAD", "en"));

    await choose(buyer, "USD", productPath);
    expect(estimateOf((await buyer.get(productPath)).html)).toBe(
      `(≈ ${formatMoney(convertCentimes(35_000, 99_500), "USD", "en")})`,
    );
    await choose(buyer, "MAD", productPath);
    expect(estimateOf((await buyer.get(productPath)).html)).toBeNull();
  });

  it("goes back only to a page of this site", async () => {
    const buyer = new Client();
    for (const target of ["https://evil.example/", "//evil.example/x", "/\\evil.example"]) {
      const res = await choose(buyer, "EUR", target);
      expect(res.res.headers.get("location"), target).toBe("/en");
    }
    expect((await choose(buyer, "GBP", "/en/cart")).res.headers.get("set-cookie")).toBeNull();
  });

  it("keeps cached pages apart per currency, and new rates reach them at once", async () => {
    const cookie = (await choose(new Client(), "EUR", productPath)).res.headers
      .get("set-cookie")!
      .split(";")[0];
    const fromCache = async (withCookie?: string) => {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const res = await get(productPath, withCookie ? { headers: { Cookie: withCookie } } : {});
        const html = await res.text();
        if (res.headers.get("x-page-cache") === "hit" || Date.now() > deadline) return { res, html };
      }
    };
    for (const rate of [110_000, 111_000]) {
      await setDisplayRates(app.db, { rates: { EUR: rate, USD: 99_500 } });
      const euros = await fromCache(cookie);
      expect(euros.res.headers.get("x-page-cache")).toBe("hit");
      expect(estimateOf(euros.html)).toBe(`(≈ ${formatMoney(convertCentimes(35_000, rate), "EUR", "en")})`);
      const plain = await fromCache();
      expect(plain.res.headers.get("x-page-cache")).toBe("hit");
      expect(estimateOf(plain.html)).toBeNull();
    }
  });
});

describe("paying in MAD, from abroad", () => {
  it("checkout says plainly that the charge is in MAD", async () => {
    const buyer = new Client();
    await buyer.post("/en/cart", { intent: "add", productId: shop.products[0].id, quantity: 1 });
    const page = await buyer.get("/en/checkout?country=FR");
    expect(page.res.status).toBe(200);
    // 350 MAD and the international shipping fee (200 MAD) for France.
    expect(page.html).toContain(
      `You will be charged ${formatMoney(55_000, "MAD", "en")} in Moroccan dirhams (MAD).`,
    );
    expect(page.html).toMatch(/<option value="FR" selected="">/);
  });

  it("the cart names the payment methods for the destination before checkout (card, with Stripe on)", async () => {
    const buyer = new Client();
    await buyer.post("/en/cart", { intent: "add", productId: shop.products[0].id, quantity: 1 });
    const france = await buyer.get("/en/cart?to=FR");
    expect(france.html).toContain("For delivery to France you can pay by: Card (Stripe).");
    expect(noticeOf(france.html)).toBeNull();
    expect(france.html).toContain('href="/en/checkout?country=FR"');
    const morocco = await buyer.get("/en/cart?to=MA");
    expect(morocco.html).toContain(
      "For delivery to Morocco you can pay by: Card (Stripe), Cash on delivery.",
    );
  });

  describe("without card payments", () => {
    let server: AppProcess;
    beforeAll(async () => {
      server = await startAppProcess({ STRIPE_SECRET_KEY: "", PAGE_CACHE_MB: "0" });
    }, 90_000);
    afterAll(async () => {
      await server?.stop();
    });

    it("the cart tells a buyer abroad that nothing serves their destination, and what would", async () => {
      const buyer = new Client(server.url);
      await buyer.post("/en/cart", { intent: "add", productId: shop.products[0].id, quantity: 1 });
      // A browser in American English: the cart assumes the United States.
      const guessed = await fetch(`${server.url}/en/cart`, {
        headers: { Cookie: buyer.cookieHeader(), "Accept-Language": "en-US,en;q=0.9" },
      });
      const notice = noticeOf(await guessed.text());
      expect(notice).not.toBeNull();
      expect(notice).toContain("No payment method serves a delivery to United States for this cart yet.");
      expect(notice).toContain("Cash on delivery is only for addresses in Morocco.");
      expect(notice).toContain("Card payment is not available on this site yet.");
      expect(notice).toContain("You can still order for an address in Morocco and pay on delivery.");
      const morocco = await buyer.get("/en/cart?to=MA");
      expect(noticeOf(morocco.html)).toBeNull();
      expect(morocco.html).toContain("For delivery to Morocco you can pay by: Cash on delivery.");

      // A cooperative that takes no cash on delivery: nothing serves even Morocco.
      await buyer.post("/en/cart", { intent: "add", productId: noCodShop.products[0].id, quantity: 1 });
      const mixed = noticeOf((await buyer.get("/en/cart?to=MA")).html);
      expect(mixed).toContain("No payment method serves a delivery to Morocco for this cart yet.");
      expect(mixed).toContain("Not every cooperative in this cart accepts cash on delivery.");
      expect(mixed).not.toContain("Cash on delivery is only for addresses in Morocco.");
      expect(mixed).toContain("Remove the items of the cooperatives that do not accept cash on delivery");
    });
  });
});
