/**
 * Issue 17 in a real browser (decision 020), in Arabic and French: the pages it adds or
 * changes on phones and a desktop (no overflow, no console or hydration error, no serious axe
 * violation); a guest's favourites, kept without an account, joining the account at sign-in,
 * with JavaScript on and off; the gallery's thumbnails and zoom, with JavaScript on and off.
 */
import { and, eq } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { cooperativeImages, cooperatives, favourites, images, productImages } from "#db/schema";
import { launchSharedBrowser, screenshot, waitForHydration, watchPage } from "../support/browser";
import { openAppDatabase } from "../support/db";
import { makeUser, PASSWORD, signIn } from "../support/fixtures";
import { baseUrl } from "../support/http";
import { LOCALES, SCREENS, visitAll } from "../support/phone";
import { asc } from "drizzle-orm";
import { createShop, type BackOfficeShop } from "../support/shops";

let app: DatabaseHandle;
let browser: Browser;
let shop: BackOfficeShop;
let coopSlug = "";
let ownerToken = "";
let adminToken = "";

beforeAll(async () => {
  app = openAppDatabase();
  [browser, shop] = await Promise.all([
    launchSharedBrowser(),
    createShop(app.db, { label: "trust-e2e", backOffice: true }),
  ]);
  const pictures = await app.db.select().from(images).orderBy(asc(images.id)).limit(3);
  await app.db.insert(productImages).values(
    pictures.map((p, i) => ({
      productId: shop.published.id,
      imageId: p.id,
      position: i,
      alt: { ar: `صورة ${i + 1} للطبق`, fr: `Vue ${i + 1} du plat` },
    })),
  );
  await app.db.insert(cooperativeImages).values(
    pictures.slice(0, 2).map((p, i) => ({
      cooperativeId: shop.coop.id,
      imageId: p.id,
      position: i,
      alt: { ar: `الورشة ${i + 1}`, fr: `L'atelier ${i + 1}` },
    })),
  );
  const [coop] = await app.db
    .update(cooperatives)
    .set({ foundedYear: 1998, memberCount: 14, womenMemberCount: 11 })
    .where(eq(cooperatives.id, shop.coop.id))
    .returning();
  coopSlug = coop.slug;
  ownerToken = (await signIn(app.db, shop.owner.id)).token;
  const admin = await makeUser(app.db, { prefix: "trust-admin", staffRole: "admin" });
  adminToken = (await signIn(app.db, admin.id)).token;
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe("the new and changed pages on a phone and on a desktop", () => {
  for (const locale of LOCALES) {
    for (const screen of SCREENS) {
      it(`${locale} at ${screen.width}×${screen.height}: no page wider than the screen, no error, accessible`, async () => {
        const guest = await visitAll(browser, {
          role: "trust-buyer",
          locale,
          screen,
          pages: [
            { name: "product-gallery", path: `/products/${shop.published.slug}` },
            { name: "cooperative-workshop", path: `/cooperatives/${coopSlug}` },
            { name: "favourites", path: "/favourites" },
          ],
          prepare: async (context) => {
            const res = await context.request.post(`${baseUrl()}/${locale}/favourites`, {
              form: { intent: "add", productId: String(shop.published.id), redirectTo: `/${locale}` },
              headers: { Origin: baseUrl() },
              maxRedirects: 0,
            });
            if (res.status() !== 303) throw new Error(`favourite: ${res.status()}`);
          },
        });
        const owner = await visitAll(browser, {
          role: "trust-owner",
          locale,
          screen,
          sessionToken: ownerToken,
          pages: [{ name: "profile", path: "/shop/profile" }],
        });
        const admin = await visitAll(browser, {
          role: "trust-admin",
          locale,
          screen,
          sessionToken: adminToken,
          pages: [{ name: "holidays", path: "/chamber/holidays" }],
        });
        expect([...guest.problems, ...owner.problems, ...admin.problems]).toEqual([]);
        expect(guest.visited).toHaveLength(3);
      });
    }
  }
});

async function phone(javaScript: boolean): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
    javaScriptEnabled: javaScript,
  });
}

const heart = (page: Page) => page.locator(".product__price-row [data-testid=favourite-button]");

for (const locale of LOCALES) {
  for (const javaScript of [true, false]) {
    describe(`favourites in ${locale}, JavaScript ${javaScript ? "on" : "off"}`, () => {
      it("a guest keeps a listing, finds it on the favourites page, signs in: it is in the account", async () => {
        const user = await makeUser(app.db, { prefix: `fav-e2e-${locale}` });
        const context = await phone(javaScript);
        try {
          const page = await context.newPage();
          const errors = watchPage(page);
          await page.goto(`${baseUrl()}/${locale}/products/${shop.published.slug}`);
          if (javaScript) await waitForHydration(page);
          expect(await heart(page).getAttribute("aria-pressed")).toBe("false");
          // The post's answer carries the cookie: wait for it, not only for the heart's new look.
          const answered = page.waitForResponse(
            (r) => r.request().method() === "POST" && new URL(r.url()).pathname.includes("/favourites"),
          );
          await heart(page).tap();
          await answered;
          await expect.poll(() => heart(page).getAttribute("aria-pressed"), { timeout: 10_000 }).toBe("true");
          // With JavaScript the page did not reload: still the product page, at the same place.
          expect(new URL(page.url()).pathname).toBe(`/${locale}/products/${shop.published.slug}`);
          await screenshot(page, `trust-${locale}-favourite-${javaScript ? "js" : "nojs"}`);

          await page.goto(`${baseUrl()}/${locale}/favourites`);
          await expect.poll(() => page.getByTestId("product-card").count(), { timeout: 10_000 }).toBe(1);
          expect(await page.getByTestId("favourites-guest-note").isVisible()).toBe(true);

          await page.getByTestId("favourites-guest-note").locator("a").tap();
          await page.waitForURL(/\/login/);
          await page.locator("input[name=email]").fill(user.email);
          await page.locator("input[name=password]").fill(PASSWORD);
          await page.locator("form button[type=submit]").last().tap();
          await page.waitForURL(`**/${locale}/favourites`);
          await expect.poll(() => page.getByTestId("product-card").count(), { timeout: 10_000 }).toBe(1);
          expect(await page.getByTestId("favourites-guest-note").count()).toBe(0);
          const rows = await app.db
            .select()
            .from(favourites)
            .where(and(eq(favourites.userId, user.id), eq(favourites.productId, shop.published.id)));
          expect(rows).toHaveLength(1);
          expect((await context.cookies()).some((c) => c.name === "fav" && c.value !== "")).toBe(false);

          // Taken back from the favourites page itself.
          await page.getByTestId("product-card").locator("[data-testid=favourite-button]").tap();
          await expect.poll(() => page.getByTestId("favourites-empty").count(), { timeout: 10_000 }).toBe(1);
          expect(errors).toEqual([]);
        } finally {
          await context.close();
        }
      });
    });

    describe(`the gallery in ${locale}, JavaScript ${javaScript ? "on" : "off"}`, () => {
      it("thumbnails show each photo; a photo opens large for zoom", async () => {
        const context = await phone(javaScript);
        try {
          const page = await context.newPage();
          const errors = watchPage(page);
          await page.goto(`${baseUrl()}/${locale}/products/${shop.published.slug}`);
          if (javaScript) await waitForHydration(page);
          const slides = page.getByTestId("gallery-slide");
          expect(await slides.count()).toBe(3);
          const third = slides.nth(2);
          const inStrip = () =>
            third.evaluate((el) => {
              const strip = el.parentElement!.getBoundingClientRect();
              const r = el.getBoundingClientRect();
              return Math.abs(r.x - strip.x) < 2;
            });
          expect(await inStrip()).toBe(false);
          await page.getByTestId("gallery-thumb").nth(2).tap();
          await expect.poll(inStrip, { timeout: 10_000 }).toBe(true);
          if (javaScript) {
            await expect
              .poll(() => page.getByTestId("gallery-thumb").nth(2).getAttribute("aria-current"), {
                timeout: 10_000,
              })
              .toBe("true");
            // The page itself did not jump to the photo.
            expect(new URL(page.url()).hash).toBe("");
            await third.getByTestId("gallery-zoom").tap();
            const dialog = page.getByTestId("zoom-dialog");
            await expect
              .poll(() => dialog.evaluate((d: HTMLDialogElement) => d.open), { timeout: 10_000 })
              .toBe(true);
            const img = page.getByTestId("zoom-image");
            await expect
              .poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0), {
                timeout: 20_000,
              })
              .toBe(true);
            expect(await img.getAttribute("alt")).toBe(locale === "ar" ? "صورة 3 للطبق" : "Vue 3 du plat");
            const fitted = (await img.boundingBox())!.width;
            await page.getByTestId("zoom-toggle").tap();
            await expect
              .poll(async () => (await img.boundingBox())!.width, { timeout: 10_000 })
              .toBeGreaterThan(fitted);
            await screenshot(page, `trust-${locale}-zoom`);
            await page.getByTestId("zoom-close").tap();
            await expect
              .poll(() => dialog.evaluate((d: HTMLDialogElement) => d.open), { timeout: 10_000 })
              .toBe(false);
          } else {
            const href = (await third.getByTestId("gallery-zoom").getAttribute("href"))!;
            expect(href).toMatch(/^\/media\/[0-9a-f]+-\d+\.jpg$/);
            const response = await page.goto(`${baseUrl()}${href}`);
            expect(response?.headers()["content-type"]).toBe("image/jpeg");
          }
          expect(errors).toEqual([]);
        } finally {
          await context.close();
        }
      });
    });
  }
}
