/**
 * Moderation in the browser: chamber staff reject a listing with a reason in French; the
 * cooperative member reads it in Arabic, fixes it and sends it again; staff approve it;
 * it appears on its craft page. axe finds no serious violation on the chamber pages.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { createProduct } from "#db/factories";
import { images, productImages, products, refunds } from "#db/schema";
import { placeOrder } from "~/models/checkout.server";
import { launchBrowser, screenshot, seriousAxeViolations, watchPage } from "../support/browser";
import { openAppDatabase } from "../support/db";
import { signInToBackOffice } from "../support/sign-in";
import { makeUser } from "../support/fixtures";
import { baseUrl } from "../support/http";
import { buyer, createShop } from "../support/shops";

let app: DatabaseHandle;
beforeAll(() => {
  app = openAppDatabase();
});
afterAll(async () => {
  await app?.close();
});

describe("moderation, end to end", () => {
  it("reject in French → fix in Arabic → approve → on the craft page", async () => {
    const shop = await createShop(app.db, { label: "moderation-e2e", backOffice: true });
    const staff = await makeUser(app.db, { prefix: "e2e-moderator", staffRole: "moderator" });
    const [{ id: imageId }] = await app.db.select({ id: images.id }).from(images).limit(1);
    const listing = await createProduct(app.db, {
      cooperativeId: shop.coop.id,
      craftId: shop.craft.id,
      status: "pending",
      publishedAt: null,
      submittedAt: new Date(),
      title: { ar: "قفة من الدوم", fr: "Panier en doum" },
      description: { ar: "قفة", fr: "Panier" },
    });
    await app.db.insert(productImages).values({ productId: listing.id, imageId, position: 0 });

    const staffBrowser = await launchBrowser();
    const memberBrowser = await launchBrowser();
    try {
      // Staff, in French: the queue, the review page, a rejection with a reason.
      const staffPage = await signInToBackOffice(staffBrowser, "fr", staff.email, "/fr/chamber/reviews");
      const staffErrors = watchPage(staffPage);
      expect(await seriousAxeViolations(staffPage)).toEqual([]);
      await staffPage.getByRole("link", { name: "Panier en doum" }).click();
      await staffPage.waitForURL(`**/fr/chamber/reviews/listing/${listing.id}`);
      expect(await seriousAxeViolations(staffPage)).toEqual([]);
      await screenshot(staffPage, "fr-chamber-review");
      await staffPage.locator("#field-reason").selectOption("description");
      await staffPage.locator("#field-note").fill("Précisez les dimensions et la provenance du doum.");
      await staffPage.getByRole("button", { name: "Refuser" }).click();
      await staffPage.waitForURL(/\/fr\/chamber\/reviews\?decided=reject/);

      // The member, in Arabic: reads the reason, fixes, resubmits.
      const memberPage = await signInToBackOffice(memberBrowser, "ar", shop.owner.email, "/ar/shop");
      const memberErrors = watchPage(memberPage);
      await memberPage.goto(`${baseUrl()}/ar/shop/listings/${listing.id}`);
      await expect.poll(() => memberPage.getByTestId("listing-status").textContent()).toBe("مرفوض");
      expect(await memberPage.getByTestId("review-note").textContent()).toContain("Précisez les dimensions");
      expect(await memberPage.getByTestId("review-note").textContent()).toContain("الوصف ناقص أو غير دقيق");
      await screenshot(memberPage, "ar-shop-rejected");
      await memberPage
        .locator("#field-description_fr")
        .fill("Panier tressé en feuilles de doum de Moulay Yacoub, 40 × 30 cm.");
      await memberPage.locator("#field-width").fill("40");
      await memberPage.locator("form.listing-form button[type=submit]").click();
      await memberPage.waitForURL(/notice=saved/);
      await memberPage.getByRole("button", { name: "إرسال إلى المراجعة" }).click();
      await memberPage.waitForURL(/notice=submitted/);
      await expect.poll(() => memberPage.getByTestId("listing-status").textContent()).toBe("قيد المراجعة");

      // Staff approve.
      await staffPage.goto(`${baseUrl()}/fr/chamber/reviews/listing/${listing.id}`);
      await staffPage.getByRole("button", { name: "Approuver et publier" }).click();
      await staffPage.waitForURL(/decided=approve/);

      // On the craft page for buyers.
      const buyerPage = await memberBrowser.context.newPage();
      await buyerPage.goto(`${baseUrl()}/fr/crafts/${shop.craft.slug}`);
      const card = buyerPage.getByTestId("product-card").filter({ hasText: "Panier en doum" });
      expect(await card.count()).toBe(1);
      const [row] = await app.db.select().from(products).where(eq(products.id, listing.id));
      expect(row.status).toBe("published");
      expect(row.widthMm).toBe(400);
      expect(staffErrors).toEqual([]);
      expect(memberErrors).toEqual([]);
    } finally {
      await staffBrowser.close();
      await memberBrowser.close();
    }
  });

  it("shows the region dashboard with charts and tables in Arabic, accessible", async () => {
    const admin = await makeUser(app.db, { prefix: "e2e-admin", staffRole: "admin" });
    // A refund Stripe refused, so the payouts page shows its table and mark form to axe.
    const shop = await createShop(app.db, { products: [{ stock: 3, priceCentimes: 10_000 }] });
    const placed = await placeOrder(app.db, {
      lines: [{ productId: shop.products[0].id, quantity: 1 }],
      buyer: buyer(),
      locale: "ar",
      cardEnabled: false,
    });
    if (!placed.ok) throw new Error(JSON.stringify(placed.error));
    await app.db.insert(refunds).values({
      orderId: placed.order.id,
      reason: "paid_after_cancellation",
      amountCentimes: 10_000,
      status: "failed",
      attempts: 1,
      lastError: "This charge cannot be refunded",
    });
    const browser = await launchBrowser();
    try {
      const page = await signInToBackOffice(browser, "ar", admin.email, "/ar/chamber");
      expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
      await expect.poll(() => page.locator("figure.chart").count()).toBe(4);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await screenshot(page, "ar-chamber-dashboard");
      for (const path of [
        "/ar/chamber/cooperatives",
        "/ar/chamber/audit",
        "/ar/chamber/payouts",
        "/ar/chamber/settings",
        "/ar/chamber/crafts",
      ]) {
        await page.goto(`${baseUrl()}${path}`);
        if (path.endsWith("/payouts")) await page.getByTestId("stuck-refunds").waitFor();
        const violations = await seriousAxeViolations(page);
        expect(violations, `${path}: ${JSON.stringify(violations)}`).toEqual([]);
      }
    } finally {
      await browser.close();
    }
  });
});
