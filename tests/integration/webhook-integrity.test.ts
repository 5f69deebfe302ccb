/**
 * Stripe events that are correctly signed but do not belong to the order they name, and
 * many events for one order at once, over HTTP against the server under test (PostgreSQL),
 * signed by the Stripe SDK itself. An event is applied only to the card order whose own
 * Checkout session it is about; anything else is recorded and ignored (200, nothing
 * changes), also when replayed. Concurrent events for one order never deadlock into a 500.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { orders, paymentEvents, refunds, shopOrders } from "#db/schema";
import { Client, orderTokenFrom } from "../support/client";
import { openAppDatabase } from "../support/db";
import { baseUrl } from "../support/http";
import { checkoutForm, createShop, type Shop } from "../support/shops";
import { placeCardOrder, postWebhook, sessionEvent } from "../support/stripe";

let app: DatabaseHandle;
let shop: Shop;

beforeAll(async () => {
  app = openAppDatabase();
  shop = await createShop(app.db, { products: [{ stock: 200, priceCentimes: 30_000 }] });
});
afterAll(async () => {
  await app?.close();
});

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const orderRow = async (id: number) => (await app.db.select().from(orders).where(eq(orders.id, id)))[0];
const eventRows = (id: string) => app.db.select().from(paymentEvents).where(eq(paymentEvents.id, id));
const refundsOf = (orderId: number) => app.db.select().from(refunds).where(eq(refunds.orderId, orderId));
const shopStatuses = async (orderId: number) =>
  (await app.db.select().from(shopOrders).where(eq(shopOrders.orderId, orderId))).map((s) => s.status);

async function codOrder() {
  const c = new Client();
  await c.post("/fr/cart", { intent: "add", productId: shop.products[0].id, quantity: 1 });
  const placed = await c.post("/fr/checkout", checkoutForm({ email: `cod-${unique()}@example.ma` }));
  expect(placed.res.status, placed.html.slice(0, 300)).toBe(302);
  const [order] = await app.db
    .select()
    .from(orders)
    .where(eq(orders.token, orderTokenFrom(placed.res.headers.get("location"))));
  return order;
}

const cardOrder = () =>
  placeCardOrder(app.db, [{ productId: shop.products[0].id, quantity: 1 }], {
    email: `card-${unique()}@example.com`,
  });

describe("a correctly signed event that is not about the order it names", () => {
  it("leaves a cash-on-delivery order alone (no payment, no refund), and a card order another session names, recording each event once, also when replayed", async () => {
    const order = await codOrder();
    const before = await orderRow(order.id);
    const stray = sessionEvent({
      type: "checkout.session.completed",
      sessionId: `cs_test_stray${unique()}`,
      orderId: order.id,
      paymentStatus: "paid",
    });

    const first = await postWebhook(stray);
    expect(first.status).toBe(200);
    const replay = await postWebhook(stray);
    expect(replay.status).toBe(200);
    const another = await postWebhook(
      sessionEvent({
        type: "checkout.session.async_payment_succeeded",
        sessionId: stray.data.object.id,
        orderId: order.id,
      }),
    );
    expect(another.status).toBe(200);
    const expired = await postWebhook(
      sessionEvent({
        type: "checkout.session.expired",
        sessionId: stray.data.object.id,
        orderId: order.id,
        paymentStatus: "unpaid",
      }),
    );
    expect(expired.status).toBe(200);

    expect(await orderRow(order.id)).toEqual(before);
    expect(await refundsOf(order.id)).toEqual([]);
    expect(await shopStatuses(order.id)).toEqual(["pending"]);
    // Kept for whoever looks into it later, once.
    expect(await eventRows(stray.id)).toHaveLength(1);
    const page = await (await fetch(`${baseUrl()}/fr/orders/${order.token}`)).text();
    expect(page).not.toContain('data-testid="refund"');
    expect(page).toContain("À payer à la livraison");

    // Between card orders too: a session is only ever about the order that recorded it.
    const a = await cardOrder();
    const b = await cardOrder();
    const [beforeA, beforeB] = [await orderRow(a.order.id), await orderRow(b.order.id)];
    // B's own session, but claiming to be about A; and A's own metadata with a made-up session.
    const crossed = sessionEvent({
      type: "checkout.session.completed",
      sessionId: b.sessionId,
      orderId: a.order.id,
    });
    const madeUp = sessionEvent({
      type: "checkout.session.expired",
      sessionId: `cs_test_madeup${unique()}`,
      orderId: a.order.id,
      paymentStatus: "unpaid",
    });
    for (const event of [crossed, madeUp, crossed]) expect((await postWebhook(event)).status).toBe(200);
    expect(await orderRow(a.order.id)).toEqual(beforeA);
    expect(await orderRow(b.order.id)).toEqual(beforeB);
    expect(await eventRows(crossed.id)).toHaveLength(1);
    expect(await eventRows(madeUp.id)).toHaveLength(1);
    // Its own event still works.
    expect(
      (
        await postWebhook(
          sessionEvent({ type: "checkout.session.completed", sessionId: a.sessionId, orderId: a.order.id }),
        )
      ).status,
    ).toBe(200);
    expect((await orderRow(a.order.id)).paymentStatus).toBe("paid");
  });
});

describe("many distinct events for one order at once", () => {
  it("answers every one of 10 parallel events without a 5xx, records each once and ends paid, 3 orders in a row", async () => {
    for (let round = 0; round < 3; round++) {
      const { order, sessionId } = await cardOrder();
      const events = Array.from({ length: 10 }, (_, i) =>
        sessionEvent({
          type: i % 2 ? "checkout.session.async_payment_succeeded" : "checkout.session.completed",
          sessionId,
          orderId: order.id,
          paymentStatus: "paid",
        }),
      );
      const responses = await Promise.all(events.map((e) => postWebhook(e)));
      expect(
        responses.map((r) => r.status),
        `round ${round}`,
      ).toEqual(Array(10).fill(200));
      const bodies = await Promise.all(responses.map((r) => r.json() as Promise<{ duplicate: boolean }>));
      expect(bodies.filter((x) => x.duplicate)).toEqual([]);
      const row = await orderRow(order.id);
      expect(row.paymentStatus).toBe("paid");
      expect(row.paidAt).not.toBeNull();
      const recorded = await app.db
        .select({ id: paymentEvents.id })
        .from(paymentEvents)
        .where(eq(paymentEvents.orderId, order.id));
      expect(recorded.map((r) => r.id).sort()).toEqual(events.map((e) => e.id).sort());
      expect(await refundsOf(order.id)).toEqual([]);
    }
  });
});
