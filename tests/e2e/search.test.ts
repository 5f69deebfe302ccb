/**
 * A buyer searches from the header box with JavaScript off and on, in Arabic and French,
 * narrows the results with a facet, and the page stays accessible.
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

/** The number in "12 résultats" / "١٢ نتيجة" / "12 نتيجة". */
function resultCount(text: string | null): number {
  const digits = (text ?? "").replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x660));
  const match = digits.match(/\d+/);
  if (!match) throw new Error(`no count in ${JSON.stringify(text)}`);
  return Number(match[0]);
}

const cases = [
  { locale: "ar", query: "الزَّرْبِيَّة", expected: "زربية" },
  { locale: "fr", query: "babouhces", expected: "Babouches" },
] as const;

describe.each(["without", "with"] as const)("search %s JavaScript", (mode) => {
  it.each(cases)(
    "finds listings from the header box in $locale and filters them",
    async ({ locale, query, expected }) => {
      const session = mode === "with" ? browser : noJs;
      const page = await session.context.newPage();
      const errors = watchPage(page);
      await page.goto(`${baseUrl()}/${locale}/crafts/pottery`);
      if (mode === "with") await waitForHydration(page);
      await page.locator("#header-q").fill(query);
      await page.locator("#header-q").press("Enter");
      await page.waitForURL(
        (url) => url.pathname === `/${locale}/search` && url.searchParams.get("q") === query,
      );
      // The craft page has a result count too: wait for the search page's own filters.
      await page.locator(".search__filters").waitFor();
      await page.getByTestId("result-count").waitFor();
      await expect.poll(() => page.getByTestId("product-card").count()).toBeGreaterThan(0);
      const firstTitle = await page.locator(".product-card__title").first().textContent();
      expect(firstTitle).toContain(expected);
      const count = await page.getByTestId("result-count").textContent();

      // Narrow to in-stock listings: the count follows, the URL keeps the filter.
      await page.locator("#f-stock").check();
      await page.locator(".search__filters button[type=submit]").click();
      await page.waitForURL((url) => url.searchParams.get("stock") === "1");
      // With JavaScript the URL changes a moment before React draws the new list: wait for the
      // sold-out cards to go (a filter that does not work leaves them, and this times out).
      await expect.poll(() => page.locator("[data-testid=product-card] .badge--muted").count()).toBe(0);
      const countAfter = await page.getByTestId("result-count").textContent();
      // Only in-stock cards remain, and the count is the filtered one (never above the first).
      expect(resultCount(countAfter)).toBeGreaterThan(0);
      expect(resultCount(countAfter)).toBeLessThanOrEqual(resultCount(count));
      expect(await page.getByTestId("product-card").count()).toBeGreaterThan(0);
      expect(new URL(page.url()).searchParams.get("q")).toBe(query);
      if (mode === "with") {
        // axe runs in the page: only with JavaScript on.
        const violations = await seriousAxeViolations(page);
        expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
        await screenshot(page, `${locale}-search`);
      }
      expect(errors).toEqual([]);
      await page.close();
    },
  );
});
