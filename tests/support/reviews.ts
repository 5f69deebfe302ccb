/**
 * Orders whose parts were delivered, and reviews already written, for the tests of verified
 * reviews (decision 019) that need them as a starting point rather than as the subject.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "#db/client";
import { orders, productReviews, shopOrders } from "#db/schema";
import { placeOrder } from "~/models/checkout.server";
import { submitReview } from "~/models/reviews.server";
import { buyer } from "./shops";

/** A cash-on-delivery order of these products (one each), its parts delivered unless told otherwise. */
export async function deliveredOrder(
  db: Database,
  productIds: number[],
  options: { deliver?: boolean; buyer?: Record<string, string>; locale?: "ar" | "fr" | "en" } = {},
) {
  const placed = await placeOrder(db, {
    lines: productIds.map((productId) => ({ productId, quantity: 1 })),
    buyer: buyer(options.buyer),
    locale: options.locale ?? "fr",
    cardEnabled: false,
  });
  if (!placed.ok) throw new Error(JSON.stringify(placed.error));
  const [order] = await db.select().from(orders).where(eq(orders.token, placed.order.token));
  if (options.deliver ?? true)
    await db
      .update(shopOrders)
      .set({ status: "delivered", deliveredAt: new Date() })
      .where(eq(shopOrders.orderId, order.id));
  return order;
}

/** A review of `productId` by the buyer of a new delivered order, approved (published) unless told otherwise. */
export async function writtenReview(
  db: Database,
  productId: number,
  options: {
    rating: number;
    body: string;
    publish?: boolean;
    locale?: "ar" | "fr" | "en";
    buyerName?: string;
  },
) {
  const order = await deliveredOrder(db, [productId], {
    buyer: options.buyerName ? { name: options.buyerName } : {},
  });
  const result = await submitReview(db, {
    token: order.token,
    productId,
    rating: options.rating,
    body: options.body,
    locale: options.locale ?? "fr",
  });
  if (!result.ok) throw new Error(result.error);
  if (options.publish ?? true)
    await db
      .update(productReviews)
      .set({ status: "published", decidedAt: new Date() })
      .where(and(eq(productReviews.id, result.reviewId), inArray(productReviews.status, ["pending"])));
  return { order, reviewId: result.reviewId };
}
