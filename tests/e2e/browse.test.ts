/**
 * A buyer walks home → craft → product → cooperative in Arabic and in French, with
 * JavaScript on and off; the layout mirrors between the two; axe finds no serious
 * violation on any page; screenshots are saved under test-results/screenshots.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl } from "../support/http";
import {
  launchBrowser,
  screenshot,
  seriousAxeViolations,
  waitForHydration,
  watchPage,
  type BrowserSession,
} from "../support/browser";

let browser: BrowserSession;
let noJs: BrowserSession;

beforeAll(async () => {
  [browser, noJs] = await Promise.all([launchBrowser(), launchBrowser({ javaScriptEnabled: false })]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), noJs?.close()]);
});

type Box = { x: number; y: number; width: number; height: number };
const centreX = (b: Box) => b.x + b.width / 2;

for (const locale of ["ar", "fr"] as const) {
  const dir = locale === "ar" ? "rtl" : "ltr";

  describe(`browsing in ${locale}`, () => {
    it("walks home → craft → product → cooperative, mirrored, accessible", async () => {
      const page = await browser.context.newPage();
      const errors = watchPage(page);
      const visited: string[] = [];
      const check = async (name: string) => {
        await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe(dir);
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale);
        const violations = await seriousAxeViolations(page);
        expect(violations, `${locale}/${name}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
        await screenshot(page, `${locale}-${name}`);
        visited.push(new URL(page.url()).pathname);
      };

      await page.goto(`${baseUrl()}/${locale}`);
      await waitForHydration(page);
      await check("home");
      // The logo sits at the start side: right in Arabic, left in French.
      const brand = (await page.getByTestId("brand").boundingBox())!;
      const width = page.viewportSize()!.width;
      if (locale === "ar") expect(centreX(brand)).toBeGreaterThan(width / 2);
      else expect(centreX(brand)).toBeLessThan(width / 2);

      await page.locator(".craft-tile[data-craft='pottery']").click();
      await page.waitForURL(`**/${locale}/crafts/pottery`);
      await expect.poll(() => page.getByTestId("product-card").count()).toBeGreaterThan(0);
      await check("craft");

      await page.getByTestId("product-card").first().locator("a").first().click();
      await page.waitForURL(`**/${locale}/products/**`);
      await page.getByTestId("price").waitFor();
      await check("product");
      // The gallery is at the start side of the price: mirrored between the languages.
      const gallery = (await page.getByTestId("gallery").boundingBox())!;
      const price = (await page.getByTestId("price").boundingBox())!;
      if (locale === "ar") expect(centreX(gallery)).toBeGreaterThan(centreX(price));
      else expect(centreX(gallery)).toBeLessThan(centreX(price));
      // The cover picture was actually loaded (decoded), in a modern format.
      const cover = page.locator(".product__cover img");
      await expect
        .poll(() => cover.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
        .toBe(true);
      expect(await cover.evaluate((img: HTMLImageElement) => img.currentSrc)).toMatch(/\.(avif|webp)$/);

      await page.locator(".coop-box h2 a").click();
      await page.waitForURL(`**/${locale}/cooperatives/**`);
      await page.getByTestId("member-count").waitFor();
      await check("cooperative");

      // The language switcher keeps the page.
      const other = locale === "ar" ? "fr" : "ar";
      const coopPath = new URL(page.url()).pathname;
      await page.getByTestId(`switch-${other}`).click();
      await page.waitForURL(`**/${other}/cooperatives/**`);
      expect(new URL(page.url()).pathname).toBe(coopPath.replace(`/${locale}/`, `/${other}/`));
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(other);

      expect(visited).toHaveLength(4);
      expect(errors).toEqual([]);
      await page.close();
    });

    it("works with JavaScript off", async () => {
      const page = await noJs.context.newPage();
      await page.goto(`${baseUrl()}/${locale}`);
      await page.locator(".craft-tile[data-craft='carpets']").click();
      await page.waitForURL(`**/${locale}/crafts/carpets`);
      // Sorting is a plain GET form.
      await page.locator("#sort").selectOption("price_asc");
      await page.locator(".toolbar button[type=submit]").click();
      await page.waitForURL(/sort=price_asc/);
      const prices = await page.locator(".product-card__price .money").allTextContents();
      expect(prices.length).toBeGreaterThan(1);
      await page.getByTestId("product-card").first().locator("a").first().click();
      await page.waitForURL(`**/${locale}/products/**`);
      await expect.poll(() => page.getByTestId("price").isVisible()).toBe(true);
      await page.locator(".coop-box h2 a").click();
      await page.waitForURL(`**/${locale}/cooperatives/**`);
      expect(await page.getByTestId("member-count").textContent()).not.toBe("");
      await page.close();
    });

    it("shows a 404 page in the locale's language and direction", async () => {
      const page = await browser.context.newPage();
      const response = await page.goto(`${baseUrl()}/${locale}/products/does-not-exist`);
      expect(response?.status()).toBe(404);
      expect(await page.evaluate(() => document.documentElement.dir)).toBe(dir);
      await expect
        .poll(() => page.locator("h1").textContent())
        .toBe(locale === "ar" ? "الصفحة غير موجودة" : "Page introuvable");
      const violations = await seriousAxeViolations(page);
      expect(violations).toEqual([]);
      await screenshot(page, `${locale}-404`);
      await page.close();
    });
  });
}
