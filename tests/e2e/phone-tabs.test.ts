/**
 * The back offices' tab rows on a 360 px phone, in Arabic (right to left) and French: the row
 * scrolls sideways inside itself, and a page whose tab is far along the row opens with that
 * tab in view — with JavaScript, and without it where the browser can (CSS alone) — while
 * the page itself stays where it is.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import type { DatabaseHandle } from "#db/client";
import { launchSharedBrowser, waitForHydration } from "../support/browser";
import { openAppDatabase } from "../support/db";
import { makeUser, sessionCookieHeader, signIn } from "../support/fixtures";
import { baseUrl } from "../support/http";
import { LOCALES, SCREENS } from "../support/phone";
import { createShop, type Shop } from "../support/shops";

let app: DatabaseHandle;
let browser: Browser;
let shop: Shop;
let ownerToken = "";
let adminToken = "";
const phone = SCREENS.find((s) => s.width === 360)!;

beforeAll(async () => {
  app = openAppDatabase();
  [browser, shop] = await Promise.all([
    launchSharedBrowser(),
    createShop(app.db, { products: [{ stock: 3, priceCentimes: 15_000 }] }),
  ]);
  ownerToken = (await signIn(app.db, shop.owner.id)).token;
  const admin = await makeUser(app.db, { prefix: "tabs-admin", staffRole: "admin" });
  adminToken = (await signIn(app.db, admin.id)).token;
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function openPhone(token: string, javaScriptEnabled: boolean) {
  const context = await browser.newContext({
    viewport: { width: phone.width, height: phone.height },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
    javaScriptEnabled,
  });
  const [name, value] = sessionCookieHeader(token).split("=");
  await context.addCookies([{ name, value, url: baseUrl() }]);
  return context;
}

/** Where the active tab of the row is, and whether the row and the page have scrolled. */
async function activeTab(page: Page) {
  const current = page.locator('nav.tabs a[aria-current="page"]');
  await expect.poll(() => current.count()).toBe(1);
  return placeOf(current);
}

function placeOf(tab: Locator) {
  return tab.evaluate((a) => {
    const r = a.getBoundingClientRect();
    const row = a.parentElement!;
    return {
      inView: r.left >= 0 && r.right <= window.innerWidth,
      rect: [Math.round(r.left), Math.round(r.right), window.innerWidth],
      rowScrolls: row.scrollWidth > row.clientWidth,
      page: [window.scrollX, window.scrollY],
    };
  });
}

const cases = [
  // The owner's last tab, and a chamber admin's; and the first tab's page.
  { who: "shop", token: () => ownerToken, path: "/shop/fairs", first: "/shop" },
  { who: "chamber", token: () => adminToken, path: "/chamber/holidays", first: "/chamber" },
];

describe("the active tab of a back office's tab row is in view on a 360 px phone", () => {
  for (const javaScriptEnabled of [true, false]) {
    for (const locale of LOCALES) {
      for (const c of cases) {
        it(`${c.who} ${c.path}, ${locale}, JavaScript ${javaScriptEnabled ? "on" : "off"}`, async () => {
          const context = await openPhone(c.token(), javaScriptEnabled);
          try {
            const page = await context.newPage();
            const response = await page.goto(`${baseUrl()}/${locale}${c.path}`);
            expect(response?.status()).toBe(200);
            if (javaScriptEnabled) await waitForHydration(page);
            // Far along the row: it starts off screen unless something brings it into view.
            expect((await activeTab(page)).rowScrolls).toBe(true);
            await expect.poll(async () => (await activeTab(page)).inView).toBe(true);
            // The row moved, not the page.
            expect((await activeTab(page)).page).toEqual([0, 0]);
          } finally {
            await context.close();
          }
        });
      }
    }
  }
});

describe("after a navigation in the page (JavaScript), the newly active tab is brought into view", () => {
  for (const locale of LOCALES) {
    for (const c of cases) {
      it(`${c.who}, ${locale}: from the last tab back to the first`, async () => {
        const context = await openPhone(c.token(), true);
        try {
          const page = await context.newPage();
          await page.goto(`${baseUrl()}/${locale}${c.first}`);
          await waitForHydration(page);
          const tabs = page.locator("nav.tabs a");
          // The last tab, clicked: the row scrolls to it, away from the first tab.
          await tabs.last().click();
          await page.waitForURL((url) => url.pathname === `/${locale}${c.path}`);
          await expect.poll(() => tabs.last().getAttribute("aria-current")).toBe("page");
          expect((await placeOf(tabs.first())).inView).toBe(false);
          // Back, in the page: the row stays, the first tab must come back into view.
          await page.goBack();
          await page.waitForURL((url) => url.pathname === `/${locale}${c.first}`);
          await expect.poll(() => tabs.first().getAttribute("aria-current")).toBe("page");
          await expect.poll(async () => (await placeOf(tabs.first())).inView).toBe(true);
          expect((await placeOf(tabs.first())).page).toEqual([0, 0]);
        } finally {
          await context.close();
        }
      });
    }
  }
});
