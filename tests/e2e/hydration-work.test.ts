/**
 * What a phone does while a page becomes interactive (decision 017, issue 15): on a product
 * page in each locale, hydration makes no Intl number or date formatter (the server's texts
 * travel with the page: the first formatter costs 20–80 ms of ICU set-up in Chromium), nothing
 * asks for route manifest patches (eager route discovery re-rendered the whole page after
 * hydration), the page hydrates without a console error, and what comes after still works:
 * "add to cart" counts in the badge, a link navigates on the client.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { DatabaseHandle } from "../../db/client";
import { launchSharedBrowser, waitForHydration, watchPage } from "../support/browser";
import { openAppDatabase } from "../support/db";
import { baseUrl } from "../support/http";
import { openScreen, SCREENS } from "../support/phone";
import { createShop, type Shop } from "../support/shops";

let app: DatabaseHandle;
let browser: Browser;
let shop: Shop;

beforeAll(async () => {
  app = openAppDatabase();
  [browser, shop] = await Promise.all([
    launchSharedBrowser(),
    createShop(app.db, { products: [{ stock: 20, priceCentimes: 1_234_550 }] }),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const phone = SCREENS.find((s) => s.name === "390")!;

describe("hydration work on a phone", () => {
  for (const locale of ["ar", "fr", "en"] as const) {
    it(`product page (${locale}): no Intl formatter and no manifest request while hydrating`, async () => {
      const context = await openScreen(browser, phone);
      const page = await context.newPage();
      const errors = watchPage(page);
      const manifestRequests: string[] = [];
      const documentRequests: string[] = [];
      page.on("request", (request) => {
        if (new URL(request.url()).pathname.startsWith("/__manifest")) manifestRequests.push(request.url());
        if (request.isNavigationRequest()) documentRequests.push(request.url());
      });
      // Counts the formatters made before the page marks itself hydrated (root.tsx).
      await page.addInitScript(() => {
        const w = window as unknown as { __formattersBeforeHydration: string[] };
        w.__formattersBeforeHydration = [];
        for (const name of ["NumberFormat", "DateTimeFormat"] as const) {
          const original = Intl[name];
          const count = () => {
            if (document.documentElement.dataset.hydrated !== "true")
              w.__formattersBeforeHydration.push(name);
          };
          Intl[name] = new Proxy(original, {
            construct(target, args) {
              count();
              return Reflect.construct(target, args);
            },
            apply(target, self, args) {
              count();
              return Reflect.apply(target, self, args);
            },
          }) as never;
        }
      });
      const product = shop.products[0];
      await page.goto(`${baseUrl()}/${locale}/products/${product.slug}`);
      await waitForHydration(page);

      expect(
        await page.evaluate(() => (window as never as Record<string, string[]>).__formattersBeforeHydration),
      ).toEqual([]);
      // The price as the server wrote it (12 345,50 MAD in some form), kept by hydration.
      expect(await page.getByTestId("price").innerText()).toMatch(/12.?345[.,]50/);

      // After hydration a new count is formatted in the browser.
      await page.locator("[data-testid=add-to-cart] button[type=submit]").click();
      await expect.poll(() => page.getByTestId("cart-count").innerText()).toBe("1");

      // A link still navigates on the client (no new document), and nothing asked for manifest
      // patches: the page's manifest lists every route.
      await page.locator(".product__summary .eyebrow a").click();
      await page.waitForURL(`**/${locale}/crafts/**`);
      await page.getByTestId("product-card").first().waitFor();
      expect(documentRequests).toHaveLength(1);
      expect(manifestRequests).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
