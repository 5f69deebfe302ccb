/**
 * Buyers abroad (issue 13), in Chromium: `/` picks English for English and German browsers
 * and Arabic for Moroccan ones; a buyer walks the whole journey in English (French content
 * marked as such) and pays cash on delivery for a Moroccan address; the header's display
 * currency adds estimates and is remembered; on a site without card payments the cart tells
 * a buyer in the United States, before checkout, that nothing serves them and what would.
 * Axe on every English page.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { DatabaseHandle } from "#db/client";
import { setDisplayRates } from "~/models/settings.server";
import { startAppProcess, type AppProcess } from "../support/app-process";
import {
  launchBrowser,
  screenshot,
  seriousAxeViolations,
  waitForHydration,
  watchPage,
  type BrowserSession,
} from "../support/browser";
import { openAppDatabase } from "../support/db";
import { baseUrl } from "../support/http";
import { createShop, type Shop } from "../support/shops";

let app: DatabaseHandle;
let shop: Shop;
let browser: BrowserSession;

beforeAll(async () => {
  app = openAppDatabase();
  shop = await createShop(app.db, {
    shippingFeeMa: 3000,
    products: [{ stock: 20, priceCentimes: 42_000, title: { ar: "زربية اختبار", fr: "Tapis d'essai" } }],
  });
  browser = await launchBrowser({ locale: "en-US" });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function accessible(page: Page, name: string) {
  expect(await page.evaluate(() => document.documentElement.lang), name).toBe("en");
  expect(await page.evaluate(() => document.documentElement.dir), name).toBe("ltr");
  const violations = await seriousAxeViolations(page);
  expect(violations, `${name}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
  await screenshot(page, name);
}

describe("the root address", () => {
  for (const [locale, expected] of [
    ["en-US", "/en"],
    ["de-DE", "/en"],
    ["ar-MA", "/ar"],
  ] as const) {
    it(`sends a browser in ${locale} to ${expected}`, async () => {
      const session = await launchBrowser({ locale });
      try {
        const page = await session.context.newPage();
        await page.goto(`${baseUrl()}/`);
        expect(new URL(page.url()).pathname).toBe(expected);
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(expected.slice(1));
      } finally {
        await session.close();
      }
    });
  }
});

describe("a buyer in English", () => {
  it("browses, reads French content marked as such, fills the cart and orders cash on delivery", async () => {
    const page = await browser.context.newPage();
    const errors = watchPage(page);
    await page.goto(`${baseUrl()}/`);
    await page.waitForURL("**/en");
    await waitForHydration(page);
    await accessible(page, "en-home");
    expect(await page.locator("h1").textContent()).toBe(
      "Crafts of Fès-Meknès, straight from the cooperatives",
    );

    await page.locator(".craft-tile[data-craft='pottery']").click();
    await page.waitForURL("**/en/crafts/pottery");
    await expect.poll(() => page.getByTestId("product-card").count()).toBeGreaterThan(0);
    await accessible(page, "en-craft");

    await page.goto(`${baseUrl()}/en/products/${shop.products[0].slug}`);
    await page.getByTestId("price").waitFor();
    await waitForHydration(page);
    // Written in Arabic and French only: the French title, marked, with its language.
    expect(await page.locator("h1 [lang=fr]").textContent()).toBe("Tapis d'essai");
    expect(await page.getByTestId("fallback-note").first().textContent()).toContain(
      "only available in French",
    );
    await accessible(page, "en-product");
    await page.locator("#add-quantity").fill("2");
    await page.getByTestId("add-to-cart").locator("button[type=submit]").click();
    await page.getByTestId("add-status").locator("a").waitFor();
    await expect.poll(() => page.getByTestId("cart-count").textContent()).toBe("2");

    await page.getByTestId("cart-link").click();
    await page.waitForURL("**/en/cart");
    // An American browser: the cart assumes the United States, where the card serves.
    expect(await page.getByTestId("payment-for-destination").textContent()).toBe(
      "For delivery to United States you can pay by: Card (Stripe).",
    );
    await accessible(page, "en-cart");
    // Shipping to family in Morocco instead: cash on delivery too.
    await page.locator("#cart-to").selectOption("MA");
    await expect
      .poll(() => page.getByTestId("payment-for-destination").textContent())
      .toBe("For delivery to Morocco you can pay by: Card (Stripe), Cash on delivery.");
    await page.getByTestId("go-checkout").click();
    await page.waitForURL("**/en/checkout");
    expect(await page.getByTestId("charged-in-mad").textContent()).toMatch(
      /^You will be charged .*MAD.* in Moroccan dirhams \(MAD\)\./,
    );
    await accessible(page, "en-checkout");
    await page.locator("#checkout-name").fill("Emma Brown");
    await page.locator("#checkout-email").fill("emma.e2e@example.com");
    await page.locator("#checkout-phone").fill("06 61 23 45 67");
    await page.locator("#checkout-city").fill("Fès");
    await page.locator("#checkout-line1").fill("12 derb Sidi Ahmed");
    await page.locator("#pay-cod").check();
    await page.getByTestId("place-order").click();
    await page.waitForURL(/\/en\/orders\/[A-Za-z0-9_-]{32}$/);
    expect(await page.getByTestId("payment-status").textContent()).toBe("To be paid on delivery");
    await accessible(page, "en-order");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("chooses a display currency in the header: estimates beside MAD prices, remembered", async () => {
    await setDisplayRates(app.db, { rates: { EUR: 108_500, USD: 99_500 } });
    const page = await browser.context.newPage();
    const errors = watchPage(page);
    const productPath = `/en/products/${shop.products[0].slug}`;
    await page.goto(`${baseUrl()}${productPath}`);
    await waitForHydration(page);
    expect(await page.getByTestId("money-estimate").count()).toBe(0);
    await page.locator("#display-currency").selectOption("EUR");
    await expect
      .poll(() => page.getByTestId("price").getByTestId("money-estimate").textContent())
      .toMatch(/^\(≈ €\d+(\.\d\d)?\)$/);
    expect(new URL(page.url()).pathname).toBe(productPath);
    await accessible(page, "en-product-eur");
    await page.locator("#display-currency").selectOption("USD");
    await expect
      .poll(() => page.getByTestId("price").getByTestId("money-estimate").textContent())
      .toMatch(/^\(≈ \$\d+(\.\d\d)?\)$/);
    // Remembered: another page, opened afresh, shows dollars too.
    const other = await browser.context.newPage();
    await other.goto(`${baseUrl()}/en/crafts/pottery`);
    // Choosing submits at once with JavaScript: wait for it (before, the form's button applies).
    await waitForHydration(other);
    await expect.poll(() => other.getByTestId("money-estimate").count()).toBeGreaterThan(0);
    expect(await other.getByTestId("money-estimate").first().textContent()).toContain("$");
    expect(await other.locator("#display-currency").inputValue()).toBe("USD");
    await other.locator("#display-currency").selectOption("MAD");
    await expect.poll(() => other.getByTestId("money-estimate").count()).toBe(0);
    expect(errors).toEqual([]);
    await Promise.all([page.close(), other.close()]);
  });
});

describe("a buyer abroad on a site without card payments", () => {
  let server: AppProcess;
  beforeAll(async () => {
    // The suite's media folder (shared storage, as several processes would have): its pictures load.
    server = await startAppProcess({
      STRIPE_SECRET_KEY: "",
      PAGE_CACHE_MB: "0",
      DATA_DIR: process.env.DATA_DIR!,
    });
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("learns in the cart, before checkout, that nothing serves the United States, and what does", async () => {
    const page = await browser.context.newPage();
    const errors = watchPage(page);
    await page.goto(`${server.url}/en/products/${shop.products[0].slug}`);
    await waitForHydration(page);
    await page.getByTestId("add-to-cart").locator("button[type=submit]").click();
    // The answer carries the cart cookie: navigating before it arrives would cancel it.
    await page.getByTestId("add-status").locator("a").waitFor();
    await expect.poll(() => page.getByTestId("cart-count").textContent()).toBe("1");
    await page.goto(`${server.url}/en/cart`);
    await waitForHydration(page);
    const notice = page.getByTestId("abroad-payment-notice");
    await notice.waitFor();
    const text = await notice.textContent();
    expect(text).toContain("No payment method serves a delivery to United States for this cart yet.");
    expect(text).toContain("Card payment is not available on this site yet.");
    expect(text).toContain("You can still order for an address in Morocco and pay on delivery.");
    await accessible(page, "en-cart-no-payment-abroad");
    await page.locator("#cart-to").selectOption("MA");
    await expect.poll(() => notice.count()).toBe(0);
    expect(await page.getByTestId("payment-for-destination").textContent()).toBe(
      "For delivery to Morocco you can pay by: Cash on delivery.",
    );
    expect(errors).toEqual([]);
    await page.close();
  });
});
