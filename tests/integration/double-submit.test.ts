/**
 * One cart makes one order, whatever the number of times its checkout is posted at once
 * (a double click without JavaScript, a retrying proxy): the cart row is locked and its
 * lines read inside the checkout transaction, and the cart remembers the order it made, so
 * every repeat is answered with that order. Over HTTP on PostgreSQL (the server under
 * test), for cash on delivery and for card; and through the model on PGlite and PostgreSQL.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { cartItems, orders, products } from "#db/schema";
import { addToCart } from "~/models/cart.server";
import { placeOrder } from "~/models/checkout.server";
import { Client, orderTokenFrom } from "../support/client";
import { createTestDatabase, engines, openAppDatabase, type TestDatabase } from "../support/db";
import { buyer, checkoutForm, createShop } from "../support/shops";
import { cardBuyerForm, sessionRequestsFor } from "../support/stripe";

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

describe("the checkout form posted 20 times at once over HTTP", () => {
  let app: DatabaseHandle;
  beforeAll(() => {
    app = openAppDatabase();
  });
  afterAll(async () => {
    await app?.close();
  });

  const stockOf = async (id: number) =>
    (await app.db.select({ s: products.stock }).from(products).where(eq(products.id, id)))[0].s;
  const ordersOf = (email: string) => app.db.select().from(orders).where(eq(orders.buyerEmail, email));

  it("places one cash-on-delivery order, takes the stock once and sends every post to that order's page", async () => {
    const shop = await createShop(app.db, {
      products: [
        { stock: 10, priceCentimes: 15_000 },
        { stock: 10, priceCentimes: 4_000 },
      ],
    });
    const [vase, bowl] = shop.products;
    const c = new Client();
    await c.post("/fr/cart", { intent: "add", productId: vase.id, quantity: 2 });
    await c.post("/fr/cart", { intent: "add", productId: bowl.id, quantity: 1 });
    const email = `double-${unique()}@example.ma`;
    const form = checkoutForm({ email });

    const responses = await Promise.all(Array.from({ length: 20 }, () => c.post("/fr/checkout", form)));

    expect(responses.map((r) => r.res.status)).toEqual(Array(20).fill(302));
    const placed = await ordersOf(email);
    expect(placed).toHaveLength(1);
    const [order] = placed;
    expect(new Set(responses.map((r) => orderTokenFrom(r.res.headers.get("location"))))).toEqual(
      new Set([order.token]),
    );
    expect(responses.map((r) => r.res.headers.get("location"))).toEqual(
      Array(20).fill(`/fr/orders/${order.token}`),
    );
    expect([await stockOf(vase.id), await stockOf(bowl.id)]).toEqual([8, 9]);

    // Posted again later (the back button, a resubmitted form): still that order, nothing more taken.
    const again = await c.post("/fr/checkout", form);
    expect(again.res.status).toBe(302);
    expect(again.res.headers.get("location")).toBe(`/fr/orders/${order.token}`);
    expect(await ordersOf(email)).toHaveLength(1);
    expect([await stockOf(vase.id), await stockOf(bowl.id)]).toEqual([8, 9]);

    // The same cart filled again is a new purchase: a second order.
    await c.post("/fr/cart", { intent: "add", productId: bowl.id, quantity: 1 });
    const next = await c.post("/fr/checkout", form);
    expect(next.res.status).toBe(302);
    const nextToken = orderTokenFrom(next.res.headers.get("location"));
    expect(nextToken).not.toBe(order.token);
    expect(await ordersOf(email)).toHaveLength(2);
    expect(await stockOf(bowl.id)).toBe(8);
  });

  it("places one card order with one Stripe session, and sends every post to that payment or that order", async () => {
    const shop = await createShop(app.db, { products: [{ stock: 10, priceCentimes: 45_000 }] });
    const [rug] = shop.products;
    const c = new Client();
    await c.post("/fr/cart", { intent: "add", productId: rug.id, quantity: 3 });
    const email = `double-card-${unique()}@example.com`;
    const form = cardBuyerForm(email);

    const responses = await Promise.all(Array.from({ length: 20 }, () => c.post("/fr/checkout", form)));

    expect(responses.map((r) => r.res.status)).toEqual(Array(20).fill(302));
    const placed = await ordersOf(email);
    expect(placed).toHaveLength(1);
    const [order] = placed;
    expect(order.paymentStatus).toBe("awaiting_payment");
    expect(order.stripeSessionId).toMatch(/^cs_test_/);
    // One Checkout session, whatever the number of posts.
    expect(sessionRequestsFor(order.id)).toHaveLength(1);
    const allowed = new Set([order.stripeCheckoutUrl, `/fr/orders/${order.token}`]);
    for (const r of responses) expect(allowed.has(r.res.headers.get("location"))).toBe(true);
    expect(await stockOf(rug.id)).toBe(7);

    // A later repeat goes straight to the same payment page.
    const again = await c.post("/fr/checkout", form);
    expect(again.res.status).toBe(302);
    expect(again.res.headers.get("location")).toBe(order.stripeCheckoutUrl);
    expect(sessionRequestsFor(order.id)).toHaveLength(1);
    expect(await ordersOf(email)).toHaveLength(1);
  });
});

describe.each(engines)("one order per cart through the model on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine, { poolSize: 25 });
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it("turns one cart checked out 20 times at once into exactly one order, taking the stock once", async () => {
    const shop = await createShop(t.db, { products: [{ stock: 10, priceCentimes: 9_000 }] });
    const [p] = shop.products;
    const added = await addToCart(t.db, { cartId: null, productId: p.id, quantity: 3 });
    if (!added.ok) throw new Error("not added");
    const cartId = added.cartId;

    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        placeOrder(t.db, { cartId, buyer: buyer(), locale: "fr", cardEnabled: false }),
      ),
    );

    const placed = results.flatMap((r) => (r.ok ? [r.order] : []));
    expect(placed).toHaveLength(1);
    const [order] = placed;
    for (const r of results.filter((x) => !x.ok)) {
      expect(r.ok ? null : r.error).toEqual({
        code: "alreadyOrdered",
        orderId: order.id,
        token: order.token,
      });
    }
    expect(await t.db.select({ id: orders.id }).from(orders)).toEqual([{ id: order.id }]);
    expect((await t.db.select({ s: products.stock }).from(products).where(eq(products.id, p.id)))[0].s).toBe(
      7,
    );
    expect(await t.db.select().from(cartItems).where(eq(cartItems.cartId, cartId))).toEqual([]);
  });
});
