/**
 * What a phone does while a page becomes interactive (decision 017, issue 15): on a product
 * page in each locale, hydration makes no Intl number or date formatter (the server's texts
 * travel with the page: the first formatter costs 20–80 ms of ICU set-up in Chromium), the
 * routes behind the page's links are discovered after hydration without rendering the page
 * again (decision 024: the patched router's `patchRoutes` no longer reflows), parts below the
 * first screen hydrate only once scrolled near, with their code loaded then (hydrateLater), the
 * page hydrates without a console error, and what comes after still works: "add to cart"
 * counts in the badge, a link navigates on the client. A tap before React's first render is
 * the browser's: the form posts as without JavaScript.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "../../db/client";
import { products } from "../../db/schema";
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
  // A description as long as a real one, so that the reviews start well below a phone's screen.
  const paragraph = (words: string) => Array.from({ length: 60 }, () => words).join(" ");
  await app.db
    .update(products)
    .set({
      description: { ar: paragraph("صوف طبيعي منسوج باليد."), fr: paragraph("Laine naturelle tissée main.") },
    })
    .where(eq(products.id, shop.products[0].id));
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const phone = SCREENS.find((s) => s.name === "390")!;

describe("hydration work on a phone", () => {
  for (const locale of ["ar", "fr", "en"] as const) {
    it(`product page (${locale}): no Intl formatter while hydrating, no re-render after it`, async () => {
      const context = await openScreen(browser, phone);
      const page = await context.newPage();
      const errors = watchPage(page);
      const manifestResponses: string[] = [];
      const documentRequests: string[] = [];
      const moduleRequests: string[] = [];
      page.on("request", (request) => {
        if (request.isNavigationRequest()) documentRequests.push(request.url());
        if (new URL(request.url()).pathname.startsWith("/build/")) moduleRequests.push(request.url());
      });
      page.on("response", (response) => {
        if (new URL(response.url()).pathname.startsWith("/__manifest"))
          manifestResponses.push(response.url());
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
      await page.addInitScript(() => {
        const w = window as unknown as { __routerUpdatesAfterHydration: number };
        w.__routerUpdatesAfterHydration = 0;
        let router: { subscribe(listener: () => void): () => void } | undefined;
        Object.defineProperty(window, "__remixRouter", {
          configurable: true,
          get: () => router,
          set(value) {
            router = value;
            value.subscribe(() => {
              if (document.documentElement.dataset.hydrated === "true") w.__routerUpdatesAfterHydration += 1;
            });
          },
        });
      });
      const product = shop.products[0];
      await page.goto(`${baseUrl()}/${locale}/products/${product.slug}`);
      await waitForHydration(page);

      expect(
        await page.evaluate(() => (window as never as Record<string, string[]>).__formattersBeforeHydration),
      ).toEqual([]);

      // Lazy route discovery asks for the routes behind the page's links once it has hydrated;
      // patching them in must not make the router announce a new state (every route of the
      // page rendered again, a long task on a phone). The listener is on the router from the
      // moment Remix makes it (init script above), and counts what comes after hydration.
      await expect.poll(() => manifestResponses.length).toBeGreaterThan(0);
      await expect
        .poll(() =>
          page.evaluate(
            () =>
              "routes/$lang.crafts.$craft" in
              (window as never as { __remixManifest: { routes: object } }).__remixManifest.routes,
          ),
        )
        .toBe(true);
      expect(
        await page.evaluate(
          () => (window as never as { __routerUpdatesAfterHydration: number }).__routerUpdatesAfterHydration,
        ),
      ).toBe(0);

      // The reviews are in the document (the server renders them) but their code is not loaded
      // until they come near the screen; then they hydrate (their pagination is React's).
      expect(await page.getByTestId("reviews").count()).toBe(1);
      // (Well below the first screen and the 300 px margin at which it starts to load.)
      expect(
        await page.getByTestId("reviews").evaluate((el) => el.getBoundingClientRect().top),
      ).toBeGreaterThan(phone.height + 300);
      expect(moduleRequests.filter((url) => /\/reviews-[A-Z0-9]+\.js$/.test(url))).toEqual([]);
      await page.getByTestId("reviews").scrollIntoViewIfNeeded();
      await expect
        .poll(() => moduleRequests.filter((url) => /\/reviews-[A-Z0-9]+\.js$/.test(url)).length)
        .toBe(1);
      await page.evaluate(() => window.scrollTo(0, 0));
      // The price as the server wrote it (12 345,50 MAD in some form), kept by hydration.
      expect(await page.getByTestId("price").innerText()).toMatch(/12.?345[.,]50/);

      // After hydration a new count is formatted in the browser.
      await page.locator("[data-testid=add-to-cart] button[type=submit]").click();
      await expect.poll(() => page.getByTestId("cart-count").innerText()).toBe("1");

      // A link still navigates on the client (no new document) to a route discovery patched in.
      await page.locator(".product__summary .eyebrow a").click();
      await page.waitForURL(`**/${locale}/crafts/**`);
      await page.getByTestId("product-card").first().waitFor();
      expect(documentRequests).toHaveLength(1);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it("a tap between hydrateRoot and React's first render goes to the browser: the form posts, no error", async () => {
    // On a busy phone, time passes between entry.client calling hydrateRoot (React listening)
    // and React's first render, queued on its scheduler (a MessageChannel). Here the first
    // messages wait two seconds. Before entry.client left such taps to the browser, React
    // hydrated the page synchronously for the tap, Remix suspended at the root while decoding
    // the page's state, and React threw error #345 (seen on CI at 360 px).
    const context = await openScreen(browser, SCREENS[0]);
    const page = await context.newPage();
    const errors = watchPage(page);
    await page.addInitScript(() => {
      const Channel = window.MessageChannel;
      const heldUntil = Date.now() + 2000;
      window.MessageChannel = class extends Channel {
        constructor() {
          super();
          const post = this.port2.postMessage.bind(this.port2);
          this.port2.postMessage = (message: unknown) => {
            const wait = heldUntil - Date.now();
            if (wait > 0) setTimeout(() => post(message), wait);
            else post(message);
          };
        }
      };
    });
    const url = `${baseUrl()}/fr/products/${shop.products[0].slug}`;
    const documents: string[] = [];
    page.on("request", (request) => {
      if (request.isNavigationRequest())
        documents.push(`${request.method()} ${new URL(request.url()).pathname}`);
    });
    await page.goto(url, { waitUntil: "commit" });
    // entry.client has called hydrateRoot: React listens at the document (its own marker).
    await page.waitForFunction(() => Object.keys(document).some((key) => key.startsWith("_reactListening")));
    expect(await page.evaluate(() => document.documentElement.dataset.hydrated)).toBeUndefined();
    // Typing is a React event too: the quantity typed then is the one posted.
    await page.locator("#add-quantity").fill("2");
    await page.locator("[data-testid=add-to-cart] button[type=submit]").tap();
    // The browser posts the form itself and follows the answer to the cart, which holds it.
    await page.waitForURL("**/fr/cart");
    expect(documents).toContain("POST /fr/cart");
    await waitForHydration(page);
    expect(await page.getByTestId("cart-count").innerText()).toBe("2");
    expect(errors).toEqual([]);
    await context.close();
  });
});
