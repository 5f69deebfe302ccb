/**
 * Phone first, chamber staff: every page a chamber admin can reach (dashboard, review
 * queue, one review, an application, cooperatives and one of them, reports, payouts,
 * audit log, invitations, crafts, settings), in Arabic and French, at 360×740, 390×844 and
 * 1366×900 — no page wider than the screen, no console or page error (no hydration error),
 * no serious axe violation; screenshots at 390 px. A submission whose time was never
 * recorded shows as unknown, not as 1 January 1970; the review's previews use the
 * previewed language's money and stock strings.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { DatabaseHandle } from "#db/client";
import { createProduct } from "#db/factories";
import { auditLog, cooperativeApplications, images, listingReports, productImages } from "#db/schema";
import { formatMoney } from "~/i18n/format";
import { launchSharedBrowser } from "../support/browser";
import { openAppDatabase } from "../support/db";
import { makeUser, signIn } from "../support/fixtures";
import { baseUrl } from "../support/http";
import { LOCALES, onEveryScreen, openScreen, SCREENS, visitAll } from "../support/phone";
import { createShop, type Shop } from "../support/shops";
import { writtenReview } from "../support/reviews";

let app: DatabaseHandle;
let browser: Browser;
let shop: Shop;
let staffToken = "";
let pendingId = 0;
let undatedId = 0;
let applicationId = 0;
let buyerReviewId = 0;

beforeAll(async () => {
  app = openAppDatabase();
  [browser, shop] = await Promise.all([
    launchSharedBrowser(),
    createShop(app.db, { products: [{ stock: 8, priceCentimes: 24_500 }] }),
  ]);
  const [{ id: imageId }] = await app.db.select({ id: images.id }).from(images).limit(1);
  const pending = await createProduct(app.db, {
    cooperativeId: shop.coop.id,
    craftId: shop.products[0].craftId,
    status: "pending",
    publishedAt: null,
    submittedAt: new Date(),
    priceCentimes: 24_500,
    stock: 8,
    title: { ar: "مزهرية من فخار آسفي بنقوش زرقاء", fr: "Vase en céramique de Safi à motifs bleus" },
    description: { ar: "مزهرية مصنوعة يدويًا.", fr: "Hauteur 35 cm, émail au cobalt." },
  });
  pendingId = pending.id;
  // Submitted before submission times were recorded.
  const undated = await createProduct(app.db, {
    cooperativeId: shop.coop.id,
    craftId: shop.products[0].craftId,
    status: "pending",
    publishedAt: null,
    submittedAt: null,
    title: { ar: "طلب قديم بلا تاريخ", fr: "Ancienne demande sans date" },
  });
  undatedId = undated.id;
  await app.db.insert(productImages).values([
    { productId: pending.id, imageId, position: 0 },
    { productId: undated.id, imageId, position: 0 },
  ]);
  const [application] = await app.db
    .insert(cooperativeApplications)
    .values({
      name: "Coopérative Nour pour le tissage traditionnel de Sefrou",
      registrationNumber: `RC-${Date.now()}`,
      provinceSlug: "sefrou",
      city: "Sefrou",
      craftSlugs: ["carpets"],
      contactName: "Khadija Benali",
      contactEmail: "khadija.benali@example.ma",
      contactPhone: "+212 6 61 23 45 67",
      message: "Nous tissons depuis 1998.",
      locale: "fr",
    })
    .returning();
  applicationId = application.id;
  // A buyer's review waiting for the chamber (decision 019).
  buyerReviewId = (
    await writtenReview(app.db, shop.products[0].id, {
      rating: 2,
      body: "La pièce est arrivée avec un petit éclat sur le bord, mais la coopérative a répondu très vite à mon message.",
      publish: false,
      buyerName: "Karim Tazi",
    })
  ).reviewId;
  await app.db.insert(listingReports).values({
    productId: shop.products[0].id,
    reason: "wrong_information",
    note: "Les dimensions annoncées ne correspondent pas à la photo.",
  });
  const admin = await makeUser(app.db, { prefix: "phone-chamber-admin", staffRole: "admin" });
  staffToken = (await signIn(app.db, admin.id)).token;
  // The audit log with a long, mixed-direction entry, as decisions write them.
  await app.db.insert(auditLog).values({
    actorUserId: admin.id,
    action: "cooperative.suspend",
    entityType: "cooperative",
    entityId: String(shop.coop.id),
    reason: "Produits non conformes signalés à plusieurs reprises — منتجات غير مطابقة",
    before: {
      status: "verified",
      commissionRate: "0.10",
      name: { ar: shop.coop.name.ar, fr: shop.coop.name.fr },
    },
    after: {
      status: "suspended",
      commissionRate: "0.10",
      name: { ar: shop.coop.name.ar, fr: shop.coop.name.fr },
    },
  });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const chamberPages = () => [
  { name: "dashboard", path: "/chamber" },
  { name: "reviews", path: "/chamber/reviews" },
  { name: "review", path: `/chamber/reviews/listing/${pendingId}` },
  { name: "buyer-review", path: `/chamber/reviews/buyer/${buyerReviewId}` },
  { name: "policies", path: "/chamber/policies" },
  { name: "policy-edit", path: "/chamber/policies/privacy" },
  { name: "application", path: `/chamber/applications/${applicationId}` },
  { name: "cooperatives", path: "/chamber/cooperatives" },
  { name: "cooperative", path: `/chamber/cooperatives/${shop.coop.id}` },
  { name: "reports", path: "/chamber/reports" },
  { name: "payouts", path: "/chamber/payouts" },
  { name: "audit", path: "/chamber/audit" },
  { name: "invitations", path: "/chamber/invitations" },
  { name: "crafts", path: "/chamber/crafts" },
  { name: "settings", path: "/chamber/settings" },
];

onEveryScreen("chamber staff's pages on a phone and on a desktop", async (locale, screen) => {
  const { problems, visited } = await visitAll(browser, {
    role: "chamber",
    locale,
    screen,
    sessionToken: staffToken,
    pages: chamberPages(),
  });
  expect(problems).toEqual([]);
  expect(visited).toHaveLength(chamberPages().length);
});

describe("the review queue and a review", () => {
  for (const locale of LOCALES) {
    it(`shows an unknown submission time as unknown, not 1970 (${locale})`, async () => {
      const context = await openScreen(browser, SCREENS[1], staffToken);
      try {
        const page = await context.newPage();
        await page.goto(`${baseUrl()}/${locale}/chamber/reviews?cooperative=${shop.coop.slug}`);
        const undated = page
          .getByTestId("queue-row")
          .filter({ has: page.locator(`a[href$="/listing/${undatedId}"]`) });
        await expect
          .poll(() => undated.getByTestId("date-unknown").textContent())
          .toBe(locale === "ar" ? "تاريخ غير معروف" : "date inconnue");
        const dated = page
          .getByTestId("queue-row")
          .filter({ has: page.locator(`a[href$="/listing/${pendingId}"]`) });
        expect(await dated.locator("time").getAttribute("datetime")).toMatch(/^\d{4}-\d{2}-\d{2}T/);
        expect(await page.locator("main").textContent()).not.toContain("1970");
      } finally {
        await context.close();
      }
    });
  }

  it("previews each language with its own money and stock strings, from a French page", async () => {
    const context = await openScreen(browser, SCREENS[2], staffToken);
    try {
      const page = await context.newPage();
      await page.goto(`${baseUrl()}/fr/chamber/reviews/listing/${pendingId}`);
      const arabic = page.locator("article.preview[lang=ar]");
      const french = page.locator("article.preview[lang=fr]");
      expect(await arabic.getAttribute("dir")).toBe("rtl");
      expect(await arabic.locator(".money").textContent()).toBe(formatMoney(24_500, "MAD", "ar"));
      expect(await french.locator(".money").textContent()).toBe(formatMoney(24_500, "MAD", "fr"));
      expect(await arabic.getByTestId("preview-stock").textContent()).toBe("8 قطع في المخزون");
      expect(await french.getByTestId("preview-stock").textContent()).toBe("8 en stock");
    } finally {
      await context.close();
    }
  });
});
