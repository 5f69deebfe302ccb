/**
 * Phone first, a cooperative owner's back office: every page an owner can reach (dashboard,
 * listings, a new listing, a listing's edit page with its photos, orders, an order, profile,
 * members, statement), in Arabic and French, at 360×740, 390×844 and 1366×900 — no page
 * wider than the screen, no console or page error, no serious axe violation; screenshots
 * at 390 px. The photo picker takes the phone's camera and gallery (image/*) and the
 * photos can be put in order with buttons.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { DatabaseHandle } from "#db/client";
import { images, productImages, shopOrders } from "#db/schema";
import { placeOrder } from "~/models/checkout.server";
import { launchSharedBrowser } from "../support/browser";
import { openAppDatabase } from "../support/db";
import { makeMember, signIn } from "../support/fixtures";
import { baseUrl } from "../support/http";
import { onEveryScreen, openScreen, SCREENS, visitAll } from "../support/phone";
import { buyer, createShop, type Shop } from "../support/shops";
import { writtenReview } from "../support/reviews";

let app: DatabaseHandle;
let browser: Browser;
let shop: Shop;
let ownerToken = "";
let shopOrderId = 0;

beforeAll(async () => {
  app = openAppDatabase();
  [browser, shop] = await Promise.all([
    launchSharedBrowser(),
    createShop(app.db, {
      products: [
        {
          stock: 20,
          priceCentimes: 89_000,
          title: {
            ar: "زربية زيانية منسوجة يدويًا من صوف الأطلس المتوسط",
            fr: "Tapis zayane tissé main en laine du Moyen Atlas, teintures végétales",
          },
        },
        { stock: 2, priceCentimes: 12_000 },
      ],
    }),
  ]);
  // A second photo, so the edit page shows the reorder buttons of two photos.
  const [second] = await app.db.select({ id: images.id }).from(images).limit(1).offset(1);
  await app.db
    .insert(productImages)
    .values({ productId: shop.products[0].id, imageId: second.id, position: 1 });
  await makeMember(app.db, shop.coop.id, "editor", "phone-editor-with-a-rather-long-name");
  const placed = await placeOrder(app.db, {
    lines: [{ productId: shop.products[0].id, quantity: 1 }],
    buyer: buyer({ name: "Fatima Zahra El Idrissi", line2: "Résidence Al Amal, immeuble 7, appartement 12" }),
    locale: "ar",
    cardEnabled: false,
  });
  if (!placed.ok) throw new Error(JSON.stringify(placed.error));
  const [part] = await app.db
    .select({ id: shopOrders.id })
    .from(shopOrders)
    .where(and(eq(shopOrders.orderId, placed.order.id), eq(shopOrders.cooperativeId, shop.coop.id)));
  shopOrderId = part.id;
  ownerToken = (await signIn(app.db, shop.owner.id)).token;
  // Published reviews to answer (decision 019).
  await writtenReview(app.db, shop.products[0].id, {
    rating: 5,
    body: "زربية جميلة جدًا ومنسوجة بإتقان، شكرًا للتعاونية على التغليف الجيد.",
    locale: "ar",
  });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const shopPages = () => [
  { name: "dashboard", path: "/shop" },
  { name: "listings", path: "/shop/listings" },
  { name: "reviews", path: "/shop/reviews" },
  { name: "listing-new", path: "/shop/listings/new" },
  { name: "listing-edit", path: `/shop/listings/${shop.products[0].id}` },
  // The photos' address answers uploads; opened, it leads to the photos on the edit page.
  { name: "photos", path: `/shop/listings/${shop.products[0].id}/photos` },
  { name: "orders", path: "/shop/orders" },
  { name: "order", path: `/shop/orders/${shopOrderId}` },
  { name: "profile", path: "/shop/profile" },
  { name: "members", path: "/shop/members" },
  { name: "statement", path: "/shop/statement" },
];

onEveryScreen("a cooperative owner's pages on a phone and on a desktop", async (locale, screen) => {
  const { problems, visited } = await visitAll(browser, {
    role: "shop",
    locale,
    screen,
    sessionToken: ownerToken,
    pages: shopPages(),
  });
  expect(problems).toEqual([]);
  expect(visited).toContain(`/${locale}/shop/listings/${shop.products[0].id}`);
});

describe("photos from a phone", () => {
  it("the picker takes any image (camera or gallery) and the photos move with buttons, on screen", async () => {
    const context = await openScreen(browser, SCREENS[0], ownerToken);
    try {
      const page = await context.newPage();
      await page.goto(`${baseUrl()}/ar/shop/listings/${shop.products[0].id}`);
      expect(await page.locator("#photos-input").getAttribute("accept")).toBe("image/*");
      const items = page.getByTestId("photo-item");
      await expect.poll(() => items.count()).toBe(2);
      const firstImage = await items.nth(0).locator("img").getAttribute("src");
      const later = items.nth(0).getByRole("button", { name: "تأخير" });
      const box = (await later.boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(44);
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(360);
      await later.tap();
      await page.waitForURL(/notice=photos/);
      await expect.poll(() => items.nth(1).locator("img").getAttribute("src")).toBe(firstImage);
    } finally {
      await context.close();
    }
  });
});
