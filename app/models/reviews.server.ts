/**
 * Verified reviews (decision 019). Only the buyer of a delivered part of an order may review
 * its products: the order's private token names the buyer (guests and signed-in buyers alike),
 * and the product must be a line of a delivered shop order of that order. Once per product per
 * order (a unique index). A review, and the cooperative's one answer, go public only after the
 * chamber approved them, in the same queue and with the same reasons as listings; every
 * decision is audited and mailed through the outbox (decision 009).
 */
import { and, asc, count, desc, eq, isNotNull, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "#db/client";
import {
  cooperatives,
  crafts,
  memberships,
  orderLines,
  orders,
  productReviews,
  products,
  provinces,
  rejectionReasons,
  shopOrders,
  users,
} from "#db/schema";
import { defaultLocale, isLocale, type Locale } from "~/i18n/config";
import { getFixedT } from "~/i18n/i18n.server";
import { dateText, formatNumber } from "~/i18n/format";
import { pickLocalized, type LocalizedText } from "~/i18n/localized";
import { localePath } from "~/utils/urls";
import { recordAudit } from "./audit.server";
import type { Outcome } from "~/utils/outcome";
import { buyerVisible } from "./catalogue.server";
import { queueMail } from "./mail-outbox.server";
import { orderReference } from "./order-reference";
import { isRejectionReason } from "./rejection-reasons.server";
import { isOrderToken } from "./orders.server";
import { pageWindow } from "./pagination";

export const REVIEWS_PAGE_SIZE = 10;
export const REVIEW_BODY_MAX = 2000;

export type ReviewStatus = (typeof productReviews.$inferSelect)["status"];

/** "Salma Alaoui" → "Salma A.": enough to be a person, not enough to find them. */
export function publicAuthorName(fullName: string): string {
  const words = fullName.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "—";
  const [first, ...rest] = words;
  const initial = rest.length > 0 ? ` ${Array.from(rest[rest.length - 1])[0]}.` : "";
  return `${Array.from(first).slice(0, 40).join("")}${initial}`;
}

// ─── The buyer's side ───────────────────────────────────────────────────────

export type ReviewableLine = {
  shopOrderId: number;
  productId: number;
  title: LocalizedText;
  review: { status: ReviewStatus; rating: number } | null;
};

/** The products of the order's delivered parts, each with the buyer's review of it if any. */
export async function reviewableLines(
  db: Executor,
  orderId: number,
  locale: Locale,
): Promise<ReviewableLine[]> {
  const rows = await db
    .select({
      shopOrderId: shopOrders.id,
      productId: orderLines.productId,
      title: orderLines.titleSnapshot,
      status: productReviews.status,
      rating: productReviews.rating,
    })
    .from(orderLines)
    .innerJoin(shopOrders, eq(shopOrders.id, orderLines.shopOrderId))
    .leftJoin(
      productReviews,
      and(eq(productReviews.orderId, shopOrders.orderId), eq(productReviews.productId, orderLines.productId)),
    )
    .where(
      and(
        eq(shopOrders.orderId, orderId),
        eq(shopOrders.status, "delivered"),
        isNotNull(orderLines.productId),
      ),
    )
    .orderBy(asc(orderLines.id));
  return rows.map((r) => ({
    shopOrderId: r.shopOrderId,
    productId: r.productId!,
    title: pickLocalized(r.title, locale),
    review: r.status && r.rating ? { status: r.status, rating: r.rating } : null,
  }));
}

export type ReviewTarget = {
  orderId: number;
  token: string;
  reference: string;
  shopOrderId: number;
  productId: number;
  cooperativeId: number;
  title: LocalizedText;
  buyerName: string;
  existing: { status: ReviewStatus; rating: number; body: string } | null;
};

export type ReviewRefusal = "not_found" | "not_delivered";

/**
 * What the buyer holding `token` may review of `productId`: the line must be in that order, in a
 * part that was delivered. Anything else is refused — another buyer's product, an undelivered
 * part, a made-up id — without saying more than "not found" or "not delivered yet".
 */
export async function reviewTarget(
  db: Executor,
  input: { token: string; productId: number; locale: Locale },
): Promise<Outcome<{ target: ReviewTarget }, ReviewRefusal>> {
  if (!isOrderToken(input.token) || !Number.isSafeInteger(input.productId))
    return { ok: false, error: "not_found" };
  const [order] = await db.select().from(orders).where(eq(orders.token, input.token)).limit(1);
  if (!order) return { ok: false, error: "not_found" };
  const lines = await db
    .select({
      shopOrderId: shopOrders.id,
      status: shopOrders.status,
      cooperativeId: shopOrders.cooperativeId,
      title: orderLines.titleSnapshot,
    })
    .from(orderLines)
    .innerJoin(shopOrders, eq(shopOrders.id, orderLines.shopOrderId))
    .where(and(eq(shopOrders.orderId, order.id), eq(orderLines.productId, input.productId)))
    .orderBy(asc(orderLines.id));
  if (lines.length === 0) return { ok: false, error: "not_found" };
  const line = lines.find((l) => l.status === "delivered");
  if (!line) return { ok: false, error: "not_delivered" };
  const [existing] = await db
    .select({ status: productReviews.status, rating: productReviews.rating, body: productReviews.body })
    .from(productReviews)
    .where(and(eq(productReviews.orderId, order.id), eq(productReviews.productId, input.productId)));
  return {
    ok: true,
    target: {
      orderId: order.id,
      token: order.token,
      reference: orderReference(order),
      shopOrderId: line.shopOrderId,
      productId: input.productId,
      cooperativeId: line.cooperativeId,
      title: pickLocalized(line.title, input.locale),
      buyerName: order.buyerName,
      existing: existing ?? null,
    },
  };
}

export type SubmitResult = Outcome<{ reviewId: number }, ReviewRefusal | "already_reviewed">;

/** Records the buyer's review, waiting for the chamber. A second one for the same order and product is refused. */
export async function submitReview(
  db: Executor,
  input: { token: string; productId: number; rating: number; body: string; locale: Locale },
): Promise<SubmitResult> {
  const found = await reviewTarget(db, {
    token: input.token,
    productId: input.productId,
    locale: input.locale,
  });
  if (!found.ok) return found;
  const t = found.target;
  if (t.existing) return { ok: false, error: "already_reviewed" };
  // The unique index settles two posts at once: the second inserts nothing.
  const [row] = await db
    .insert(productReviews)
    .values({
      productId: t.productId,
      cooperativeId: t.cooperativeId,
      orderId: t.orderId,
      shopOrderId: t.shopOrderId,
      rating: input.rating,
      body: input.body,
      locale: input.locale,
      authorName: publicAuthorName(t.buyerName),
    })
    .onConflictDoNothing()
    .returning({ id: productReviews.id });
  return row ? { ok: true, reviewId: row.id } : { ok: false, error: "already_reviewed" };
}

// ─── Public pages ───────────────────────────────────────────────────────────

export type RatingSummary = {
  count: number;
  /** Mean of the ratings, e.g. 4.5; null without reviews. */ average: number | null;
};

export type PublicReview = {
  id: number;
  rating: number;
  body: string;
  lang: string;
  author: string;
  publishedAt: string;
  product: { slug: string; title: LocalizedText } | null;
  reply: { body: string; lang: string } | null;
};

/** A published review as buyers read it; its product when the list spans several. */
function toPublicReview(
  r: typeof productReviews.$inferSelect,
  product: PublicReview["product"],
): PublicReview {
  return {
    id: r.id,
    rating: r.rating,
    body: r.body,
    lang: r.locale,
    author: r.authorName,
    publishedAt: (r.decidedAt ?? r.createdAt).toISOString(),
    product,
    reply:
      r.replyStatus === "published" && r.reply ? { body: r.reply, lang: r.replyLocale ?? r.locale } : null,
  };
}

/** Reviews newest decided first (the public list's and the shop's order). */
const newestDecidedFirst = [desc(productReviews.decidedAt), desc(productReviews.id)] as const;

export type ReviewsPage = RatingSummary & { reviews: PublicReview[]; page: number; pageCount: number };

/**
 * Approved reviews of one product or of every product of one cooperative, newest first, with
 * their count and average: only listings buyers may see (decision 004's one visibility rule).
 */
export async function publishedReviews(
  db: Executor,
  input: ({ productId: number } | { cooperativeSlug: string }) & { locale: Locale; page: number },
): Promise<ReviewsPage> {
  const scope: SQL =
    "productId" in input
      ? eq(productReviews.productId, input.productId)
      : eq(cooperatives.slug, input.cooperativeSlug);
  const where = and(scope, eq(productReviews.status, "published"), buyerVisible);
  const [summary] = await db
    .select({
      count: count(),
      // Rounded to a tenth by the database: no float arithmetic here.
      average: sql<string | null>`round(avg(${productReviews.rating}), 1)::text`,
    })
    .from(productReviews)
    .innerJoin(products, eq(products.id, productReviews.productId))
    .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
    .where(where);
  const total = Number(summary?.count ?? 0);
  const { page, pageCount, limit, offset } = pageWindow(total, input.page, REVIEWS_PAGE_SIZE);
  const rows =
    total === 0
      ? []
      : await db
          .select({ review: productReviews, slug: products.slug, title: products.title })
          .from(productReviews)
          .innerJoin(products, eq(products.id, productReviews.productId))
          .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
          .where(where)
          .orderBy(...newestDecidedFirst)
          .limit(limit)
          .offset(offset);
  return {
    count: total,
    average: summary?.average == null ? null : Number(summary.average),
    page,
    pageCount,
    reviews: rows.map(({ review, slug, title }) =>
      toPublicReview(
        review,
        "cooperativeSlug" in input ? { slug, title: pickLocalized(title, input.locale) } : null,
      ),
    ),
  };
}

// ─── The cooperative's side ─────────────────────────────────────────────────

export type ShopReview = PublicReview & {
  replyStatus: ReviewStatus | null;
  replyDraft: string | null;
  replyReason: LocalizedText | null;
  replyNote: string | null;
};

/** The cooperative's published reviews, newest first, with the state of its answer to each. */
export async function shopReviews(
  db: Executor,
  input: { cooperativeId: number; locale: Locale; page: number },
): Promise<{ reviews: ShopReview[]; page: number; pageCount: number; count: number }> {
  const where = and(
    eq(productReviews.cooperativeId, input.cooperativeId),
    eq(productReviews.status, "published"),
  );
  const [{ n }] = await db.select({ n: count() }).from(productReviews).where(where);
  const { page, pageCount, limit, offset } = pageWindow(n, input.page, REVIEWS_PAGE_SIZE);
  const rows = await db
    .select({
      review: productReviews,
      slug: products.slug,
      title: products.title,
      reason: rejectionReasons.label,
    })
    .from(productReviews)
    .innerJoin(products, eq(products.id, productReviews.productId))
    .leftJoin(rejectionReasons, eq(rejectionReasons.code, productReviews.replyReason))
    .where(where)
    .orderBy(...newestDecidedFirst)
    .limit(limit)
    .offset(offset);
  return {
    count: n,
    page,
    pageCount,
    reviews: rows.map(({ review: r, slug, title, reason }) => ({
      ...toPublicReview(r, { slug, title: pickLocalized(title, input.locale) }),
      replyStatus: r.replyStatus,
      replyDraft: r.reply,
      replyReason: r.replyStatus === "rejected" && reason ? pickLocalized(reason, input.locale) : null,
      replyNote: r.replyStatus === "rejected" ? r.replyNote : null,
    })),
  };
}

/**
 * The cooperative's one public answer to a published review of its own. It may write again only
 * when the chamber turned the previous answer down; a pending or published answer is final.
 */
export async function replyToReview(
  db: Executor,
  input: { cooperativeId: number; reviewId: number; userId: number; body: string; locale: Locale },
): Promise<Outcome<object, "not_found" | "already_answered">> {
  const updated = await db
    .update(productReviews)
    .set({
      reply: input.body,
      replyLocale: input.locale,
      replyStatus: "pending",
      replyBy: input.userId,
      replySubmittedAt: new Date(),
      replyDecidedBy: null,
      replyDecidedAt: null,
      replyReason: null,
      replyNote: null,
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(productReviews.id, input.reviewId),
        eq(productReviews.cooperativeId, input.cooperativeId),
        eq(productReviews.status, "published"),
        or(sql`${productReviews.replyStatus} is null`, eq(productReviews.replyStatus, "rejected")),
      ),
    )
    .returning({ id: productReviews.id });
  if (updated.length > 0) return { ok: true };
  const [row] = await db
    .select({ id: productReviews.id })
    .from(productReviews)
    .where(
      and(
        eq(productReviews.id, input.reviewId),
        eq(productReviews.cooperativeId, input.cooperativeId),
        eq(productReviews.status, "published"),
      ),
    );
  return { ok: false, error: row ? "already_answered" : "not_found" };
}

// ─── The chamber's side ─────────────────────────────────────────────────────

export type BuyerReviewQueueItem = {
  kind: "review" | "reply";
  id: number;
  productId: number;
  title: LocalizedText;
  cooperative: LocalizedText;
  craft: LocalizedText;
  province: LocalizedText;
  submittedAt: Date | null;
};

/** Reviews and answers waiting for the chamber, for the one review queue (moderation.server.ts). */
export async function pendingBuyerReviews(
  db: Executor,
  input: { locale: Locale; where: SQL[] },
): Promise<BuyerReviewQueueItem[]> {
  const rows = await db
    .select({
      review: productReviews,
      title: products.title,
      cooperative: cooperatives.name,
      craft: crafts.name,
      province: provinces.name,
    })
    .from(productReviews)
    .innerJoin(products, eq(products.id, productReviews.productId))
    .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
    .innerJoin(crafts, eq(crafts.id, products.craftId))
    .innerJoin(provinces, eq(provinces.slug, cooperatives.provinceSlug))
    .where(
      and(
        or(eq(productReviews.status, "pending"), eq(productReviews.replyStatus, "pending")),
        ...input.where,
      ),
    );
  return rows.map(({ review: r, title, cooperative, craft, province }) => {
    const reply = r.status !== "pending";
    return {
      kind: reply ? ("reply" as const) : ("review" as const),
      id: r.id,
      productId: r.productId,
      title: pickLocalized(title, input.locale),
      cooperative: pickLocalized(cooperative, input.locale),
      craft: pickLocalized(craft, input.locale),
      province: pickLocalized(province, input.locale),
      submittedAt: reply ? r.replySubmittedAt : r.createdAt,
    };
  });
}

/** SQL counting what buyer reviews add to the queue (optionally only those waiting since before `before`). */
export function pendingBuyerReviewsCountSql(before?: Date): SQL {
  return before
    ? sql`(select count(*) from product_reviews where status = 'pending' and created_at < ${before})
        + (select count(*) from product_reviews where reply_status = 'pending' and reply_submitted_at < ${before})`
    : sql`(select count(*) from product_reviews where status = 'pending')
        + (select count(*) from product_reviews where reply_status = 'pending')`;
}

export type BuyerReviewDetail = {
  id: number;
  rating: number;
  body: string;
  lang: string;
  author: string;
  status: ReviewStatus;
  reference: string;
  submittedAt: string;
  product: { id: number; slug: string; title: LocalizedText };
  cooperative: LocalizedText;
  reply: { body: string; lang: string; status: ReviewStatus } | null;
};

export async function getBuyerReview(
  db: Executor,
  id: number,
  locale: Locale,
): Promise<BuyerReviewDetail | null> {
  if (!Number.isSafeInteger(id)) return null;
  const [row] = await db
    .select({
      review: productReviews,
      slug: products.slug,
      title: products.title,
      cooperative: cooperatives.name,
      order: { id: orders.id, createdAt: orders.createdAt },
    })
    .from(productReviews)
    .innerJoin(products, eq(products.id, productReviews.productId))
    .innerJoin(cooperatives, eq(cooperatives.id, productReviews.cooperativeId))
    .innerJoin(orders, eq(orders.id, productReviews.orderId))
    .where(eq(productReviews.id, id));
  if (!row) return null;
  const r = row.review;
  return {
    id: r.id,
    rating: r.rating,
    body: r.body,
    lang: r.locale,
    author: r.authorName,
    status: r.status,
    reference: orderReference(row.order),
    submittedAt: r.createdAt.toISOString(),
    product: { id: r.productId, slug: row.slug, title: pickLocalized(row.title, locale) },
    cooperative: pickLocalized(row.cooperative, locale),
    reply:
      r.replyStatus && r.reply
        ? { body: r.reply, lang: r.replyLocale ?? r.locale, status: r.replyStatus }
        : null,
  };
}

export type BuyerReviewDecision = { id: number; target: "review" | "reply"; staffId: number } & (
  | { approve: true }
  | { approve: false; reasonCode: string; note: string }
);

/**
 * Approves or rejects a waiting review or answer: a conditional update of a row still pending
 * (two staff at once: one wins, the other is told), one audit entry, and the mail it owes, all
 * in one transaction. Approving a review tells the cooperative (which may answer); rejecting one
 * tells the buyer why; the cooperative hears the fate of its answer.
 */
export async function decideBuyerReview(
  db: Executor,
  decision: BuyerReviewDecision,
  origin: string,
): Promise<Outcome<object, "already_decided" | "not_found" | "unknown_reason">> {
  if (!decision.approve && !(await isRejectionReason(db, decision.reasonCode, "review"))) {
    return { ok: false, error: "unknown_reason" };
  }
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(productReviews).where(eq(productReviews.id, decision.id));
    if (!before) return { ok: false, error: "not_found" } as const;
    const now = new Date();
    const status = decision.approve ? ("published" as const) : ("rejected" as const);
    const reasonCode = decision.approve ? null : decision.reasonCode;
    const note = decision.approve ? null : decision.note;
    const updated =
      decision.target === "review"
        ? await tx
            .update(productReviews)
            .set({
              status,
              decidedBy: decision.staffId,
              decidedAt: now,
              reviewReason: reasonCode,
              reviewNote: note,
              updatedAt: now,
            })
            .where(and(eq(productReviews.id, decision.id), eq(productReviews.status, "pending")))
            .returning({ id: productReviews.id })
        : await tx
            .update(productReviews)
            .set({
              replyStatus: status,
              replyDecidedBy: decision.staffId,
              replyDecidedAt: now,
              replyReason: reasonCode,
              replyNote: note,
              updatedAt: now,
            })
            .where(and(eq(productReviews.id, decision.id), eq(productReviews.replyStatus, "pending")))
            .returning({ id: productReviews.id });
    if (updated.length === 0) return { ok: false, error: "already_decided" } as const;
    await recordAudit(tx, {
      actorUserId: decision.staffId,
      action: `${decision.target === "review" ? "product_review" : "review_reply"}.${decision.approve ? "approve" : "reject"}`,
      entityType: "product_review",
      entityId: String(decision.id),
      reason: decision.approve ? null : `${decision.reasonCode}: ${decision.note}`.trim(),
      before: { status: "pending" },
      after: { status },
    });
    await notifyDecision(tx, before, decision, origin);
    return { ok: true } as const;
  });
}

async function notifyDecision(
  db: Executor,
  review: typeof productReviews.$inferSelect,
  decision: BuyerReviewDecision,
  origin: string,
) {
  const [product] = await db.select().from(products).where(eq(products.id, review.productId));
  const [reason] = decision.approve
    ? []
    : await db.select().from(rejectionReasons).where(eq(rejectionReasons.code, decision.reasonCode));
  // A rejected review: the buyer reads why, in the language of the review.
  if (decision.target === "review" && !decision.approve) {
    const [order] = await db.select().from(orders).where(eq(orders.id, review.orderId));
    const locale: Locale = isLocale(review.locale)
      ? review.locale
      : isLocale(order.locale)
        ? order.locale
        : defaultLocale;
    const t = getFixedT(locale);
    const title = pickLocalized(product.title, locale).text;
    await queueMail(db, {
      kind: "review_decision",
      to: order.buyerEmail,
      subject: t("trustmail:mail.reviewRejectedSubject", { title }),
      text: t("trustmail:mail.reviewRejectedBody", {
        name: order.buyerName,
        title,
        reason: pickLocalized(reason?.label, locale).text,
        note: decision.note || "—",
        link: `${origin}${localePath(locale, `/orders/${order.token}`)}`,
      }),
    });
    return;
  }
  if (decision.target === "review" || decision.target === "reply") {
    const owners = await db
      .select({ email: users.email, locale: users.preferredLocale })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.cooperativeId, review.cooperativeId), eq(memberships.role, "owner")));
    for (const owner of owners) {
      const locale: Locale = isLocale(owner.locale) ? owner.locale : defaultLocale;
      const t = getFixedT(locale);
      const title = pickLocalized(product.title, locale).text;
      const link = `${origin}${localePath(locale, "/shop/reviews")}`;
      const key =
        decision.target === "review" ? "newReview" : decision.approve ? "replyApproved" : "replyRejected";
      await queueMail(db, {
        kind: "review_decision",
        to: owner.email,
        subject: t(`trustmail:mail.${key}Subject`, { title }),
        text: t(`trustmail:mail.${key}Body`, {
          title,
          rating: review.rating,
          reason: pickLocalized(reason?.label, locale).text,
          note: (!decision.approve && decision.note) || "—",
          link,
        }),
      });
    }
  }
}

/** Products of the delivered part `shopOrderId`, for the review links of the delivery mail. */
export async function deliveredProducts(db: Executor, shopOrderId: number) {
  const rows = await db
    .select({ productId: orderLines.productId })
    .from(orderLines)
    .where(and(eq(orderLines.shopOrderId, shopOrderId), isNotNull(orderLines.productId)));
  return rows.map((r) => r.productId!).filter((id, i, all) => all.indexOf(id) === i);
}

/** Dates and the average written by the server for the page (the browser shows the same words). */
export function presentReviews(page: ReviewsPage, locale: Locale) {
  return {
    ...page,
    averageText:
      page.average === null
        ? null
        : formatNumber(page.average, locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
    reviews: page.reviews.map((r) => ({ ...r, date: dateText(r.publishedAt, locale) })),
  };
}
export type PresentedReviews = ReturnType<typeof presentReviews>;
