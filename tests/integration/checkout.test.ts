/**
 * Checkout rules on both engines: one order and one shop order per cooperative, stock
 * taken, snapshots; any failure writes nothing and names the line; payment-method rules;
 * the cart's flags; the commission ledger; expiry sweep; fulfilment by each cooperative.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { carts, cartItems, orderLines, orders, products, shopOrders, users } from "#db/schema";
import {
  addToCart,
  cartUnitCount,
  cartLines,
  getCart,
  mergeCartIntoUser,
  setCartQuantity,
} from "~/models/cart.server";
import { placeOrder, type CheckoutRequest } from "~/models/checkout.server";
import { attachCardSession, releaseExpiredOrders } from "~/models/card-payments.server";
import { fulfilShopOrder, getShopOrder, listShopOrders } from "~/models/fulfilment.server";
import { getOrder } from "~/models/orders.server";
import { getCommissionRateBp, setCommissionRateBp } from "~/models/settings.server";
import { createTestDatabase, engines, type TestDatabase } from "../support/db";
import { buyer, createShop } from "../support/shops";

/** The site's address in the buyer's mails (a delivery mails its review links). */
const origin = "http://hirfa.test";

describe.each(engines)("checkout on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await t?.destroy();
  });

  /** The cart's id after a change expected to succeed. */
  const added = async (input: Parameters<typeof addToCart>[1]) => {
    const r = await addToCart(t.db, input);
    if (!r.ok) throw new Error(`not added: ${r.error.code}`);
    return r.cartId;
  };
  const stockOf = async (id: number) =>
    (await t.db.select({ s: products.stock }).from(products).where(eq(products.id, id)))[0].s;
  const counts = async () => {
    const r = await t.db.execute<{ o: number; s: number; l: number }>(
      sql`select (select count(*)::int from orders) as o, (select count(*)::int from shop_orders) as s, (select count(*)::int from order_lines) as l`,
    );
    return r.rows[0];
  };
  type Rest = Partial<Omit<CheckoutRequest, "lines" | "cartId">>;
  const request = (lines: { productId: number; quantity: number }[], over: Rest = {}): CheckoutRequest => ({
    lines,
    buyer: buyer(),
    locale: "fr",
    cardEnabled: false,
    ...over,
  });
  /** A cart's checkout: its lines are read inside the transaction. */
  const fromCart = (cartId: string | null): CheckoutRequest => ({
    cartId: cartId!,
    buyer: buyer(),
    locale: "fr",
    cardEnabled: false,
  });

  it("turns a cart from two cooperatives into one order, two shop orders, snapshots and less stock", async () => {
    await setCommissionRateBp(t.db, { rateBp: 750, reason: "test" });
    expect(await getCommissionRateBp(t.db)).toBe(750);
    const a = await createShop(t.db, {
      shippingFeeMa: 4500,
      products: [
        { stock: 4, priceCentimes: 12_345 },
        { stock: 2, priceCentimes: 9_900 },
      ],
    });
    const b = await createShop(t.db, {
      shippingFeeMa: 2500,
      products: [{ stock: 1, priceCentimes: 120_000 }],
    });
    let cartId: string | null = null;
    for (const [p, q] of [
      [a.products[0], 3],
      [a.products[1], 1],
      [b.products[0], 1],
    ] as const) {
      const r = await addToCart(t.db, { cartId, productId: p.id, quantity: q });
      if (!r.ok) throw new Error(`not added: ${r.error.code}`);
      cartId = r.cartId;
    }
    expect(await cartUnitCount(t.db, cartId)).toBe(5);
    const view = await getCart(t.db, cartId, "fr");
    expect(view.shops.map((s) => s.cooperativeId)).toEqual([a.coop.id, b.coop.id]);
    expect(view.subtotalCentimes).toBe(3 * 12_345 + 9_900 + 120_000);

    const result = await placeOrder(t.db, fromCart(cartId));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { order } = result;
    expect(order.subtotalCentimes).toBe(3 * 12_345 + 9_900 + 120_000);
    expect(order.shippingCentimes).toBe(4500 + 2500);
    expect(order.totalCentimes).toBe(order.subtotalCentimes + 7000);
    const shops = await t.db
      .select()
      .from(shopOrders)
      .where(eq(shopOrders.orderId, order.id))
      .orderBy(shopOrders.id);
    expect(shops.map((s) => [s.cooperativeId, s.status, s.shippingCentimes])).toEqual([
      [a.coop.id, "pending", 4500],
      [b.coop.id, "pending", 2500],
    ]);
    // Commission at the rate of the day, half up: 46 935 × 7.5 % = 3 520.125 → 3 520.
    expect(shops[0]).toMatchObject({
      subtotalCentimes: 46_935,
      commissionRateBp: 750,
      commissionCentimes: 3_520,
      netCentimes: 46_935 - 3_520 + 4_500,
    });
    expect(shops[1]).toMatchObject({
      subtotalCentimes: 120_000,
      commissionCentimes: 9_000,
      netCentimes: 120_000 - 9_000 + 2_500,
    });
    const lines = await t.db
      .select()
      .from(orderLines)
      .where(eq(orderLines.shopOrderId, shops[0].id))
      .orderBy(orderLines.id);
    expect(lines.map((l) => [l.productId, l.unitPriceCentimes, l.quantity, l.lineTotalCentimes])).toEqual([
      [a.products[0].id, 12_345, 3, 37_035],
      [a.products[1].id, 9_900, 1, 9_900],
    ]);
    expect(lines[0].titleSnapshot).toEqual(a.products[0].title);
    expect(lines[0].cooperativeNameSnapshot).toEqual(a.coop.name);
    expect(await stockOf(a.products[0].id)).toBe(1);
    expect(await stockOf(a.products[1].id)).toBe(1);
    expect(await stockOf(b.products[0].id)).toBe(0);
    expect(await cartUnitCount(t.db, cartId)).toBe(0);
    const [row] = await t.db.select().from(orders).where(eq(orders.id, order.id));
    expect(row.paymentStatus).toBe("cod_pending");
    // Snapshots stay when the listing changes afterwards.
    await t.db
      .update(products)
      .set({ priceCentimes: 99_999, title: { fr: "Renommé" } })
      .where(eq(products.id, a.products[0].id));
    const page = await getOrder(t.db, { token: order.token }, "fr");
    expect(page!.shopOrders[0].lines[0]).toMatchObject({
      unitPriceCentimes: 12_345,
      title: { text: a.products[0].title.fr },
    });
    await setCommissionRateBp(t.db, { rateBp: 0 });
  });

  it("writes nothing when a line lacks stock, keeps the cart and names the line", async () => {
    const a = await createShop(t.db, { products: [{ stock: 3, priceCentimes: 5_000 }] });
    const b = await createShop(t.db, { products: [{ stock: 2, priceCentimes: 7_000 }] });
    let cartId: string | null = null;
    for (const [p, q] of [
      [a.products[0], 2],
      [b.products[0], 2],
    ] as const)
      cartId = await added({ cartId, productId: p.id, quantity: q });
    // Someone else bought one of b's two units meanwhile.
    await t.db.update(products).set({ stock: 1 }).where(eq(products.id, b.products[0].id));
    const view = await getCart(t.db, cartId, "fr");
    expect(view.hasProblems).toBe(true);
    expect(view.shops[1].lines[0]).toMatchObject({ state: "insufficient", available: 1, quantity: 2 });
    const before = await counts();
    const result = await placeOrder(t.db, fromCart(cartId));
    expect(result).toEqual({
      ok: false,
      error: {
        code: "stock",
        productId: b.products[0].id,
        title: { text: b.products[0].title.fr, lang: "fr", fallback: false },
        requested: 2,
        available: 1,
      },
    });
    expect(await counts()).toEqual(before);
    // a's stock was taken first inside the transaction, then rolled back.
    expect(await stockOf(a.products[0].id)).toBe(3);
    expect(await stockOf(b.products[0].id)).toBe(1);
    expect(await cartUnitCount(t.db, cartId)).toBe(4);
  });

  it("flags a line that is no longer on sale, and refuses it at checkout", async () => {
    const a = await createShop(t.db, { products: [{ stock: 3, priceCentimes: 5_000 }] });
    const cartId = await added({ cartId: null, productId: a.products[0].id, quantity: 1 });
    await t.db.update(products).set({ status: "archived" }).where(eq(products.id, a.products[0].id));
    const view = await getCart(t.db, cartId, "ar");
    expect(view.shops[0].lines[0]).toMatchObject({ state: "unavailable", available: 0 });
    const before = await counts();
    const result = await placeOrder(t.db, fromCart(cartId));
    expect(!result.ok && result.error.code).toBe("unavailable");
    expect(await counts()).toEqual(before);
    expect(await stockOf(a.products[0].id)).toBe(3);
  });

  it("refuses cash on delivery abroad and from a shop without it, writing nothing", async () => {
    const withCod = await createShop(t.db, { products: [{ stock: 3, priceCentimes: 5_000 }] });
    const noCod = await createShop(t.db, {
      acceptsCod: false,
      products: [{ stock: 3, priceCentimes: 5_000 }],
    });
    const before = await counts();
    const abroad = await placeOrder(
      t.db,
      request([{ productId: withCod.products[0].id, quantity: 1 }], {
        buyer: buyer({ country: "FR", phone: "+33612345678" }),
      }),
    );
    expect(!abroad.ok && abroad.error).toEqual({ code: "codAbroad" });
    const mixed = await placeOrder(
      t.db,
      request([
        { productId: withCod.products[0].id, quantity: 1 },
        { productId: noCod.products[0].id, quantity: 1 },
      ]),
    );
    expect(!mixed.ok && mixed.error.code).toBe("codShop");
    expect(!mixed.ok && mixed.error.code === "codShop" && mixed.error.shops.map((s) => s.text)).toEqual([
      noCod.coop.name.fr,
    ]);
    const card = await placeOrder(
      t.db,
      request([{ productId: withCod.products[0].id, quantity: 1 }], {
        buyer: buyer({ paymentMethod: "card" }),
        cardEnabled: false,
      }),
    );
    expect(!card.ok && card.error).toEqual({ code: "cardDisabled" });
    expect(await counts()).toEqual(before);
    expect(await stockOf(withCod.products[0].id)).toBe(3);
    // Abroad by card, with international shipping.
    const ok = await placeOrder(
      t.db,
      request([{ productId: noCod.products[0].id, quantity: 2 }], {
        buyer: buyer({ country: "FR", phone: "+33612345678", paymentMethod: "card" }),
        cardEnabled: true,
      }),
    );
    expect(ok.ok && ok.order.shippingCentimes).toBe(20_000);
    expect(ok.ok && ok.order.totalCentimes).toBe(30_000);
  });

  it("adds up two lines drawing on the same product before taking stock", async () => {
    const a = await createShop(t.db, { products: [{ stock: 5, priceCentimes: 1_000 }] });
    const id = a.products[0].id;
    const tooMany = await placeOrder(
      t.db,
      request([
        { productId: id, quantity: 3 },
        { productId: id, quantity: 3 },
      ]),
    );
    expect(!tooMany.ok && tooMany.error).toMatchObject({ code: "stock", requested: 6, available: 5 });
    expect(await stockOf(id)).toBe(5);
    const exact = await placeOrder(
      t.db,
      request([
        { productId: id, quantity: 2 },
        { productId: id, quantity: 3 },
      ]),
    );
    expect(exact.ok).toBe(true);
    expect(await stockOf(id)).toBe(0);
  });

  it("keeps cart changes within the stock on sale, and merges a guest cart at sign-in", async () => {
    const a = await createShop(t.db, {
      products: [
        { stock: 3, priceCentimes: 1_000 },
        { stock: 10, priceCentimes: 2_000 },
      ],
    });
    const [p, q] = a.products;
    const guest = await added({ cartId: null, productId: p.id, quantity: 2 });
    expect(await addToCart(t.db, { cartId: guest, productId: p.id, quantity: 2 })).toEqual({
      ok: false,
      error: { code: "stock", available: 3, cartId: guest },
    });
    expect((await setCartQuantity(t.db, { cartId: guest, productId: p.id, quantity: 4 })).ok).toBe(false);
    expect((await setCartQuantity(t.db, { cartId: guest, productId: p.id, quantity: 1 })).ok).toBe(true);
    expect((await setCartQuantity(t.db, { cartId: guest, productId: p.id, quantity: 0 })).ok).toBe(true);
    expect(await cartUnitCount(t.db, guest)).toBe(0);

    const [user] = await t.db
      .insert(users)
      .values({ email: `merge-${Date.now()}@example.ma`, name: "M" })
      .returning();
    const own = await added({ cartId: null, productId: q.id, quantity: 1, userId: user.id });
    await addToCart(t.db, { cartId: guest, productId: q.id, quantity: 2 });
    await addToCart(t.db, { cartId: guest, productId: p.id, quantity: 1 });
    const merged = await mergeCartIntoUser(t.db, { guestCartId: guest, userId: user.id });
    expect(merged).toBe(own);
    expect(
      Object.fromEntries((await cartLines(t.db, merged!)).map((l) => [l.productId, l.quantity])),
    ).toEqual({ [q.id]: 3, [p.id]: 1 });
    expect(await t.db.select().from(carts).where(eq(carts.id, guest))).toEqual([]);
    // A guest cart for a user without one simply becomes theirs.
    const [other] = await t.db
      .insert(users)
      .values({ email: `merge2-${Date.now()}@example.ma`, name: "N" })
      .returning();
    const g2 = await added({ cartId: null, productId: q.id, quantity: 1 });
    expect(await mergeCartIntoUser(t.db, { guestCartId: g2, userId: other.id })).toBe(g2);
    expect((await t.db.select().from(carts).where(eq(carts.id, g2)))[0].userId).toBe(other.id);
    expect((await t.db.select().from(cartItems).where(eq(cartItems.cartId, g2))).length).toBe(1);
  });

  it("releases the stock of card orders past their session's expiry, once", async () => {
    const a = await createShop(t.db, { products: [{ stock: 2, priceCentimes: 1_000 }] });
    const r = await placeOrder(
      t.db,
      request([{ productId: a.products[0].id, quantity: 2 }], {
        buyer: buyer({ paymentMethod: "card" }),
        cardEnabled: true,
      }),
    );
    if (!r.ok) throw new Error("order not placed");
    await attachCardSession(t.db, r.order.id, {
      id: `cs_test_${r.order.id}_${engine}`,
      url: "http://stripe.test/pay",
      expiresAt: new Date(Date.now() - 1000),
    });
    expect(await stockOf(a.products[0].id)).toBe(0);
    expect(await releaseExpiredOrders(t.db)).toBeGreaterThanOrEqual(1);
    expect(await releaseExpiredOrders(t.db)).toBe(0);
    expect(await stockOf(a.products[0].id)).toBe(2);
    const [o] = await t.db.select().from(orders).where(eq(orders.id, r.order.id));
    expect(o.paymentStatus).toBe("cancelled");
    expect((await t.db.select().from(shopOrders).where(eq(shopOrders.orderId, r.order.id)))[0].status).toBe(
      "cancelled",
    );
  });

  it("releases every expired card order in one sweep, however many there are (no cap per run)", async () => {
    // More than one batch of the sweep (500): the last one is released too, not left for a later run.
    const tag = `${engine}-${Date.now().toString(36)}`;
    const expired = new Date(Date.now() - 60_000);
    const made = await t.db
      .insert(orders)
      .values(
        Array.from({ length: 501 }, (_, i) => ({
          token: `sweep-${tag}-${i}`,
          locale: "fr",
          buyerName: "Sweep",
          buyerEmail: "sweep@example.ma",
          buyerPhone: "+212612345678",
          address: { country: "MA", city: "Fès", line1: "1 rue" },
          paymentMethod: "card" as const,
          paymentStatus: "awaiting_payment" as const,
          subtotalCentimes: 1_000,
          shippingCentimes: 0,
          totalCentimes: 1_000,
          stripeSessionId: `cs_sweep_${tag}_${i}`,
          stripeSessionExpiresAt: expired,
        })),
      )
      .returning({ id: orders.id });
    expect(await releaseExpiredOrders(t.db)).toBeGreaterThanOrEqual(made.length);
    const left = await t.db
      .select({ id: orders.id })
      .from(orders)
      .where(
        and(
          inArray(
            orders.id,
            made.map((o) => o.id),
          ),
          eq(orders.paymentStatus, "awaiting_payment"),
        ),
      );
    expect(left).toEqual([]);
  });

  it("lets each cooperative see and fulfil only its own shop orders", async () => {
    const a = await createShop(t.db, { products: [{ stock: 5, priceCentimes: 1_000 }] });
    const b = await createShop(t.db, { products: [{ stock: 5, priceCentimes: 2_000 }] });
    const r = await placeOrder(
      t.db,
      request([
        { productId: a.products[0].id, quantity: 1 },
        { productId: b.products[0].id, quantity: 2 },
      ]),
    );
    if (!r.ok) throw new Error("order not placed");
    const { orders: listA } = await listShopOrders(t.db, a.coop.id);
    const { orders: listB } = await listShopOrders(t.db, b.coop.id);
    expect(listA.map((s) => s.orderId)).toEqual([r.order.id]);
    const soA = listA[0].id;
    const soB = listB[0].id;
    expect(await getShopOrder(t.db, { cooperativeId: a.coop.id, shopOrderId: soB, locale: "fr" })).toBeNull();
    expect(
      await fulfilShopOrder(t.db, { origin, cooperativeId: a.coop.id, shopOrderId: soB, action: "confirm" }),
    ).toEqual({ ok: false, error: "notFound" });
    expect(
      await fulfilShopOrder(t.db, {
        origin,
        cooperativeId: a.coop.id,
        shopOrderId: soA,
        action: "ship",
        carrier: "Amana",
        trackingNumber: "X1",
      }),
    ).toEqual({ ok: false, error: "wrongStatus" });
    expect(
      (await fulfilShopOrder(t.db, { origin, cooperativeId: a.coop.id, shopOrderId: soA, action: "confirm" }))
        .ok,
    ).toBe(true);
    expect(
      (await fulfilShopOrder(t.db, { origin, cooperativeId: a.coop.id, shopOrderId: soA, action: "confirm" }))
        .ok,
    ).toBe(false);
    expect(
      (
        await fulfilShopOrder(t.db, {
          origin,
          cooperativeId: a.coop.id,
          shopOrderId: soA,
          action: "ship",
          carrier: "Amana",
          trackingNumber: "EE123456789MA",
        })
      ).ok,
    ).toBe(true);
    expect(
      (await fulfilShopOrder(t.db, { origin, cooperativeId: a.coop.id, shopOrderId: soA, action: "deliver" }))
        .ok,
    ).toBe(true);
    expect(
      (
        await fulfilShopOrder(t.db, {
          origin,
          cooperativeId: b.coop.id,
          shopOrderId: soB,
          action: "cancel",
          reason: "Rupture",
        })
      ).ok,
    ).toBe(true);
    expect(await stockOf(b.products[0].id)).toBe(5);
    expect(await stockOf(a.products[0].id)).toBe(4);
    const page = await getOrder(t.db, { token: r.order.token }, "fr");
    expect(page!.shopOrders.map((s) => [s.status, s.carrier, s.trackingNumber, s.cancelReason])).toEqual([
      ["delivered", "Amana", "EE123456789MA", null],
      ["cancelled", null, null, "Rupture"],
    ]);
  });
});
