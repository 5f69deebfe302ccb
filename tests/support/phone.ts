/**
 * Every page on a phone: the screens the browser tests visit, and the checks each page
 * must pass there — no wider than the screen, no console or page error (hydration
 * included), no serious or critical axe violation — with a screenshot at 390 px.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { describe, it } from "vitest";
import { screenshot, seriousAxeViolations, watchPage } from "./browser";
import { sessionCookieHeader } from "./fixtures";
import { baseUrl } from "./http";

export type Screen = { name: string; width: number; height: number; mobile: boolean };

export const SCREENS: Screen[] = [
  { name: "360", width: 360, height: 740, mobile: true },
  { name: "390", width: 390, height: 844, mobile: true },
  { name: "1366", width: 1366, height: 900, mobile: false },
];

export const LOCALES = ["ar", "fr"] as const;

/** A context with the screen's size; phones as phones (touch, mobile viewport, 3x pixels). */
export async function openScreen(
  browser: Browser,
  screen: Screen,
  sessionToken?: string,
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: screen.width, height: screen.height },
    isMobile: screen.mobile,
    hasTouch: screen.mobile,
    deviceScaleFactor: screen.mobile ? 2 : 1,
  });
  if (sessionToken) {
    const [name, value] = sessionCookieHeader(sessionToken).split("=");
    await context.addCookies([{ name, value, url: baseUrl() }]);
  }
  return context;
}

/**
 * Opens `path` and returns what is wrong with it on this screen (an empty list when all is
 * well). The width is compared with the device's width in CSS pixels: with mobile emulation,
 * innerWidth grows with content that overflows, the screen does not.
 */
export async function problemsOf(
  page: Page,
  errors: string[],
  screen: Screen,
  path: string,
  shot: string,
): Promise<string[]> {
  const seenBefore = errors.length;
  const response = await page.goto(`${baseUrl()}${path}`);
  const problems: string[] = [];
  if (!response || response.status() >= 400) problems.push(`${path}: HTTP ${response?.status()}`);
  await page.waitForLoadState("load");
  // Hydration errors are reported once React has run: wait for it where scripts run.
  await page
    .waitForFunction(() => document.documentElement.dataset.hydrated === "true", null, { timeout: 15_000 })
    .catch(() => problems.push(`${path}: never hydrated`));
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  if (width > screen.width) {
    const wide = await page.evaluate((w) => {
      return [...document.querySelectorAll("body *")]
        .filter((e) => {
          const r = e.getBoundingClientRect();
          return r.width > 0 && (r.right > w + 1 || r.left < -1);
        })
        .slice(-3)
        .map((e) => `${e.tagName.toLowerCase()}.${String(e.className).split(" ")[0]}`);
    }, screen.width);
    problems.push(`${path}: ${width} px wide on a ${screen.width} px screen (${wide.join(", ")})`);
  }
  for (const v of await seriousAxeViolations(page))
    problems.push(
      `${path}: axe ${v.id} (${v.impact}) ${v.nodes
        .map((n) => n.target.join(" "))
        .slice(0, 3)
        .join(" | ")}`,
    );
  if (screen.name === "390") await screenshot(page, shot);
  for (const e of errors.slice(seenBefore)) problems.push(`${path}: console: ${e.slice(0, 300)}`);
  return problems;
}

/** Adds a product to the context's cart, as the product page's form does. */
export async function addToCart(context: BrowserContext, locale: string, productId: number, quantity = 1) {
  const response = await context.request.post(`${baseUrl()}/${locale}/cart`, {
    form: { intent: "add", productId: String(productId), quantity: String(quantity) },
    headers: { Origin: baseUrl() },
    maxRedirects: 0,
  });
  if (response.status() !== 302) throw new Error(`adding to the cart answered ${response.status()}`);
}

/** Visits each page on each screen in each language; returns every problem found. */
export async function visitAll(
  browser: Browser,
  options: {
    role: string;
    locale: (typeof LOCALES)[number];
    screen: Screen;
    sessionToken?: string;
    pages: { name: string; path: string }[];
    /** Runs in the fresh context before the visits (fills a cart, for instance). */
    prepare?: (context: BrowserContext) => Promise<void>;
  },
): Promise<{ problems: string[]; visited: string[] }> {
  const context = await openScreen(browser, options.screen, options.sessionToken);
  const problems: string[] = [];
  const visited: string[] = [];
  try {
    await options.prepare?.(context);
    // One tab for all the visits, as a person would browse (and quicker than a tab each).
    const page = await context.newPage();
    const errors = watchPage(page);
    for (const p of options.pages) {
      const path = `/${options.locale}${p.path}`;
      problems.push(
        ...(await problemsOf(
          page,
          errors,
          options.screen,
          path,
          `phone-${options.role}-${options.locale}-${p.name}`,
        )),
      );
      visited.push(new URL(page.url()).pathname);
    }
  } finally {
    await context.close();
  }
  return { problems, visited };
}

/**
 * One test a locale and a screen, all under `title`: `check` visits the pages (`visitAll`)
 * and expects no page wider than the screen, no error and no serious axe violation.
 */
export function onEveryScreen(
  title: string,
  check: (locale: (typeof LOCALES)[number], screen: Screen) => Promise<void>,
) {
  describe(title, () => {
    for (const locale of LOCALES) {
      for (const screen of SCREENS) {
        it(`${locale} at ${screen.width}×${screen.height}: no page wider than the screen, no error, accessible`, () =>
          check(locale, screen));
      }
    }
  });
}
