/**
 * A buyer in the browser: in French, fills one cart from two cooperatives (fetchers: no
 * reload), changes a quantity, pays cash on delivery and reads the order page; in Arabic,
 * the same cart up to the Stripe redirect (the local Stripe API). Then each cooperative
 * sees only its own shop order and ships it, and the buyer's page follows. Axe on the
 * cart, checkout and order pages in both languages.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { DatabaseHandle } from "#db/client";
import {
  launchBrowser,
  screenshot,
  seriousAxeViolations,
  watchPage,
  waitForHydration,
  type BrowserSession,
} from "../support/browser";
import { openAppDatabase } from "../support/db";
import { makeMember, makeUser, PASSWORD } from "../support/fixtures";
import { baseUrl } from "../support/http";
import { formatMoney } from "~/i18n/format";

const plain = (s: string | null) => (s ?? "").replace(/\s/g, "");
import { createShop, type Shop } from "../support/shops";

let app: DatabaseHandle;
let browser: BrowserSession;
let a: Shop;
let b: Shop;
let orderUrl = "";

beforeAll(async () => {
  app = openAppDatabase();
  a = await createShop(app.db, { shippingFeeMa: 4500, products: [{ stock: 20, priceCentimes: 35_000 }] });
  b = await createShop(app.db, { shippingFeeMa: 2500, products: [{ stock: 20, priceCentimes: 12_000 }] });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function accessible(page: Page, name: string) {
  const violations = await seriousAxeViolations(page);
  expect(violations, `${name}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
  await screenshot(page, name);
}

async function addFromProductPage(
  page: Page,
  locale: string,
  slug: string,
  quantity: number,
  expectedCount: number,
) {
  await page.goto(`${baseUrl()}/${locale}/products/${slug}`);
  await page.getByTestId("add-to-cart").waitFor();
  // Hydrated: the form goes through a fetcher, the page stays.
  await waitForHydration(page);
  await page.locator("#add-quantity").fill(String(quantity));
  await page.getByTestId("add-to-cart").locator("button[type=submit]").click();
  await expect.poll(() => page.getByTestId("cart-count").textContent()).toBe(String(expectedCount));
  expect(new URL(page.url()).pathname).toBe(`/${locale}/products/${slug}`);
  await page.getByTestId("add-status").locator("a").waitFor();
}

describe("a buyer in French, cash on delivery", () => {
  it("fills one cart from two cooperatives, changes a quantity, orders and reads the order page", async () => {
    const page = await browser.context.newPage();
    const errors = watchPage(page);
    await addFromProductPage(page, "fr", a.products[0].slug, 2, 2);
    await addFromProductPage(page, "fr", b.products[0].slug, 1, 3);

    await page.getByTestId("cart-link").click();
    await page.waitForURL("**/fr/cart");
    await expect.poll(() => page.getByTestId("cart-shop").count()).toBe(2);
    await accessible(page, "fr-cart");
    const line = page.locator(`[data-testid=cart-line][data-product="${a.products[0].slug}"]`);
    await line.getByTestId("line-quantity").fill("1");
    await line.getByTestId("line-update").click();
    await expect.poll(() => page.getByTestId("cart-count").textContent()).toBe("2");
    await expect
      .poll(async () => plain(await line.getByTestId("line-total").textContent()))
      .toBe(plain(formatMoney(35_000, "MAD", "fr")));

    await page.getByTestId("go-checkout").click();
    await page.waitForURL("**/fr/checkout");
    await accessible(page, "fr-checkout");
    await page.locator("#checkout-name").fill("Salma Alaoui");
    await page.locator("#checkout-email").fill("salma.e2e@example.ma");
    await page.locator("#checkout-phone").fill("06 61 23 45 67");
    await page.locator("#checkout-city").fill("Fès");
    await page.locator("#checkout-line1").fill("12 derb Sidi Ahmed");
    await page.locator("#pay-cod").check();
    await page.getByTestId("place-order").click();
    await page.waitForURL(/\/fr\/orders\/[A-Za-z0-9_-]{32}$/);
    orderUrl = page.url();
    await expect.poll(() => page.getByTestId("shop-order").count()).toBe(2);
    expect(await page.getByTestId("payment-status").textContent()).toBe("À payer à la livraison");
    expect(plain(await page.getByTestId("order-total").textContent())).toBe(
      plain(formatMoney(54_000, "MAD", "fr")),
    );
    await accessible(page, "fr-order");
    expect(await page.getByTestId("cart-count").textContent()).toBe("0");
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("a buyer in Arabic, by card", () => {
  it("goes from the same cart to the Stripe checkout page", async () => {
    const session = await launchBrowser();
    try {
      const page = await session.context.newPage();
      const errors = watchPage(page);
      await addFromProductPage(page, "ar", a.products[0].slug, 1, 1);
      await addFromProductPage(page, "ar", b.products[0].slug, 1, 2);
      await page.goto(`${baseUrl()}/ar/cart`);
      expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
      await accessible(page, "ar-cart");
      await page.getByTestId("go-checkout").click();
      await page.waitForURL("**/ar/checkout");
      await accessible(page, "ar-checkout");
      await page.locator("#checkout-name").fill("كريم");
      await page.locator("#checkout-email").fill("karim.e2e@example.com");
      await page.locator("#checkout-country").selectOption("FR");
      // Abroad: cash on delivery is switched off, the card is the way.
      await expect.poll(() => page.locator("#pay-cod").isDisabled()).toBe(true);
      await page.locator("#checkout-phone").fill("+33 6 12 34 56 78");
      await page.locator("#checkout-city").fill("Lyon");
      await page.locator("#checkout-line1").fill("3 rue des Tanneurs");
      await page.locator("#pay-card").check();
      await page.getByTestId("place-order").click();
      await page.waitForURL(/\/pay\/cs_test_[a-f0-9]+$/);
      expect(page.url().startsWith(process.env.STRIPE_API_URL!)).toBe(true);
      expect(Number(await page.locator("#amount").textContent())).toBe(35_000 + 12_000 + 20_000 + 20_000);
      expect(errors).toEqual([]);
    } finally {
      await session.close();
    }
  });
});

describe("each cooperative fulfils its own part", () => {
  it("sees only its shop order, ships it, and the buyer's page follows", async () => {
    expect(orderUrl).not.toBe("");
    for (const [shop, label, other] of [
      [a, "a", b],
      [b, "b", a],
    ] as const) {
      const owner = await makeMember(app.db as never, shop.coop.id, "owner", `e2e-ship-${label}`);
      const session = await launchBrowser();
      try {
        const page = await session.context.newPage();
        await page.goto(`${baseUrl()}/fr/login?redirectTo=/fr/shop/orders`);
        await page.locator("#field-email").fill(owner.email);
        await page.locator("#field-password").fill(PASSWORD);
        await page.locator("main button[type=submit]").click();
        await page.waitForURL((url) => url.pathname === "/fr/shop/orders");
        await expect.poll(() => page.getByTestId("shop-order-row").count()).toBe(1);
        await accessible(page, `fr-shop-orders-${label}`);
        await page.getByTestId("shop-order-row").locator("a").click();
        await page.getByTestId("shop-order-detail").waitFor();
        const detail = await page.content();
        expect(detail).toContain(shop.products[0].title.fr);
        expect(detail).not.toContain(other.products[0].title.fr);
        await page.getByTestId("confirm").click();
        await expect
          .poll(() => page.getByTestId("shop-order-detail").getAttribute("data-status"))
          .toBe("confirmed");
        await page.locator("#carrier").fill("Amana");
        await page.locator("#trackingNumber").fill(`EE${label}123456MA`);
        await page.getByTestId("ship").click();
        await expect
          .poll(() => page.getByTestId("shop-order-detail").getAttribute("data-status"))
          .toBe("shipped");
        await accessible(page, `fr-shop-order-${label}`);
      } finally {
        await session.close();
      }
    }
    const page = await browser.context.newPage();
    await page.goto(orderUrl);
    const statuses = await page
      .getByTestId("shop-order")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-status")));
    expect(statuses).toEqual(["shipped", "shipped"]);
    expect(await page.getByTestId("tracking").allTextContents()).toEqual([
      "Transporteur : Amana — n° de suivi EEa123456MA",
      "Transporteur : Amana — n° de suivi EEb123456MA",
    ]);
    await page.goto(orderUrl.replace("/fr/", "/ar/"));
    expect(await page.locator("[data-testid=shop-order-status]").first().textContent()).toBe("تم الشحن");
    await accessible(page, "ar-order");
    await page.close();
  });
});

describe("a signed-in buyer", () => {
  it("finds the order under “My orders”, in both languages", async () => {
    const buyer = await makeUser(app.db, { prefix: "e2e-my-orders" });
    const session = await launchBrowser();
    try {
      const page = await session.context.newPage();
      const errors = watchPage(page);
      await page.goto(`${baseUrl()}/fr/login?redirectTo=/fr/products/${b.products[0].slug}`);
      await page.locator("#field-email").fill(buyer.email);
      await page.locator("#field-password").fill(PASSWORD);
      await page.locator("main button[type=submit]").click();
      // (A glob would also match the login page's own ?redirectTo=.)
      await page.waitForURL((url) => url.pathname === `/fr/products/${b.products[0].slug}`);
      await addFromProductPage(page, "fr", b.products[0].slug, 1, 1);
      await page.goto(`${baseUrl()}/fr/checkout`);
      await page.locator("#checkout-name").fill("Salma Alaoui");
      await page.locator("#checkout-email").fill(buyer.email);
      await page.locator("#checkout-phone").fill("06 61 23 45 67");
      await page.locator("#checkout-city").fill("Meknès");
      await page.locator("#checkout-line1").fill("4 rue Rouamzine");
      await page.locator("#pay-cod").check();
      await page.getByTestId("place-order").click();
      await page.waitForURL(/\/fr\/orders\/[A-Za-z0-9_-]{32}$/);
      const orderPath = new URL(page.url()).pathname;

      await page.getByRole("link", { name: "Mes commandes" }).click();
      await page.waitForURL("**/fr/orders");
      await expect.poll(() => page.getByTestId("my-order").count()).toBe(1);
      await accessible(page, "fr-my-orders");
      await page.getByTestId("switch-ar").click();
      await page.waitForURL("**/ar/orders");
      expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
      await accessible(page, "ar-my-orders");
      await page.getByTestId("my-order").getByRole("link").click();
      await page.waitForURL(`**${orderPath.replace("/fr/", "/ar/")}`);
      await expect.poll(() => page.getByTestId("shop-order").count()).toBe(1);
      expect(errors).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
