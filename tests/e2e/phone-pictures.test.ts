/**
 * Pictures keep their shape on a 360 px phone: the cooperative's round logo beside its name on
 * a product page ("made by") and on the cooperative's own page is drawn at its full size, not
 * squeezed by the name beside it (Lighthouse's "image-aspect-ratio" audit failed on it, best
 * practices 96), and no picture of either page is drawn at another aspect ratio than its own;
 * in Arabic, French and English, with no console error.
 */
import { and, asc, eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { DatabaseHandle } from "#db/client";
import { cooperatives, products } from "#db/schema";
import { launchSharedBrowser, waitForHydration, watchPage } from "../support/browser";
import { openAppDatabase } from "../support/db";
import { baseUrl } from "../support/http";
import { openScreen, SCREENS } from "../support/phone";

let app: DatabaseHandle;
let browser: Browser;
let product = "";
let cooperative = "";
const phone = SCREENS.find((s) => s.width === 360)!;

beforeAll(async () => {
  app = openAppDatabase();
  browser = await launchSharedBrowser();
  // A seeded listing whose cooperative has a logo (and a long name: "Coopérative … de tissage").
  const [row] = await app.db
    .select({ product: products.slug, cooperative: cooperatives.slug })
    .from(products)
    .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
    .where(
      and(
        eq(products.status, "published"),
        eq(cooperatives.status, "verified"),
        isNotNull(cooperatives.logoImageId),
      ),
    )
    .orderBy(asc(products.id))
    .limit(1);
  product = row.product;
  cooperative = row.cooperative;
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** The logo's drawn size once loaded, and every loaded picture drawn at another ratio than its own. */
async function shapes(page: Page, logo: string) {
  const img = page.locator(`${logo} img`);
  await img.scrollIntoViewIfNeeded();
  await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0)).toBe(true);
  const box = await img.evaluate((i) => {
    const r = i.getBoundingClientRect();
    return [Math.round(r.width), Math.round(r.height)];
  });
  // As Lighthouse's audit: pictures drawn with object-fit "fill", whose ratio differs by more than 5 %.
  const distorted = await page.evaluate(() =>
    [...document.querySelectorAll("img")]
      .filter((i) => i.complete && i.naturalWidth > 0 && getComputedStyle(i).objectFit === "fill")
      .map((i) => ({ i, r: i.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 1 && r.height > 1)
      .filter(({ i, r }) => {
        const natural = i.naturalWidth / i.naturalHeight;
        return Math.abs(r.width / r.height - natural) / natural > 0.05;
      })
      .map(({ i, r }) => `${i.currentSrc.split("/").pop()} ${Math.round(r.width)}×${Math.round(r.height)}`),
  );
  return { box, distorted };
}

describe("pictures keep their shape on a 360 px phone", () => {
  for (const locale of ["ar", "fr", "en"] as const) {
    it(`${locale}: the maker's logo on a product page, and the cooperative's on its page`, async () => {
      const context = await openScreen(browser, phone);
      try {
        const page = await context.newPage();
        const errors = watchPage(page);
        await page.goto(`${baseUrl()}/${locale}/products/${product}`);
        await waitForHydration(page);
        expect(await shapes(page, ".coop-box__logo")).toEqual({ box: [64, 64], distorted: [] });
        await page.goto(`${baseUrl()}/${locale}/cooperatives/${cooperative}`);
        await waitForHydration(page);
        expect(await shapes(page, ".coop-hero__logo")).toEqual({ box: [96, 96], distorted: [] });
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
