/**
 * The cart and cash-on-delivery checkout over HTTP against the built server: forms that
 * work without JavaScript, the cookie, the badge, messages in the page's language, a
 * tampered price ignored, the order page and the mails.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { orders, products, shopOrders } from "#db/schema";
import { Client, orderTokenFrom } from "../support/client";
import { openAppDatabase } from "../support/db";
import { signIn } from "../support/fixtures";
import { baseUrl, get } from "../support/http";
import { queuedMail, waitForMail } from "../support/mailbox";
import { createShop, type Shop } from "../support/shops";
import { orderReference, partReference } from "~/models/order-reference";

let app: DatabaseHandle;
let a: Shop;
let b: Shop;
let noCod: Shop;

beforeAll(async () => {
  app = openAppDatabase();
  a = await createShop(app.db, {
    shippingFeeMa: 4500,
    products: [
      { stock: 10, priceCentimes: 35_000 },
      { stock: 10, priceCentimes: 12_050 },
    ],
  });
  b = await createShop(app.db, { shippingFeeMa: 2500, products: [{ stock: 10, priceCentimes: 80_000 }] });
  noCod = await createShop(app.db, { acceptsCod: false, products: [{ stock: 3, priceCentimes: 10_000 }] });
});
afterAll(async () => {
  await app?.close();
});

const stockOf = async (id: number) =>
  (await app.db.select({ s: products.stock }).from(products).where(eq(products.id, id)))[0].s;
const form = (over: Record<string, string> = {}) => ({
  name: "Salma Alaoui",
  email: `salma-${Date.now().toString(36)}@example.ma`,
  phone: "06 61 23 45 67",
  country: "MA",
  city: "Fès",
  line1: "12 derb Sidi Ahmed",
  paymentMethod: "cod",
  ...over,
});

describe("cart over HTTP", () => {
  it("adds, changes and removes lines with plain forms, sets a safe cookie and counts in the header", async () => {
    const c = new Client();
    const added = await c.post("/fr/cart", { intent: "add", productId: a.products[0].id, quantity: 2 });
    expect(added.res.status).toBe(302);
    expect(added.res.headers.get("location")).toBe("/fr/cart");
    const cookie = added.res.headers.getSetCookie().find((h) => h.startsWith("cart="))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    await c.post("/fr/cart", { intent: "add", productId: b.products[0].id, quantity: 1 });
    let page = await c.get("/fr/cart");
    expect(page.res.status).toBe(200);
    expect(page.res.headers.get("cache-control")).toBe("private, no-store");
    expect(page.html.match(/data-testid="cart-shop"/g)).toHaveLength(2);
    expect(page.html).toContain(a.coop.name.fr);
    expect(page.html).toMatch(/data-testid="cart-count"[^>]*>3</);
    await c.post("/fr/cart", { intent: "update", productId: a.products[0].id, quantity: 1 });
    page = await c.get("/fr/cart");
    expect(page.html).toMatch(/data-testid="cart-count"[^>]*>2</);
    await c.post("/fr/cart", { intent: "remove", productId: b.products[0].id });
    page = await c.get("/ar/cart");
    expect(page.html.match(/data-testid="cart-shop"/g)).toHaveLength(1);
    expect(page.html).toContain(a.coop.name.ar);
  });

  it("refuses more than the stock with a message in the page's language, and a fetcher gets data, not a redirect", async () => {
    const c = new Client();
    const tooMany = await c.post("/fr/cart", { intent: "add", productId: noCod.products[0].id, quantity: 5 });
    expect(tooMany.res.status).toBe(409);
    expect(tooMany.html).toContain("Il n'en reste que 3 en stock.");
    const viaFetcher = await c.post("/ar/cart", {
      intent: "add",
      productId: noCod.products[0].id,
      quantity: 1,
      _fetcher: "1",
    });
    expect(viaFetcher.res.status).toBe(200);
    const bad = await c.post("/fr/cart", { intent: "add", productId: noCod.products[0].id, quantity: "-3" });
    expect(bad.res.status).toBe(400);
    expect(bad.html).toContain("Quantité invalide");
  });

  it("flags a line whose stock fell, and blocks checkout until it is fixed", async () => {
    const shop = await createShop(app.db, { products: [{ stock: 4, priceCentimes: 5_000 }] });
    const c = new Client();
    await c.post("/fr/cart", { intent: "add", productId: shop.products[0].id, quantity: 3 });
    await app.db.update(products).set({ stock: 2 }).where(eq(products.id, shop.products[0].id));
    const page = await c.get("/fr/cart");
    expect(page.html).toContain('data-state="insufficient"');
    expect(page.html).toContain("Il n'en reste que 2 : réduisez la quantité.");
    expect(page.html).not.toContain('data-testid="go-checkout"');
    const attempt = await c.post("/fr/checkout", form());
    expect(attempt.res.status).toBe(409);
    expect(attempt.html).toContain(
      `« ${shop.products[0].title.fr} » : il n'en reste que 2 (vous en demandez 3). Rien n'a été commandé.`,
    );
    expect(await stockOf(shop.products[0].id)).toBe(2);
  });
});

describe("checkout with cash on delivery over HTTP", () => {
  it("places one order across two cooperatives, ignores a tampered price, mails the buyer and each shop its own lines", async () => {
    const c = new Client();
    await c.post("/fr/cart", { intent: "add", productId: a.products[1].id, quantity: 2 });
    await c.post("/fr/cart", { intent: "add", productId: b.products[0].id, quantity: 1 });
    const stockA = await stockOf(a.products[1].id);
    const details = form();
    const placed = await c.post("/fr/checkout", {
      ...details,
      // A client trying to set its own prices: none of these is read.
      price: 1,
      priceCentimes: 1,
      unitPriceCentimes: 1,
      total: 1,
      totalCentimes: 1,
      [`lines[${a.products[1].id}][priceCentimes]`]: 1,
    });
    expect(placed.res.status).toBe(302);
    const token = orderTokenFrom(placed.res.headers.get("location"));
    const [order] = await app.db.select().from(orders).where(eq(orders.token, token));
    expect(order.subtotalCentimes).toBe(2 * 12_050 + 80_000);
    expect(order.shippingCentimes).toBe(4500 + 2500);
    expect(order.totalCentimes).toBe(2 * 12_050 + 80_000 + 7000);
    expect(order.paymentStatus).toBe("cod_pending");
    expect(order.buyerPhone).toBe("+212661234567");
    expect(order.locale).toBe("fr");
    expect(await stockOf(a.products[1].id)).toBe(stockA - 2);
    expect(await app.db.select().from(shopOrders).where(eq(shopOrders.orderId, order.id))).toHaveLength(2);

    // The cart is empty now.
    expect((await c.get("/fr/cart")).html).toMatch(/data-testid="cart-count"[^>]*>0</);

    // The private page, in both languages; another token is a 404.
    const fr = await c.get(`/fr/orders/${token}`);
    expect(fr.res.status).toBe(200);
    expect(fr.res.headers.get("cache-control")).toBe("private, no-store");
    expect(fr.html).toContain(`Commande n° ${orderReference(order)}`);
    expect(fr.html).toContain("À payer à la livraison");
    expect(fr.html.match(/data-testid="shop-order"/g)).toHaveLength(2);
    expect(fr.html).toContain("En attente de confirmation");
    expect(fr.html).toContain('name="robots" content="noindex"');
    const ar = await c.get(`/ar/orders/${token}`);
    expect(ar.html).toContain(`الطلب رقم ${orderReference(order)}`);
    expect(ar.html).toContain("في انتظار التأكيد");
    expect((await get(`/fr/orders/${"x".repeat(32)}`)).status).toBe(404);

    const [buyerMail] = await waitForMail(details.email);
    expect(buyerMail.subject).toContain(`commande n° ${orderReference(order)}`);
    expect(buyerMail.text).toContain(`/fr/orders/${token}`);
    const [mailA] = await waitForMail(a.coop.email!);
    const [mailB] = await waitForMail(b.coop.email!);
    expect(mailA.text).toContain(a.products[1].title.fr);
    expect(mailA.text).not.toContain(b.products[0].title.fr);
    expect(mailB.text).toContain(b.products[0].title.fr);
    expect(mailB.text).not.toContain(a.products[1].title.fr);
  });

  it("answers bad input next to each field, in the page's language, keeping what was typed", async () => {
    const c = new Client();
    await c.post("/ar/cart", { intent: "add", productId: a.products[0].id, quantity: 1 });
    const res = await c.post(
      "/ar/checkout",
      form({ name: "Karim", phone: "12345", email: "karim@", city: "" }),
    );
    expect(res.res.status).toBe(400);
    expect(res.html).toContain("رقم مغربي مطلوب");
    expect(res.html).toContain("هذا البريد الإلكتروني غير صالح.");
    expect(res.html).toContain("أدخل المدينة.");
    expect(res.html).toMatch(/id="checkout-name"[^>]*value="Karim"|value="Karim"[^>]*id="checkout-name"/);
    expect(res.html).toContain('value="karim@"');
  });

  it("refuses cash on delivery abroad, or with a shop that does not take it, and writes nothing", async () => {
    const c = new Client();
    await c.post("/fr/cart", { intent: "add", productId: a.products[0].id, quantity: 1 });
    const before = await stockOf(a.products[0].id);
    const abroad = await c.post(
      "/fr/checkout",
      form({ country: "FR", phone: "+33 6 12 34 56 78", city: "Lyon" }),
    );
    expect(abroad.res.status).toBe(409);
    expect(abroad.html).toContain("Le paiement à la livraison n'est possible que pour une adresse au Maroc.");
    expect(abroad.html).toContain('value="Lyon"');
    await c.post("/fr/cart", { intent: "add", productId: noCod.products[0].id, quantity: 1 });
    const mixed = await c.post("/fr/checkout", form());
    expect(mixed.res.status).toBe(409);
    expect(mixed.html).toContain(
      `Ces coopératives n'acceptent pas le paiement à la livraison : ${noCod.coop.name.fr}.`,
    );
    expect(await stockOf(a.products[0].id)).toBe(before);
    // The checkout page says so before the buyer tries.
    const page = await c.get("/fr/checkout");
    expect(page.html).toContain('data-testid="cod-unavailable"');
  });
});

describe("the buyer hears of each cooperative's progress", () => {
  it("mails the buyer, in their language, when a shop ships (carrier, tracking) or cancels (reason)", async () => {
    const shipper = await createShop(app.db, { products: [{ stock: 5, priceCentimes: 20_000 }] });
    const canceller = await createShop(app.db, { products: [{ stock: 5, priceCentimes: 30_000 }] });
    const c = new Client();
    await c.post("/ar/cart", { intent: "add", productId: shipper.products[0].id, quantity: 1 });
    await c.post("/ar/cart", { intent: "add", productId: canceller.products[0].id, quantity: 2 });
    const details = form({ email: `amina-${Date.now().toString(36)}@example.ma` });
    const placed = await c.post("/ar/checkout", details);
    expect(placed.res.status).toBe(302);
    const token = orderTokenFrom(placed.res.headers.get("location"));
    const [order] = await app.db.select().from(orders).where(eq(orders.token, token));
    const shopOrderOf = async (coopId: number) =>
      (await app.db.select().from(shopOrders).where(eq(shopOrders.orderId, order.id))).find(
        (s) => s.cooperativeId === coopId,
      )!;
    // Each part's reference: the order's, with the part's letter in the order the parts were made.
    const parts = (await app.db.select().from(shopOrders).where(eq(shopOrders.orderId, order.id))).sort(
      (x, y) => x.id - y.id,
    );
    const referenceOf = (shopOrderId: number) =>
      partReference(
        order,
        parts.findIndex((p) => p.id === shopOrderId),
      );

    const act = async (shop: Shop, shopOrderId: number, form: Record<string, string>) => {
      const { cookie } = await signIn(app.db, shop.owner.id);
      return fetch(`${baseUrl()}/fr/shop/orders/${shopOrderId}`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: baseUrl(), Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(form).toString(),
      });
    };
    const shipping = await shopOrderOf(shipper.coop.id);
    expect((await act(shipper, shipping.id, { intent: "confirm" })).status).toBe(302);
    expect(
      (await act(shipper, shipping.id, { intent: "ship", carrier: "Amana", trackingNumber: "EE998877665MA" }))
        .status,
    ).toBe(302);
    const [shippedMail] = await waitForMail(details.email, (m) => m.text.includes("EE998877665MA"));
    // The buyer ordered in Arabic: the mail is in Arabic, whatever the shop's language.
    expect(shippedMail.subject).toBe(`حرفة — طلبك رقم ${referenceOf(shipping.id)} في الطريق`);
    expect(shippedMail.text).toContain("شركة الشحن: Amana — رقم التتبع: EE998877665MA");
    expect(shippedMail.text).toContain(shipper.coop.name.ar);
    expect(shippedMail.text).toContain(`/ar/orders/${token}`);
    expect(shippedMail.text).not.toContain(canceller.coop.name.ar);

    const cancelled = await shopOrderOf(canceller.coop.id);
    expect(
      (await act(canceller, cancelled.id, { intent: "cancel", reason: "Rupture de laine teinte" })).status,
    ).toBe(302);
    const [cancelMail] = await waitForMail(details.email, (m) => m.text.includes("Rupture de laine teinte"));
    expect(cancelMail.subject).toBe(`حرفة — طلبك رقم ${referenceOf(cancelled.id)}: أُلغي جزء منه`);
    expect(cancelMail.text).toContain("السبب: Rupture de laine teinte");
    expect(cancelMail.text).toContain(canceller.coop.name.ar);

    // A step refused (already cancelled) sends nothing more.
    expect((await act(canceller, cancelled.id, { intent: "cancel", reason: "encore" })).status).toBe(409);
    expect((await queuedMail(app.db, details.email)).filter((m) => m.text.includes("encore"))).toEqual([]);
  });
});
