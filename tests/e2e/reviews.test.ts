/**
 * Verified reviews in the browser, end to end, in Arabic and French at phone width (issue 17,
 * decision 019): a cooperative delivers its part of an order → the buyer opens the order page,
 * follows the link, rates and writes → the chamber approves it from the review queue → the
 * product page shows it with "achat vérifié", the average and the count. axe finds no serious
 * violation on the pages on the way.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { DatabaseHandle } from "#db/client";
import { shopOrders } from "#db/schema";
import {
  launchSharedBrowser,
  screenshot,
  seriousAxeViolations,
  waitForHydration,
  watchPage,
} from "../support/browser";
import { openAppDatabase } from "../support/db";
import { makeUser, signIn } from "../support/fixtures";
import { baseUrl } from "../support/http";
import { openScreen, SCREENS } from "../support/phone";
import { deliveredOrder, writtenReview } from "../support/reviews";
import { createShop } from "../support/shops";

let app: DatabaseHandle;
let browser: Browser;

beforeAll(async () => {
  app = openAppDatabase();
  browser = await launchSharedBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const phone = SCREENS.find((s) => s.width === 360)!;

const words = {
  fr: {
    review: "Très belle pièce, les couleurs sont encore plus belles en vrai.",
    submit: "Envoyer mon avis",
    thanks: "Merci ! Votre avis sera publié",
    approve: "Publier l'avis",
    verified: "Achat vérifié",
    average: "4,5 sur 5",
    count: "2 avis",
  },
  ar: {
    review: "قطعة جميلة جدًا، والألوان أجمل في الواقع.",
    submit: "إرسال رأيي",
    thanks: "شكرًا! سيُنشر رأيك",
    approve: "نشر الرأي",
    verified: "شراء موثَّق",
    average: "4,5 من 5",
    count: "رأيان",
  },
} as const;

async function noSeriousViolations(page: Page) {
  expect(await seriousAxeViolations(page)).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
}

for (const locale of ["fr", "ar"] as const) {
  describe(`the review flow in ${locale}`, () => {
    it("order → delivered → review → moderated → shown with the average", async () => {
      const w = words[locale];
      const shop = await createShop(app.db, {
        products: [{ stock: 20, priceCentimes: 38_000, title: { ar: "طبق للتقييم", fr: "Plat à noter" } }],
      });
      const product = shop.products[0];
      // An earlier buyer's approved review (5 stars): the average will be of two.
      await writtenReview(app.db, product.id, { rating: 5, body: "Parfait, arrivé en deux jours." });
      const order = await deliveredOrder(app.db, [product.id], { deliver: false, locale });
      const [part] = await app.db.select().from(shopOrders).where(eq(shopOrders.orderId, order.id));

      // The cooperative delivers its part from its back office.
      const ownerContext = await openScreen(browser, phone, (await signIn(app.db, shop.owner.id)).token);
      try {
        const page = await ownerContext.newPage();
        for (const intent of ["confirm", "ship", "deliver"]) {
          // Each step's form posts to the part's page (the page itself is tested elsewhere).
          const res = await page.request.post(`${baseUrl()}/${locale}/shop/orders/${part.id}`, {
            form:
              intent === "ship" ? { intent, carrier: "Amana", trackingNumber: "AM987654321MA" } : { intent },
            headers: { Origin: baseUrl() },
            maxRedirects: 0,
          });
          expect(res.status()).toBe(302);
        }
      } finally {
        await ownerContext.close();
      }

      // The buyer, on a phone: the order page links the review form.
      const buyerContext = await openScreen(browser, phone);
      try {
        const page = await buyerContext.newPage();
        const errors = watchPage(page);
        await page.goto(`${baseUrl()}/${locale}/orders/${order.token}`);
        await waitForHydration(page);
        await page.locator('[data-testid="review-link"]').first().tap();
        await page.waitForURL(`**/${locale}/orders/${order.token}/review/${product.id}`);
        await page.locator('[data-testid="review-form"]').waitFor();
        await noSeriousViolations(page);
        await page.locator('input[name="rating"][value="4"]').check();
        await page.locator("#field-body").fill(w.review);
        await screenshot(page, `${locale}-review-form`);
        await page.getByRole("button", { name: w.submit }).tap();
        await page.waitForURL(`**/${locale}/orders/${order.token}?reviewed=1`);
        await expect
          .poll(() => page.locator('[data-testid="review-thanks"]').textContent())
          .toContain(w.thanks);
        expect(await page.locator('[data-testid="review-state"]').getAttribute("data-status")).toBe(
          "pending",
        );
        expect(errors).toEqual([]);
      } finally {
        await buyerContext.close();
      }

      // The chamber, from the review queue.
      const moderator = await makeUser(app.db, {
        prefix: `e2e-review-mod-${locale}`,
        staffRole: "moderator",
      });
      const staffContext = await openScreen(browser, phone, (await signIn(app.db, moderator.id)).token);
      try {
        const page = await staffContext.newPage();
        const errors = watchPage(page);
        await page.goto(`${baseUrl()}/${locale}/chamber/reviews?cooperative=${shop.coop.slug}`);
        await waitForHydration(page);
        await page.locator(`a[href*="/chamber/reviews/buyer/"]`).first().tap();
        await page.waitForURL(`**/${locale}/chamber/reviews/buyer/*`);
        await page.locator('[data-testid="buyer-review"]').waitFor();
        expect(await page.locator('[data-testid="buyer-review"] blockquote').textContent()).toBe(w.review);
        await noSeriousViolations(page);
        await screenshot(page, `${locale}-chamber-buyer-review`);
        await page.getByRole("button", { name: w.approve }).tap();
        await page.waitForURL(/\/chamber\/reviews\?decided=approve/);
        expect(errors).toEqual([]);
      } finally {
        await staffContext.close();
      }

      // Anyone: the product page shows it, verified, with the average and the count.
      const visitorContext = await openScreen(browser, phone);
      try {
        const page = await visitorContext.newPage();
        const errors = watchPage(page);
        await page.goto(`${baseUrl()}/${locale}/products/${product.slug}`);
        await waitForHydration(page);
        const reviews = page.locator('[data-testid="reviews"]');
        await expect.poll(() => reviews.locator('[data-testid="review"]').count()).toBe(2);
        expect(await reviews.textContent()).toContain(w.review);
        expect(await reviews.locator('[data-testid="verified-purchase"]').first().textContent()).toContain(
          w.verified,
        );
        expect(await page.locator('[data-testid="rating-average"]').first().textContent()).toBe(w.average);
        expect(await page.locator('[data-testid="rating-count"]').first().textContent()).toContain(w.count);
        await noSeriousViolations(page);
        await screenshot(page, `${locale}-product-reviews`);
        expect(errors).toEqual([]);
      } finally {
        await visitorContext.close();
      }
    });
  });
}
