/**
 * Fairs on both engines (decision 021): collection at a stand goes through the one checkout
 * (stock taken in the same transaction, no shipping, a pickup code; a failure writes nothing),
 * the database's own rules on stands and pickup parts, and the impact figures against sums
 * computed here.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cooperatives, fairStands, fairs, payouts, products, shopOrders } from "#db/schema";
import { browseAuditLog } from "~/models/audit.server";
import { placeOrder } from "~/models/checkout.server";
import { decideStand, pickupOptions, requestStand } from "~/models/fairs.server";
import { fulfilShopOrder } from "~/models/fulfilment.server";
import { getImpact } from "~/models/impact.server";
import { createTestDatabase, engines, refusal, type TestDatabase } from "../support/db";
import { buyer, createShop, type Shop } from "../support/shops";
import { makeUser } from "../support/fixtures";
import { queuedMail } from "../support/mailbox";

/** The site's address in the buyer's mails (a handover mails its review links). */
const origin = "http://hirfa.test";

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe.each(engines)("fairs on %s", (engine) => {
  let t: TestDatabase;
  let here: Shop;
  let away: Shop;
  let fairId: number;
  let staffId: number;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    here = await createShop(t.db, {
      acceptsCod: false,
      shippingFeeMa: 4000,
      products: [{ stock: 3, priceCentimes: 20_000 }],
    });
    away = await createShop(t.db, { shippingFeeMa: 2500, products: [{ stock: 3, priceCentimes: 9_000 }] });
    staffId = (await makeUser(t.db, { staffRole: "moderator" })).id;
    const [province] = await t.db
      .execute<{ slug: string }>(sql`select slug from provinces limit 1`)
      .then((r) => r.rows);
    const [fair] = await t.db
      .insert(fairs)
      .values({
        slug: "salon",
        name: { ar: "معرض", fr: "Salon" },
        provinceSlug: province.slug,
        startsOn: day(2),
        endsOn: day(4),
        publishedAt: new Date(),
      })
      .returning();
    fairId = fair.id;
    expect(
      await requestStand(t.db, { cooperativeId: here.coop.id, fairId, userId: here.owner.id, message: "" }),
    ).toEqual({
      ok: true,
    });
    const [stand] = await t.db.select().from(fairStands).where(eq(fairStands.fairId, fairId));
    expect(
      await decideStand(t.db, {
        staffId,
        fairId,
        standId: stand.id,
        decision: "accept",
        standNumber: "5",
        reason: "",
      }),
    ).toEqual({ ok: true });
  });
  afterAll(async () => {
    await t?.destroy();
  });

  const stockOf = async (id: number) =>
    (await t.db.select({ s: products.stock }).from(products).where(eq(products.id, id)))[0].s;

  it("names the stand's request and decision in the cooperative's audit log", async () => {
    const [coop] = await t.db.select().from(cooperatives).where(eq(cooperatives.id, here.coop.id));
    const log = await browseAuditLog(t.db, {
      filters: { cooperativeId: here.coop.id },
      page: 1,
      locale: "fr",
    });
    const of = (action: string) => log.entries.find((e) => e.action === action);
    const object = { text: coop.name.fr, href: `/fr/chamber/fairs/${fairId}` };
    expect(of("fair_stand.request")).toMatchObject({ known: true, object, values: { fair: "Salon" } });
    expect(of("fair_stand.accept")).toMatchObject({
      known: true,
      object,
      values: { fair: "Salon", stand: "5" },
    });
  });

  it("offers collection only where the cart's cooperatives have an accepted stand", async () => {
    const options = await pickupOptions(t.db, [here.coop.id, away.coop.id], "fr");
    expect(options.map((o) => ({ id: o.id, coops: o.cooperatives }))).toEqual([
      { id: fairId, coops: [{ id: here.coop.id, standNumber: "5" }] },
    ]);
    expect(await pickupOptions(t.db, [away.coop.id], "fr")).toEqual([]);
  });

  it("collects one part at the stand and ships the other, in one order and one transaction", async () => {
    const placed = await placeOrder(t.db, {
      lines: [
        { productId: here.products[0].id, quantity: 2 },
        { productId: away.products[0].id, quantity: 1 },
      ],
      buyer: buyer({ pickupFair: String(fairId) }),
      locale: "fr",
      cardEnabled: false,
    });
    if (!placed.ok) throw new Error(JSON.stringify(placed.error));
    expect(placed.order.shippingCentimes).toBe(2500);
    expect(placed.order.totalCentimes).toBe(40_000 + 9_000 + 2500);
    const parts = await t.db.select().from(shopOrders).where(eq(shopOrders.orderId, placed.order.id));
    const collected = parts.find((p) => p.cooperativeId === here.coop.id)!;
    const shipped = parts.find((p) => p.cooperativeId === away.coop.id)!;
    expect(collected).toMatchObject({ pickupFairId: fairId, shippingCentimes: 0 });
    expect(collected.pickupCode).toMatch(/^[A-Z0-9]{6}$/);
    expect(shipped).toMatchObject({ pickupFairId: null, pickupCode: null, shippingCentimes: 2500 });
    expect(await stockOf(here.products[0].id)).toBe(1);
    // The shipped part cannot be "handed over"; the collected one cannot be shipped.
    expect(
      await fulfilShopOrder(t.db, {
        origin,
        cooperativeId: away.coop.id,
        shopOrderId: shipped.id,
        action: "handover",
        code: "X",
      }),
    ).toEqual({ ok: false, error: "wrongStatus" });
    await fulfilShopOrder(t.db, {
      origin,
      cooperativeId: here.coop.id,
      shopOrderId: collected.id,
      action: "confirm",
    });
    expect(
      await fulfilShopOrder(t.db, {
        origin,
        cooperativeId: here.coop.id,
        shopOrderId: collected.id,
        action: "ship",
        carrier: "Amana",
        trackingNumber: "1",
      }),
    ).toEqual({ ok: false, error: "wrongStatus" });
    const wrong = collected.pickupCode!.replace(/^./, (c) => (c === "A" ? "C" : "A"));
    expect(
      await fulfilShopOrder(t.db, {
        origin,
        cooperativeId: here.coop.id,
        shopOrderId: collected.id,
        action: "handover",
        code: wrong,
      }),
    ).toEqual({ ok: false, error: "wrongCode" });
    expect(
      await fulfilShopOrder(t.db, {
        origin,
        cooperativeId: here.coop.id,
        shopOrderId: collected.id,
        action: "handover",
        code: ` ${collected.pickupCode!.slice(0, 3).toLowerCase()}-${collected.pickupCode!.slice(3)} `,
      }),
    ).toMatchObject({ ok: true, status: "delivered" });
    // Handed over is delivered: the buyer's delivered mail, with its review link, is queued with it.
    const delivered = (await queuedMail(t.db, placed.order.buyerEmail)).filter((m) =>
      m.text.includes(`${origin}/fr/orders/${placed.order.token}/review/${here.products[0].id}`),
    );
    expect(delivered.map((m) => m.subject)).toEqual([
      expect.stringMatching(/^Votre commande H-\d{4}-\d{6}-[A-Z]+ est livrée$/),
    ]);
  });

  it("writes nothing when the stock runs out or the fair is over", async () => {
    const tooMany = await placeOrder(t.db, {
      lines: [{ productId: here.products[0].id, quantity: 2 }],
      buyer: buyer({ pickupFair: String(fairId), city: "", line1: "" }),
      locale: "ar",
      cardEnabled: false,
    });
    expect(tooMany).toMatchObject({ ok: false, error: { code: "stock", available: 1 } });
    await t.db
      .update(fairs)
      .set({ startsOn: day(-5), endsOn: day(-1) })
      .where(eq(fairs.id, fairId));
    const over = await placeOrder(t.db, {
      lines: [{ productId: here.products[0].id, quantity: 1 }],
      buyer: buyer({ pickupFair: String(fairId), city: "", line1: "" }),
      locale: "ar",
      cardEnabled: false,
    });
    expect(over).toEqual({ ok: false, error: { code: "pickupUnavailable" } });
    expect(await stockOf(here.products[0].id)).toBe(1);
    await t.db
      .update(fairs)
      .set({ startsOn: day(2), endsOn: day(4) })
      .where(eq(fairs.id, fairId));
  });

  it("refuses, in the database, a stand number given twice, a pickup part without its code or with shipping", async () => {
    await t.db.insert(fairStands).values({ fairId, cooperativeId: away.coop.id });
    await expect(
      refusal(
        t.db
          .update(fairStands)
          .set({ status: "accepted", standNumber: "5" })
          .where(eq(fairStands.cooperativeId, away.coop.id)),
      ),
    ).resolves.toEqual({ code: "23505", constraint: "fair_stands_number_idx" });
    const [part] = await t.db.select().from(shopOrders).where(eq(shopOrders.cooperativeId, here.coop.id));
    await expect(
      refusal(t.db.update(shopOrders).set({ pickupCode: null }).where(eq(shopOrders.id, part.id))),
    ).resolves.toEqual({ code: "23514", constraint: "shop_orders_pickup_has_code" });
    await expect(
      refusal(t.db.update(shopOrders).set({ shippingCentimes: 100 }).where(eq(shopOrders.id, part.id))),
    ).resolves.toEqual({ code: "23514", constraint: "shop_orders_pickup_has_code" });
  });

  it("sums the impact from the ledger and the sales", async () => {
    await t.db
      .update(cooperatives)
      .set({ memberCount: 12, womenMemberCount: 9 })
      .where(eq(cooperatives.id, here.coop.id));
    await t.db.insert(payouts).values([
      { cooperativeId: here.coop.id, amountCentimes: 30_000, reference: "V1", paidOn: day(0) },
      { cooperativeId: here.coop.id, amountCentimes: 5_000, reference: "V0", paidOn: "2019-06-01" },
    ]);
    const impact = await getImpact(t.db, "fr");
    // Sales: the collected part (delivered); the shipped COD part is still pending confirmation.
    expect(impact).toMatchObject({
      paidThisYearCentimes: 30_000,
      paidTotalCentimes: 35_000,
      orders: 1,
      articles: 2,
      salesCentimes: 40_000,
      cooperativesSelling: 1,
      membersSelling: 12,
      womenMembers: 9,
      womenReportedBy: 1,
    });
    const [province] = impact.byProvince.filter((p) => p.articles > 0);
    expect(province).toMatchObject({ cooperatives: 1, articles: 2, salesCentimes: 40_000 });
    expect(impact.byProvince.reduce((s, p) => s + p.paidCentimes, 0)).toBe(35_000);
    expect(impact.byCraft.reduce((s, c) => s + c.articles, 0)).toBe(2);
  });
});
