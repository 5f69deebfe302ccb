/**
 * Phone first, the fairs and the impact page (issue 18): every new page in Arabic and French at
 * 360 and 390 px (phones) and 1366 px — no wider than the screen, no console error, no serious
 * axe violation; then the whole story in the browser at 360 px, in both languages: staff publish
 * a fair, a cooperative asks for a stand and is accepted, the fair page lists it, a buyer reserves
 * for collection at the stand, and the cooperative hands the order over against its code.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { DatabaseHandle } from "#db/client";
import { fairStands, fairs, shopOrders } from "#db/schema";
import { placeOrder } from "~/models/checkout.server";
import { launchSharedBrowser, screenshot, watchPage } from "../support/browser";
import { openAppDatabase } from "../support/db";
import { makeUser, signIn } from "../support/fixtures";
import { baseUrl } from "../support/http";
import { addToCart, LOCALES, onEveryScreen, openScreen, SCREENS, visitAll } from "../support/phone";
import { buyer, createShop, type Shop } from "../support/shops";

let app: DatabaseHandle;
let browser: Browser;
let shop: Shop;
let staffToken = "";
let ownerToken = "";
let fairId = 0;
let orderToken = "";
const tag = Date.now().toString(36);
const fairSlug = `salon-phone-${tag}`;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  app = openAppDatabase();
  [browser, shop] = await Promise.all([
    launchSharedBrowser(),
    createShop(app.db, {
      products: [
        { stock: 50, priceCentimes: 32_000, title: { ar: "زربية صغيرة من تازة", fr: "Petit tapis de Taza" } },
      ],
    }),
  ]);
  const staff = await makeUser(app.db, { prefix: "phone-fairs-staff", staffRole: "moderator" });
  staffToken = (await signIn(app.db, staff.id)).token;
  ownerToken = (await signIn(app.db, shop.owner.id)).token;
  // A fair with a long name, where this shop has stand 27, and an order collected there.
  const [fair] = await app.db
    .insert(fairs)
    .values({
      slug: fairSlug,
      name: {
        ar: "المعرض الإقليمي للصناعة التقليدية والاقتصاد الاجتماعي والتضامني بتازة",
        fr: "Exposition provinciale de l'artisanat et de l'économie sociale et solidaire de Taza",
      },
      description: { ar: "عرض وبيع.", fr: "Exposition et vente." },
      city: { ar: "تازة", fr: "Taza" },
      venue: { ar: "ساحة الاستقلال", fr: "Place de l'Indépendance" },
      provinceSlug: "taza",
      startsOn: day(3),
      endsOn: day(6),
      publishedAt: new Date(),
    })
    .returning();
  fairId = fair.id;
  await app.db
    .insert(fairStands)
    .values({ fairId, cooperativeId: shop.coop.id, status: "accepted", standNumber: "27" });
  const placed = await placeOrder(app.db, {
    lines: [{ productId: shop.products[0].id, quantity: 1 }],
    buyer: buyer({ pickupFair: String(fairId), city: "", line1: "" }),
    locale: "fr",
    cardEnabled: false,
  });
  if (!placed.ok) throw new Error(JSON.stringify(placed.error));
  orderToken = placed.order.token;
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const buyerPages = () => [
  { name: "fairs", path: "/fairs" },
  { name: "fair", path: `/fairs/${fairSlug}` },
  { name: "fair-seeded", path: "/fairs/salon-regional-ess-fes-meknes" },
  { name: "fair-past", path: "/fairs/semaine-artisanat-meknes" },
  { name: "impact", path: "/impact" },
  { name: "home-banner", path: "" },
  { name: "cooperative-at-fair", path: `/cooperatives/${shop.coop.slug}` },
  { name: "checkout-pickup", path: "/checkout" },
  { name: "order-pickup", path: `/orders/${orderToken}` },
];
const shopPages = [
  { name: "shop-fairs", path: "/shop/fairs" },
  { name: "shop-orders-fair", path: "/shop/orders" },
];
const chamberPages = () => [
  { name: "chamber-fairs", path: "/chamber/fairs" },
  { name: "chamber-fair", path: `/chamber/fairs/${fairId}` },
];

onEveryScreen("the fair and impact pages on phones and a desktop", async (locale, screen) => {
  const runs = await Promise.all([
    visitAll(browser, {
      role: "fairs-buyer",
      locale,
      screen,
      pages: buyerPages(),
      prepare: (context) => addToCart(context, locale, shop.products[0].id, 1),
    }),
    visitAll(browser, {
      role: "fairs-shop",
      locale,
      screen,
      sessionToken: ownerToken,
      pages: shopPages,
    }),
    visitAll(browser, {
      role: "fairs-chamber",
      locale,
      screen,
      sessionToken: staffToken,
      pages: chamberPages(),
    }),
  ]);
  expect(runs.flatMap((r) => r.problems)).toEqual([]);
  expect(runs.flatMap((r) => r.visited)).toHaveLength(
    buyerPages().length + shopPages.length + chamberPages().length,
  );
});

async function narrow(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
}

for (const locale of LOCALES) {
  describe(`the fair's story in the browser at 360 px (${locale})`, () => {
    it("staff publish a fair, a cooperative is accepted at stand 8, a buyer collects there, the cooperative hands over", async () => {
      const story = await createShop(app.db, {
        acceptsCod: false,
        products: [{ stock: 9, priceCentimes: 18_000, title: { ar: "سلة من الدوم", fr: "Panier en doum" } }],
      });
      const slug = `salon-histoire-${locale}-${tag}`;
      const phone = async (token?: string) => {
        const context = await openScreen(browser, SCREENS[0], token);
        const page = await context.newPage();
        return { context, page, errors: watchPage(page) };
      };

      // Staff publish the fair.
      const chamber = await phone(staffToken);
      try {
        const { page } = chamber;
        await page.goto(`${baseUrl()}/${locale}/chamber/fairs`);
        await page.locator("#field-name_ar").fill(`معرض الحكاية ${tag}`);
        await page.locator("#field-name_fr").fill(`Salon de l'histoire ${tag}`);
        await page.locator("#field-startsOn").fill(day(2));
        await page.locator("#field-endsOn").fill(day(4));
        await page.locator("#field-city_ar").fill("صفرو");
        await page.locator("#field-city_fr").fill("Sefrou");
        await page.locator("#field-venue_ar").fill("ساحة المدينة");
        await page.locator("#field-venue_fr").fill("Place de la ville");
        await page.locator("#field-slug").fill(slug);
        await narrow(page);
        await page.getByTestId("fair-save").tap();
        await page.waitForURL(/\/chamber\/fairs\/\d+\?notice=created$/);
        expect(chamber.errors).toEqual([]);
      } finally {
        await chamber.context.close();
      }
      const [fair] = await app.db.select().from(fairs).where(eq(fairs.slug, slug));
      expect(fair.publishedAt).not.toBeNull();

      // The cooperative asks for a stand.
      const coop = await phone((await signIn(app.db, story.owner.id)).token);
      try {
        const { page } = coop;
        await page.goto(`${baseUrl()}/${locale}/shop/fairs`);
        const item = page.locator(`[data-testid=shop-fair][data-fair="${slug}"]`);
        await narrow(page);
        await item.getByTestId("request-stand").tap();
        await page.waitForURL(/\/shop\/fairs\?notice=requested$/);
        // The URL changes before React has drawn the revalidated list: wait for the list itself.
        await expect
          .poll(() =>
            page.locator(`[data-testid=shop-fair][data-fair="${slug}"]`).getAttribute("data-status"),
          )
          .toBe("pending");
      } finally {
        await coop.context.close();
      }

      // Staff accept it at stand 8.
      const decide = await phone(staffToken);
      try {
        const { page } = decide;
        await page.goto(`${baseUrl()}/${locale}/chamber/fairs/${fair.id}`);
        const request = page.locator(`[data-testid=stand-request][data-cooperative="${story.coop.slug}"]`);
        await request.locator("input[name=standNumber]").fill("8");
        await narrow(page);
        await request.getByTestId("stand-accept").tap();
        await page.waitForURL(/notice=accept$/);
        expect(decide.errors).toEqual([]);
      } finally {
        await decide.context.close();
      }

      // The public page lists it; a buyer reserves for collection at the stand.
      const buyerPhone = await phone();
      let code = "";
      try {
        const { page } = buyerPhone;
        await page.goto(`${baseUrl()}/${locale}/fairs/${slug}`);
        const stand = page.locator(`[data-testid=fair-stand][data-cooperative="${story.coop.slug}"]`);
        expect(await stand.getByTestId("stand-number").textContent()).toBe(
          locale === "fr" ? "stand 8" : "الرواق 8",
        );
        await narrow(page);
        await addToCart(buyerPhone.context, locale, story.products[0].id, 1);
        await page.goto(`${baseUrl()}/${locale}/checkout`);
        await page.waitForFunction(() => document.documentElement.dataset.hydrated === "true");
        await page.locator(`#pickup-${fair.id}`).check();
        await page.locator("#checkout-name").fill(locale === "ar" ? "سلمى العلوي" : "Salma Alaoui");
        await page.locator("#checkout-email").fill(`story-${locale}-${tag}@example.ma`);
        await page.locator("#checkout-phone").fill("06 61 23 45 67");
        // Everything is collected: no address, and paying at the stand is offered.
        expect(await page.locator("label[for=pay-cod]").textContent()).toBe(
          locale === "fr" ? "Paiement sur le stand" : "الدفع في الرواق",
        );
        await page.locator("#pay-cod").check();
        await narrow(page);
        await page.getByTestId("place-order").tap();
        await page.waitForURL(new RegExp(`/${locale}/orders/[A-Za-z0-9_-]{32}$`));
        code = (await page.getByTestId("pickup-code").textContent()) ?? "";
        expect(code).toMatch(/^[A-Z0-9]{6}$/);
        await narrow(page);
        await screenshot(page, `phone-fairs-${locale}-order-pickup`);
        expect(buyerPhone.errors).toEqual([]);
      } finally {
        await buyerPhone.context.close();
      }

      // The cooperative finds it under the fair and hands it over.
      const handover = await phone((await signIn(app.db, story.owner.id)).token);
      try {
        const { page } = handover;
        await page.goto(`${baseUrl()}/${locale}/shop/orders`);
        const group = page.locator(`[data-testid=fair-orders][data-fair="${slug}"]`);
        const order = group.getByTestId("pickup-order").first();
        await order.locator("input[name=code]").fill(code);
        await narrow(page);
        await order.getByTestId("handover").tap();
        await page.waitForURL(/\/shop\/orders\?handedOver=\d+$/);
        await page.getByTestId("handed-over").waitFor();
        expect(handover.errors).toEqual([]);
      } finally {
        await handover.context.close();
      }
      const [part] = await app.db.select().from(shopOrders).where(eq(shopOrders.pickupFairId, fair.id));
      expect(part.status).toBe("delivered");
    });
  });
}
