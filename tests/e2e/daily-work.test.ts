/**
 * The daily work of a cooperative and of chamber staff, in the browser on a phone-sized
 * screen (360 px): a member restocks a published listing and it is on sale at once, while a
 * text change waits for the chamber; the buyer and the cooperative read the same order
 * reference; staff read the audit log as sentences whose links lead to their objects, in
 * Arabic and French. axe finds no serious violation; the new parts fit the screen.
 */
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { createProduct } from "#db/factories";
import { images, orders, productImages, products, shopOrders } from "#db/schema";
import { partReference } from "~/models/order-reference";
import {
  launchBrowser,
  screenshot,
  seriousAxeViolations,
  watchPage,
  type BrowserSession,
} from "../support/browser";
import { Client, orderTokenFrom } from "../support/client";
import { openAppDatabase } from "../support/db";
import { signInToBackOffice } from "../support/sign-in";
import { makeMember, makeUser } from "../support/fixtures";
import { baseUrl } from "../support/http";
import { createShop } from "../support/shops";

let app: DatabaseHandle;
beforeAll(() => {
  app = openAppDatabase();
});
afterAll(async () => {
  await app?.close();
});

const PHONE = { width: 360, height: 740 };

const signIn = (browser: BrowserSession, locale: "ar" | "fr", email: string, to: string) =>
  signInToBackOffice(browser, locale, email, to, PHONE);

async function expectAccessible(page: Page, name: string) {
  const violations = await seriousAxeViolations(page);
  expect(violations, `${name}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

/** The element is laid out within the phone's width (nothing sticks out sideways). */
async function expectFitsScreen(page: Page, testId: string) {
  const box = await page
    .getByTestId(testId)
    .first()
    .evaluate((el) => {
      const r = el.getBoundingClientRect();
      return {
        start: Math.min(r.left, r.right),
        end: Math.max(r.left, r.right),
        viewport: document.documentElement.clientWidth,
      };
    });
  expect(box.start, testId).toBeGreaterThanOrEqual(0);
  expect(box.end, testId).toBeLessThanOrEqual(box.viewport);
}

describe("a cooperative's day, on a phone", () => {
  it("restocks a published listing (on sale at once) while a text change waits for the chamber", async () => {
    const shop = await createShop(app.db, { label: "e2e-daily", backOffice: true });
    const [{ id: imageId }] = await app.db.select({ id: images.id }).from(images).limit(1);
    await app.db.insert(productImages).values({ productId: shop.published.id, imageId, position: 0 });
    await app.db
      .update(products)
      .set({ stock: 0, title: { fr: "Plat à restocker", ar: "طبق للتزويد" } })
      .where(eq(products.id, shop.published.id));
    const browser = await launchBrowser();
    const buyerBrowser = await launchBrowser({ javaScriptEnabled: false });
    try {
      const page = await signIn(browser, "fr", shop.owner.email, `/fr/shop/listings/${shop.published.id}`);
      const errors = watchPage(page);
      expect(await page.getByTestId("listing-banner").getAttribute("data-state")).toBe("published");
      await expectFitsScreen(page, "listing-banner");
      await expectAccessible(page, "fr listing on sale");

      await page.locator("#field-stock").fill("4");
      await page.locator("#field-title_fr").fill("Plat à restocker, bleu de Fès");
      await page.locator("form.listing-form button[type=submit]").click();
      await page.waitForURL(/notice=savedNotSent/);
      await expect
        .poll(() => page.getByTestId("listing-banner").getAttribute("data-state"))
        .toBe("changesNotSent");
      expect(await page.locator("#field-title_ar-hint").textContent()).toContain(
        "ce texte arabe est maintenant plus ancien",
      );
      await screenshot(page, "fr-shop-listing-changes-not-sent-360");
      await expectAccessible(page, "fr listing with changes not sent");

      // The buyer (no JavaScript, no session): the new stock at once, the old title still.
      const buyer = await buyerBrowser.context.newPage();
      await buyer.setViewportSize(PHONE);
      await buyer.goto(`${baseUrl()}/fr/products/${shop.published.slug}`);
      expect(await buyer.getByTestId("stock").textContent()).toBe("En stock");
      expect(await buyer.locator("h1").textContent()).toBe("Plat à restocker");

      // The one action: send the changes; the banner follows.
      await page.getByTestId("banner-action").click();
      await page.waitForURL(/notice=submitted/);
      await expect
        .poll(() => page.getByTestId("listing-banner").getAttribute("data-state"))
        .toBe("changesInReview");
      await buyer.reload();
      expect(await buyer.locator("h1").textContent()).toBe("Plat à restocker");
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
      await buyerBrowser.close();
    }
  });

  it("shows the buyer and the cooperative the same order reference, and the order to confirm on the shop's to do", async () => {
    const a = await createShop(app.db, { products: [{ stock: 6, priceCentimes: 9_000 }] });
    const b = await createShop(app.db, { products: [{ stock: 6, priceCentimes: 18_000 }] });
    const owner = await makeMember(app.db, b.coop.id, "owner", "e2e-ref-owner");
    const client = new Client();
    await client.post("/ar/cart", { intent: "add", productId: a.products[0].id, quantity: 1 });
    await client.post("/ar/cart", { intent: "add", productId: b.products[0].id, quantity: 1 });
    const placed = await client.post("/ar/checkout", {
      name: "سلمى",
      email: `e2e-ref-${Date.now().toString(36)}@example.ma`,
      phone: "0661234567",
      country: "MA",
      city: "فاس",
      line1: "12 درب سيدي أحمد",
      paymentMethod: "cod",
    });
    const token = orderTokenFrom(placed.res.headers.get("location"));
    const [order] = await app.db.select().from(orders).where(eq(orders.token, token));
    const parts = (await app.db.select().from(shopOrders).where(eq(shopOrders.orderId, order.id))).sort(
      (x, y) => x.id - y.id,
    );
    const partOfB = parts.find((p) => p.cooperativeId === b.coop.id)!;
    const refB = partReference(order, parts.indexOf(partOfB));

    const buyerBrowser = await launchBrowser();
    const shopBrowser = await launchBrowser();
    try {
      const buyer = await buyerBrowser.context.newPage();
      await buyer.setViewportSize(PHONE);
      await buyer.goto(`${baseUrl()}/ar/orders/${token}`);
      const buyerParts = await buyer.getByTestId("part-reference").allTextContents();
      expect(buyerParts.some((text) => text.includes(refB))).toBe(true);

      const page = await signIn(shopBrowser, "ar", owner.email, "/ar/shop");
      const errors = watchPage(page);
      expect(await page.getByTestId("todo-toConfirm").getAttribute("data-count")).toBe("1");
      await expectFitsScreen(page, "todo-toConfirm");
      await expectAccessible(page, "ar shop dashboard");
      await screenshot(page, "ar-shop-todo-360");
      await page.getByTestId("todo-toConfirm").getByRole("link").click();
      await page.waitForURL("**/ar/shop/orders");
      const row = page.getByTestId("shop-order-row").filter({ hasText: refB });
      await expect.poll(() => row.count()).toBe(1);
      await row.getByRole("link").click();
      await page.waitForURL(`**/ar/shop/orders/${partOfB.id}`);
      expect(await page.locator("#shop-order-title").textContent()).toContain(refB);
      expect(errors).toEqual([]);
    } finally {
      await buyerBrowser.close();
      await shopBrowser.close();
    }
  });
});

describe("the chamber's audit log, on a phone", () => {
  for (const locale of ["ar", "fr"] as const) {
    it(`reads as sentences with links to their objects (${locale})`, async () => {
      const shop = await createShop(app.db, { label: `e2e-audit-${locale}`, backOffice: true });
      const staff = await makeUser(app.db, { prefix: `e2e-audit-${locale}`, staffRole: "moderator" });
      const [{ id: imageId }] = await app.db.select({ id: images.id }).from(images).limit(1);
      const listing = await createProduct(app.db, {
        cooperativeId: shop.coop.id,
        craftId: shop.craft.id,
        status: "pending",
        publishedAt: null,
        submittedAt: new Date(),
        title: { fr: "Vase bleu", ar: "مزهرية زرقاء" },
      });
      await app.db.insert(productImages).values({ productId: listing.id, imageId, position: 0 });
      const browser = await launchBrowser();
      try {
        const page = await signIn(
          browser,
          locale,
          staff.email,
          `/${locale}/chamber/reviews/listing/${listing.id}`,
        );
        const errors = watchPage(page);
        await page.locator("#field-reason").selectOption("photos");
        await page.locator("#field-note").fill("photos floues");
        await page.locator("form:has(#field-reason) button[type=submit]").click();
        await page.waitForURL(/decided=reject/);

        await page.goto(`${baseUrl()}/${locale}/chamber/audit?cooperative=${shop.coop.id}`);
        const entry = page.locator('[data-testid="audit-entry"][data-action="listing.reject"]');
        const sentence = (await entry.first().getByTestId("audit-sentence").textContent()) ?? "";
        expect(sentence).toBe(
          locale === "fr"
            ? `${staff.name} a refusé « Vase bleu » : Les photos sont floues ou ne montrent pas le produit — photos floues`
            : `رفض «مزهرية زرقاء» من طرف ${staff.name}: الصور غير واضحة أو لا تُظهر المنتج — photos floues`,
        );
        await expectFitsScreen(page, "audit-filters");
        await expectFitsScreen(page, "audit-list");
        await expectAccessible(page, `${locale} audit log`);
        await screenshot(page, `${locale}-chamber-audit-360`);
        await entry.first().getByTestId("audit-object").click();
        await page.waitForURL(`**/${locale}/chamber/reviews/listing/${listing.id}`);
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
      }
    });
  }
});
