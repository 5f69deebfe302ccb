/**
 * Card payments end to end against the local Stripe API server (the official SDK talks to
 * it over HTTP), and signed webhooks: verified on the raw body, applied once, in any order.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { orders, paymentEvents, products, shopOrders } from "#db/schema";
import { openAppDatabase } from "../support/db";
import { queuedMail, waitForMail } from "../support/mailbox";
import { createShop, type Shop } from "../support/shops";
import { placeCardOrder, postWebhook, sessionEvent, sessionRequestsFor } from "../support/stripe";

let app: DatabaseHandle;
let a: Shop;
let b: Shop;

beforeAll(async () => {
  app = openAppDatabase();
  a = await createShop(app.db, {
    shippingFeeIntl: 28_000,
    products: [
      { stock: 50, priceCentimes: 45_000 },
      { stock: 50, priceCentimes: 6_550 },
    ],
  });
  b = await createShop(app.db, {
    acceptsCod: false,
    shippingFeeIntl: 15_000,
    products: [{ stock: 50, priceCentimes: 120_000 }],
  });
});
afterAll(async () => {
  await app?.close();
});

const stockOf = async (id: number) =>
  (await app.db.select({ s: products.stock }).from(products).where(eq(products.id, id)))[0].s;
const orderRow = async (id: number) => (await app.db.select().from(orders).where(eq(orders.id, id)))[0];

const cardOrder = (locale: "fr" | "ar" = "fr", email?: string) =>
  placeCardOrder(
    app.db,
    [
      { productId: a.products[0].id, quantity: 2 },
      { productId: a.products[1].id, quantity: 1 },
      { productId: b.products[0].id, quantity: 1 },
    ],
    { locale, email },
  );

describe("Stripe Checkout session", () => {
  it("is created in MAD with a line per product and per shop's shipping, the order id, an idempotency key and localized URLs", async () => {
    const { order, location } = await cardOrder("fr");
    expect(location.startsWith(process.env.STRIPE_API_URL!)).toBe(true);
    expect(order.paymentStatus).toBe("awaiting_payment");
    expect(order.stripeSessionExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 25 * 60_000);
    const [request, ...others] = sessionRequestsFor(order.id);
    expect(others).toEqual([]);
    expect(request.method).toBe("POST");
    expect(request.authorized).toBe(true);
    expect(request.contentType).toContain("application/x-www-form-urlencoded");
    expect(request.idempotencyKey).toBe(`hirfa-order-${order.id}-checkout-session`);
    const body = request.body;
    expect(body.mode).toBe("payment");
    expect(body.locale).toBe("fr");
    expect(body.metadata).toEqual({ order_id: String(order.id), order_token: order.token });
    expect(body.client_reference_id).toBe(String(order.id));
    expect(body.customer_email).toBe(order.buyerEmail);
    expect(body.success_url).toBe(`${process.env.HIRFA_BASE_URL}/fr/orders/${order.token}?payment=success`);
    expect(body.cancel_url).toBe(`${process.env.HIRFA_BASE_URL}/fr/orders/${order.token}?payment=cancelled`);
    expect(Number(body.expires_at)).toBe(Math.floor(order.stripeSessionExpiresAt!.getTime() / 1000));
    const lines = body.line_items as {
      quantity: string;
      price_data: { currency: string; unit_amount: string; product_data: { name: string } };
    }[];
    expect(
      lines.map((l) => [
        l.price_data.currency,
        l.price_data.unit_amount,
        l.quantity,
        l.price_data.product_data.name,
      ]),
    ).toEqual([
      ["mad", "45000", "2", a.products[0].title.fr],
      ["mad", "6550", "1", a.products[1].title.fr],
      ["mad", "120000", "1", b.products[0].title.fr],
      ["mad", "28000", "1", `Livraison — ${a.coop.name.fr}`],
      ["mad", "15000", "1", `Livraison — ${b.coop.name.fr}`],
    ]);
    const sum = lines.reduce((s, l) => s + Number(l.price_data.unit_amount) * Number(l.quantity), 0);
    expect(sum).toBe(order.totalCentimes);
    expect(order.totalCentimes).toBe(2 * 45_000 + 6_550 + 120_000 + 28_000 + 15_000);
  });

  it("sends the Arabic buyer back to Arabic pages", async () => {
    const { order } = await cardOrder("ar");
    const [request] = sessionRequestsFor(order.id);
    expect(request.body.success_url).toBe(
      `${process.env.HIRFA_BASE_URL}/ar/orders/${order.token}?payment=success`,
    );
    expect(request.body.cancel_url).toBe(
      `${process.env.HIRFA_BASE_URL}/ar/orders/${order.token}?payment=cancelled`,
    );
    expect(request.body.line_items[0].price_data.product_data.name).toBe(a.products[0].title.ar);
  });
});

describe("Stripe webhooks", () => {
  it("applies a completed event sent 10 times at once exactly once: paid, one mail", async () => {
    const { order, sessionId, email } = await cardOrder();
    const event = sessionEvent({
      type: "checkout.session.completed",
      sessionId,
      orderId: order.id,
      paymentStatus: "paid",
    });
    const responses = await Promise.all(Array.from({ length: 10 }, () => postWebhook(event)));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    const bodies = await Promise.all(responses.map((r) => r.json() as Promise<{ duplicate: boolean }>));
    expect(bodies.filter((x) => !x.duplicate)).toHaveLength(1);
    const row = await orderRow(order.id);
    expect(row.paymentStatus).toBe("paid");
    expect(row.paidAt).not.toBeNull();
    expect(await app.db.select().from(paymentEvents).where(eq(paymentEvents.id, event.id))).toHaveLength(1);
    // One mail queued by ten concurrent deliveries, and that one arrives.
    expect(await queuedMail(app.db, email)).toHaveLength(1);
    expect(await waitForMail(email)).toHaveLength(1);
    const page = await fetch(`${process.env.HIRFA_BASE_URL}/fr/orders/${order.token}`).then((r) => r.text());
    expect(page).toContain("Payée par carte");
  });

  it("reaches the same state when async_payment_succeeded arrives before completed", async () => {
    const { order, sessionId } = await cardOrder();
    const early = await postWebhook(
      sessionEvent({ type: "checkout.session.async_payment_succeeded", sessionId, orderId: order.id }),
    );
    expect(early.status).toBe(200);
    expect((await orderRow(order.id)).paymentStatus).toBe("paid");
    const late = await postWebhook(
      sessionEvent({
        type: "checkout.session.completed",
        sessionId,
        orderId: order.id,
        paymentStatus: "unpaid",
      }),
    );
    expect(late.status).toBe(200);
    const row = await orderRow(order.id);
    expect(row.paymentStatus).toBe("paid");
    expect(await app.db.select().from(paymentEvents).where(eq(paymentEvents.orderId, order.id))).toHaveLength(
      2,
    );

    // The usual order: completed (unpaid, a delayed method) then the outcome.
    const second = await cardOrder();
    await postWebhook(
      sessionEvent({
        type: "checkout.session.completed",
        sessionId: second.sessionId,
        orderId: second.order.id,
        paymentStatus: "unpaid",
      }),
    );
    const pending = await orderRow(second.order.id);
    expect(pending.paymentStatus).toBe("awaiting_payment");
    expect(pending.stripeSessionExpiresAt).toBeNull(); // the sweep leaves it alone now
    await postWebhook(
      sessionEvent({
        type: "checkout.session.async_payment_succeeded",
        sessionId: second.sessionId,
        orderId: second.order.id,
      }),
    );
    expect((await orderRow(second.order.id)).paymentStatus).toBe("paid");
  });

  it("refuses a bad signature or a stale timestamp with 400, writing nothing", async () => {
    const { order, sessionId } = await cardOrder();
    const event = sessionEvent({ type: "checkout.session.completed", sessionId, orderId: order.id });
    const wrongSecret = await postWebhook(event, { secret: "whsec_not_the_right_one" });
    const garbage = await postWebhook(event, { signature: "t=1,v1=deadbeef" });
    const stale = await postWebhook(event, { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    const tampered = await fetch(`${process.env.HIRFA_BASE_URL}/webhooks/stripe`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Stripe-Signature": "t=1,v1=00" },
      body: JSON.stringify({ ...event, type: "checkout.session.expired" }),
    });
    expect([wrongSecret.status, garbage.status, stale.status, tampered.status]).toEqual([400, 400, 400, 400]);
    expect(await app.db.select().from(paymentEvents).where(eq(paymentEvents.id, event.id))).toHaveLength(0);
    expect((await orderRow(order.id)).paymentStatus).toBe("awaiting_payment");
  });

  it("cancels the order and returns the stock when the session expires, once", async () => {
    const before = [await stockOf(a.products[0].id), await stockOf(b.products[0].id)];
    const { order, sessionId } = await cardOrder();
    expect([await stockOf(a.products[0].id), await stockOf(b.products[0].id)]).toEqual([
      before[0] - 2,
      before[1] - 1,
    ]);
    const expired = sessionEvent({
      type: "checkout.session.expired",
      sessionId,
      orderId: order.id,
      paymentStatus: "unpaid",
    });
    expect((await postWebhook(expired)).status).toBe(200);
    expect((await postWebhook({ ...expired, id: `${expired.id}_again` })).status).toBe(200);
    expect([await stockOf(a.products[0].id), await stockOf(b.products[0].id)]).toEqual(before);
    const row = await orderRow(order.id);
    expect(row.paymentStatus).toBe("cancelled");
    const shops = await app.db.select().from(shopOrders).where(eq(shopOrders.orderId, order.id));
    expect(shops.map((s) => s.status)).toEqual(["cancelled", "cancelled"]);
    // A late "completed" cannot revive it or take stock again.
    await postWebhook(
      sessionEvent({
        type: "checkout.session.completed",
        sessionId,
        orderId: order.id,
        paymentStatus: "paid",
      }),
    );
    expect((await orderRow(order.id)).paymentStatus).toBe("cancelled");
    expect([await stockOf(a.products[0].id), await stockOf(b.products[0].id)]).toEqual(before);
  });
});
