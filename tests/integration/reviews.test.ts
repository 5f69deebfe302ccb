/**
 * The rules of verified reviews in the model, on PGlite and PostgreSQL (decision 019): a
 * review needs a delivered part of the order its token names; once per product per order even
 * when two posts race; one decision per review or answer when two staff decide at once; one
 * answer per review; only approved reviews of visible listings count in the average.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cooperatives, productReviews, shopOrders, users } from "#db/schema";
import {
  decideBuyerReview,
  publishedReviews,
  publicAuthorName,
  replyToReview,
  submitReview,
} from "~/models/reviews.server";
import { reviewQueue, countPendingReviews } from "~/models/moderation.server";
import { createTestDatabase, engines, type TestDatabase } from "../support/db";
import { deliveredOrder } from "../support/reviews";
import { createShop, type Shop } from "../support/shops";

describe.each(engines)("verified reviews on %s", (engine) => {
  let t: TestDatabase;
  let shop: Shop;
  let staffA: number;
  let staffB: number;

  beforeAll(async () => {
    t = await createTestDatabase(engine, { poolSize: 4 });
    shop = await createShop(t.db, {
      products: [
        { stock: 50, priceCentimes: 10_000 },
        { stock: 50, priceCentimes: 20_000 },
      ],
    });
    [{ id: staffA }, { id: staffB }] = await t.db
      .insert(users)
      .values([
        { email: `a-${engine}@chamber.ma`, name: "A", staffRole: "moderator" },
        { email: `b-${engine}@chamber.ma`, name: "B", staffRole: "moderator" },
      ])
      .returning();
  });
  afterAll(async () => {
    await t?.destroy();
  });

  const input = (token: string, productId: number, rating = 5) => ({
    token,
    productId,
    rating,
    body: "Une belle pièce, comme sur les photos.",
    locale: "fr" as const,
  });

  it("refuses an undelivered part, another order's product and a made-up token", async () => {
    const pending = await deliveredOrder(t.db, [shop.products[0].id], { deliver: false });
    expect(await submitReview(t.db, input(pending.token, shop.products[0].id))).toEqual({
      ok: false,
      error: "not_delivered",
    });
    // Shipped is not delivered either.
    await t.db.update(shopOrders).set({ status: "shipped" }).where(eq(shopOrders.orderId, pending.id));
    expect(await submitReview(t.db, input(pending.token, shop.products[0].id))).toEqual({
      ok: false,
      error: "not_delivered",
    });
    const delivered = await deliveredOrder(t.db, [shop.products[0].id]);
    expect(await submitReview(t.db, input(delivered.token, shop.products[1].id))).toEqual({
      ok: false,
      error: "not_found",
    });
    expect(await submitReview(t.db, input("A".repeat(32), shop.products[0].id))).toEqual({
      ok: false,
      error: "not_found",
    });
    expect(await t.db.select().from(productReviews)).toHaveLength(0);
  });

  it("takes one review per product per order, even when two posts race", async () => {
    const order = await deliveredOrder(t.db, [shop.products[0].id, shop.products[1].id]);
    const results = await Promise.all([
      submitReview(t.db, input(order.token, shop.products[0].id, 5)),
      submitReview(t.db, input(order.token, shop.products[0].id, 1)),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, error: "already_reviewed" }]);
    // The other product of the same order has its own review.
    expect((await submitReview(t.db, input(order.token, shop.products[1].id))).ok).toBe(true);
    const rows = await t.db.select().from(productReviews).where(eq(productReviews.orderId, order.id));
    expect(rows).toHaveLength(2);
  });

  it("queues reviews with listings; two staff deciding at once: one decision, one audit entry", async () => {
    const order = await deliveredOrder(t.db, [shop.products[1].id]);
    const submitted = await submitReview(t.db, input(order.token, shop.products[1].id, 3));
    if (!submitted.ok) throw new Error(submitted.error);
    const queue = await reviewQueue(t.db, { locale: "fr" });
    expect(queue.some((q) => q.kind === "review" && q.id === submitted.reviewId)).toBe(true);
    expect(await countPendingReviews(t.db)).toBe(queue.length);
    const results = await Promise.all([
      decideBuyerReview(
        t.db,
        { id: submitted.reviewId, target: "review", staffId: staffA, approve: true },
        "http://x",
      ),
      decideBuyerReview(
        t.db,
        {
          id: submitted.reviewId,
          target: "review",
          staffId: staffB,
          approve: false,
          reasonCode: "other",
          note: "",
        },
        "http://x",
      ),
    ]);
    expect(results.map((r) => (r.ok ? "done" : r.error)).sort()).toEqual(["already_decided", "done"]);
    const audit = await t.db.execute<{ n: number }>(
      sql`select count(*)::int as n from audit_log where entity_type = 'product_review' and entity_id = ${String(submitted.reviewId)}`,
    );
    expect(Number(audit.rows[0].n)).toBe(1);
  });

  it("lets a cooperative answer once (again only after a rejection), and only its own reviews", async () => {
    const order = await deliveredOrder(t.db, [shop.products[0].id]);
    const submitted = await submitReview(t.db, input(order.token, shop.products[0].id, 4));
    if (!submitted.ok) throw new Error(submitted.error);
    const reply = {
      cooperativeId: shop.coop.id,
      reviewId: submitted.reviewId,
      userId: shop.owner.id,
      locale: "fr" as const,
    };
    // Not before the review itself is public.
    expect(await replyToReview(t.db, { ...reply, body: "Merci !" })).toEqual({
      ok: false,
      error: "not_found",
    });
    await decideBuyerReview(
      t.db,
      { id: submitted.reviewId, target: "review", staffId: staffA, approve: true },
      "http://x",
    );
    const other = await createShop(t.db, { products: [{ stock: 1, priceCentimes: 1_000 }] });
    expect(await replyToReview(t.db, { ...reply, cooperativeId: other.coop.id, body: "Pas nous." })).toEqual({
      ok: false,
      error: "not_found",
    });
    expect(await replyToReview(t.db, { ...reply, body: "Merci !" })).toEqual({ ok: true });
    expect(await replyToReview(t.db, { ...reply, body: "Encore merci !" })).toEqual({
      ok: false,
      error: "already_answered",
    });
    await decideBuyerReview(
      t.db,
      {
        id: submitted.reviewId,
        target: "reply",
        staffId: staffA,
        approve: false,
        reasonCode: "review_abusive",
        note: "",
      },
      "http://x",
    );
    expect(await replyToReview(t.db, { ...reply, body: "Merci pour votre avis." })).toEqual({ ok: true });
    const [row] = await t.db.select().from(productReviews).where(eq(productReviews.id, submitted.reviewId));
    expect(row).toMatchObject({ reply: "Merci pour votre avis.", replyStatus: "pending", replyReason: null });
  });

  it("averages approved reviews of visible listings only", async () => {
    const fresh = await createShop(t.db, { products: [{ stock: 50, priceCentimes: 5_000 }] });
    const productId = fresh.products[0].id;
    for (const rating of [5, 4, 2]) {
      const order = await deliveredOrder(t.db, [productId]);
      const r = await submitReview(t.db, input(order.token, productId, rating));
      if (!r.ok) throw new Error(r.error);
      if (rating !== 2)
        await decideBuyerReview(
          t.db,
          { id: r.reviewId, target: "review", staffId: staffA, approve: true },
          "http://x",
        );
    }
    const page = await publishedReviews(t.db, { productId, locale: "fr", page: 1 });
    expect(page).toMatchObject({ count: 2, average: 4.5, pageCount: 1 });
    expect(page.reviews.map((r) => r.rating).sort()).toEqual([4, 5]);
    // A suspended cooperative's reviews go with its listings.
    await t.db.update(cooperatives).set({ status: "suspended" }).where(eq(cooperatives.id, fresh.coop.id));
    expect(
      (await publishedReviews(t.db, { cooperativeSlug: fresh.coop.slug, locale: "fr", page: 1 })).count,
    ).toBe(0);
  });
});

describe("the name a review is signed with", () => {
  it("is a first name and an initial, never the whole name", () => {
    expect(publicAuthorName("Salma Alaoui")).toBe("Salma A.");
    expect(publicAuthorName("  محمد   بن  علي ")).toBe("محمد ع.");
    expect(publicAuthorName("Madonna")).toBe("Madonna");
    expect(publicAuthorName("   ")).toBe("—");
  });
});
