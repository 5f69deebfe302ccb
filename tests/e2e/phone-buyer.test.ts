/**
 * Phone first, a buyer's pages: every page a buyer can reach, in Arabic and French, at
 * 360×740 and 390×844 (phones: touch, mobile viewport) and 1366×900 — no page wider than
 * the screen, no console or page error, no serious axe violation; screenshots at 390 px.
 * Then the buyer's journey at 360 px, with JavaScript on and off, in both languages:
 * home → craft → product → add → cart → checkout (cash on delivery) → order page.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { DatabaseHandle } from "#db/client";
import { placeOrder } from "~/models/checkout.server";
import { launchSharedBrowser, screenshot, watchPage, waitForHydration } from "../support/browser";
import { openAppDatabase } from "../support/db";
import { baseUrl } from "../support/http";
import { addToCart, LOCALES, onEveryScreen, openScreen, SCREENS, visitAll } from "../support/phone";
import { buyer, createShop, type Shop } from "../support/shops";
import { deliveredOrder, writtenReview } from "../support/reviews";

let app: DatabaseHandle;
let browser: Browser;
let shop: Shop;
let orderToken = "";
let deliveredToken = "";

beforeAll(async () => {
  app = openAppDatabase();
  [browser, shop] = await Promise.all([
    launchSharedBrowser(),
    createShop(app.db, {
      products: [
        {
          stock: 50,
          priceCentimes: 24_500,
          title: { ar: "طبق فخار أزرق من فاس", fr: "Plat en faïence bleue de Fès" },
        },
        {
          stock: 50,
          priceCentimes: 1_250_000,
          title: {
            ar: "زربية بني وراين كبيرة جدًا بألوان طبيعية",
            fr: "Très grand tapis Beni Ouarain aux laines naturelles non teintes",
          },
        },
      ],
    }),
  ]);
  const placed = await placeOrder(app.db, {
    lines: [{ productId: shop.products[1].id, quantity: 1 }],
    buyer: buyer({ line2: "Appartement 4, 2e étage" }),
    locale: "fr",
    cardEnabled: false,
  });
  if (!placed.ok) throw new Error(JSON.stringify(placed.error));
  orderToken = placed.order.token;
  // A delivered order (its review form) and published reviews with an answer on the product page (decision 019).
  deliveredToken = (await deliveredOrder(app.db, [shop.products[0].id])).token;
  await writtenReview(app.db, shop.products[1].id, {
    rating: 5,
    body: "زربية رائعة، الصوف ناعم والألوان كما في الصور تمامًا. وصلت إلى الدار البيضاء في ثلاثة أيام.",
    locale: "ar",
    buyerName: "Fatima Zahra El Idrissi",
  });
  await writtenReview(app.db, shop.products[1].id, {
    rating: 4,
    body: "Très grand et très beau, l'odeur de laine part après quelques jours. Livraison soignée jusqu'à Lyon.",
  });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const buyerPages = () => [
  { name: "home", path: "" },
  { name: "craft", path: "/crafts/pottery" },
  { name: "product", path: `/products/${shop.products[1].slug}` },
  { name: "cooperative", path: `/cooperatives/${shop.coop.slug}` },
  { name: "search", path: "/search?q=zellige+tapis" },
  { name: "cart", path: "/cart" },
  { name: "checkout", path: "/checkout" },
  { name: "order", path: `/orders/${orderToken}` },
  { name: "login", path: "/login" },
  { name: "register", path: "/register" },
  { name: "join", path: "/join" },
  { name: "forgot-password", path: "/forgot-password" },
  { name: "find-order", path: "/find-order" },
  { name: "review", path: `/orders/${deliveredToken}/review/${shop.products[0].id}` },
  { name: "policy-returns", path: "/policies/returns" },
  { name: "policy-delivery", path: "/policies/delivery" },
  { name: "policy-terms", path: "/policies/terms" },
  { name: "policy-privacy", path: "/policies/privacy" },
  { name: "policy-legal", path: "/policies/legal" },
  { name: "policy-contact", path: "/policies/contact" },
];

onEveryScreen("a buyer's pages on a phone and on a desktop", async (locale, screen) => {
  const { problems, visited } = await visitAll(browser, {
    role: "buyer",
    locale,
    screen,
    pages: buyerPages(),
    // A cart from two products, one with a long name and a large total.
    prepare: async (context) => {
      await addToCart(context, locale, shop.products[0].id, 2);
      await addToCart(context, locale, shop.products[1].id, 1);
    },
  });
  expect(problems).toEqual([]);
  expect(visited).toHaveLength(buyerPages().length);
});

/** Clicks as a finger does on a phone, a mouse on a desktop. */
async function press(page: Page, selector: string) {
  await page.locator(selector).first().tap();
}

for (const locale of LOCALES) {
  for (const javaScript of [true, false]) {
    describe(`the buyer's journey at 360 px in ${locale}, JavaScript ${javaScript ? "on" : "off"}`, () => {
      it("home → craft → product → add → cart → checkout (cash on delivery) → order page", async () => {
        const context = await browser.newContext({
          viewport: { width: 360, height: 740 },
          isMobile: true,
          hasTouch: true,
          deviceScaleFactor: 2,
          javaScriptEnabled: javaScript,
        });
        try {
          const page = await context.newPage();
          const errors = watchPage(page);
          const narrow = async () =>
            expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
          await page.goto(`${baseUrl()}/${locale}`);
          await narrow();
          await press(page, ".craft-tile[data-craft='pottery']");
          await page.waitForURL(`**/${locale}/crafts/pottery`);
          await narrow();
          const product = shop.products[0];
          await press(page, `[data-testid=product-card] a[href$="/products/${product.slug}"]`);
          await page.waitForURL(`**/${locale}/products/${product.slug}`);
          await narrow();
          // The add button is on screen and nothing moves the page sideways when it is tapped.
          const button = page.getByTestId("add-to-cart").locator("button[type=submit]");
          const box = (await button.boundingBox())!;
          expect(box.x).toBeGreaterThanOrEqual(0);
          expect(box.x + box.width).toBeLessThanOrEqual(360);
          expect(box.height).toBeGreaterThanOrEqual(44);
          if (javaScript) await waitForHydration(page);
          await button.tap();
          if (javaScript) {
            await page.getByTestId("add-status").locator("a").waitFor();
            expect(await page.evaluate(() => window.scrollX)).toBe(0);
            await expect.poll(() => page.getByTestId("cart-count").textContent()).toBe("1");
            await screenshot(page, `phone-journey-${locale}-added`);
            await press(page, "[data-testid=cart-link]");
          }
          await page.waitForURL(`**/${locale}/cart`);
          await page.getByTestId("cart-line").waitFor();
          await narrow();
          // The line's total does not cover the quantity's update button.
          const total = (await page.getByTestId("line-total").boundingBox())!;
          const update = (await page.getByTestId("line-update").boundingBox())!;
          const overlap =
            total.x < update.x + update.width &&
            update.x < total.x + total.width &&
            total.y < update.y + update.height &&
            update.y < total.y + total.height;
          expect(overlap).toBe(false);
          await press(page, "[data-testid=go-checkout]");
          await page.waitForURL(`**/${locale}/checkout`);
          await narrow();
          await page.locator("#checkout-name").fill(locale === "ar" ? "سلمى العلوي" : "Salma Alaoui");
          await page
            .locator("#checkout-email")
            .fill(`journey-${locale}-${javaScript ? "js" : "nojs"}@example.ma`);
          await page.locator("#checkout-phone").fill("06 61 23 45 67");
          await page.locator("#checkout-city").fill("Fès");
          await page
            .locator("#checkout-line1")
            .fill(locale === "ar" ? "12 درب سيدي أحمد" : "12 derb Sidi Ahmed");
          await page.locator("#pay-cod").check();
          await press(page, "[data-testid=place-order]");
          await page.waitForURL(new RegExp(`/${locale}/orders/[A-Za-z0-9_-]{32}$`));
          await page.getByTestId("shop-order").waitFor();
          await narrow();
          expect(await page.getByTestId("payment-status").textContent()).toBe(
            locale === "ar" ? "يُدفع عند الاستلام" : "À payer à la livraison",
          );
          await screenshot(page, `phone-journey-${locale}-${javaScript ? "js" : "nojs"}-order`);
          expect(errors).toEqual([]);
        } finally {
          await context.close();
        }
      });
    });
  }
}

describe("adding to the cart with the keyboard", () => {
  for (const locale of LOCALES) {
    it(`keeps the focus on the button, not the page body (${locale})`, async () => {
      const context = await openScreen(browser, SCREENS[1]);
      try {
        const page = await context.newPage();
        await page.goto(`${baseUrl()}/${locale}/products/${shop.products[0].slug}`);
        await waitForHydration(page);
        await page.getByTestId("add-to-cart").locator("button[type=submit]").focus();
        await page.keyboard.press("Enter");
        // The answer shows although parts below the screen had not hydrated yet (hydrateLater,
        // decision 024: the revalidated data wakes them instead of holding the update), and
        // they are still there.
        await page.getByTestId("add-status").locator("a").waitFor();
        expect(await page.getByTestId("made-by").count()).toBe(1);
        const focused = await page.evaluate(() => ({
          tag: document.activeElement?.tagName,
          inForm: Boolean(document.activeElement?.closest("[data-testid=add-to-cart]")),
        }));
        expect(focused).toEqual({ tag: "BUTTON", inForm: true });
      } finally {
        await context.close();
      }
    });
  }
});
