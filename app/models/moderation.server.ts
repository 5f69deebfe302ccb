/**
 * The chamber's review of what goes public: new listings and revisions of published ones.
 *
 * A decision is a conditional update of a row still `pending`: when two staff members decide
 * the same submission at once, exactly one wins and the other is told. Every decision writes
 * one audit entry (who, what, when, why, before/after) and emails the cooperative's owners.
 */
import { diffWords } from "diff";
import { and, asc, desc, eq, gte, inArray, sql, type SQL } from "drizzle-orm";
import type { Executor } from "#db/client";
import {
  auditLog,
  cooperatives,
  crafts,
  images,
  memberships,
  productRevisions,
  products,
  provinces,
  rejectionReasons,
  users,
  type ListingContent,
  type Localized,
} from "#db/schema";
import { defaultLocale, isLocale, locales, type Locale } from "~/i18n/config";
import { getFixedT } from "~/i18n/i18n.server";
import { pickLocalized, type LocalizedText } from "~/i18n/localized";
import { localePath } from "~/utils/urls";
import { queueMail } from "./mail-outbox.server";
import type { PictureData } from "./catalogue.server";
import { applyContent, liveContent } from "./listings.server";
import { recordAudit } from "./audit.server";
import { isRejectionReason } from "./rejection-reasons.server";
import { pendingBuyerReviews, pendingBuyerReviewsCountSql } from "./reviews.server";
import type { Outcome } from "~/utils/outcome";

export type SubmissionKind = "listing" | "revision";

export type QueueItem = {
  /** Listings and revisions, and buyers' reviews and cooperatives' answers (decision 019). */
  kind: SubmissionKind | "review" | "reply";
  id: number;
  productId: number;
  title: LocalizedText;
  cooperative: LocalizedText;
  craft: LocalizedText;
  province: LocalizedText;
  /** Null when the submission time was never recorded (older rows): shown as unknown, not as 1970. */
  submittedAt: string | null;
  /** How long it has waited, in whole minutes (computed here so server and browser agree); null when unknown. */
  waitingMinutes: number | null;
};

/** A submission waiting longer than this is late: the chamber dashboard counts them. */
export const REVIEW_LATE_AFTER_HOURS = 48;

export type QueueFilters = { craft?: string; province?: string; cooperative?: string };

/** New listings and revisions waiting for a decision, oldest first (unknown times first of all). */
export async function reviewQueue(
  db: Executor,
  input: { locale: Locale; filters?: QueueFilters },
): Promise<QueueItem[]> {
  const f = input.filters ?? {};
  const where: SQL[] = [];
  if (f.craft) where.push(eq(crafts.slug, f.craft));
  if (f.province) where.push(eq(cooperatives.provinceSlug, f.province));
  if (f.cooperative) where.push(eq(cooperatives.slug, f.cooperative));
  const base = {
    productId: products.id,
    title: products.title,
    cooperative: cooperatives.name,
    craft: crafts.name,
    province: provinces.name,
  };
  const [listings, revisions, buyerReviews] = await Promise.all([
    db
      .select({ ...base, id: products.id, submittedAt: products.submittedAt })
      .from(products)
      .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
      .innerJoin(crafts, eq(crafts.id, products.craftId))
      .innerJoin(provinces, eq(provinces.slug, cooperatives.provinceSlug))
      .where(and(eq(products.status, "pending"), ...where)),
    db
      .select({ ...base, id: productRevisions.id, submittedAt: productRevisions.submittedAt })
      .from(productRevisions)
      .innerJoin(products, eq(products.id, productRevisions.productId))
      .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
      .innerJoin(crafts, eq(crafts.id, products.craftId))
      .innerJoin(provinces, eq(provinces.slug, cooperatives.provinceSlug))
      .where(and(eq(productRevisions.status, "pending"), ...where)),
    pendingBuyerReviews(db, { locale: input.locale, where }),
  ]);
  const now = Date.now();
  const toItem =
    (kind: SubmissionKind) =>
    (r: (typeof listings)[number]): QueueItem => ({
      kind,
      id: r.id,
      productId: r.productId,
      title: pickLocalized(r.title, input.locale),
      cooperative: pickLocalized(r.cooperative, input.locale),
      craft: pickLocalized(r.craft, input.locale),
      province: pickLocalized(r.province, input.locale),
      submittedAt: r.submittedAt?.toISOString() ?? null,
      waitingMinutes: r.submittedAt
        ? Math.max(0, Math.floor((now - r.submittedAt.getTime()) / 60_000))
        : null,
    });
  const reviewItems: QueueItem[] = buyerReviews.map((r) => ({
    ...r,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    waitingMinutes: r.submittedAt ? Math.max(0, Math.floor((now - r.submittedAt.getTime()) / 60_000)) : null,
  }));
  return [...listings.map(toItem("listing")), ...revisions.map(toItem("revision")), ...reviewItems].sort(
    (a, b) => (a.submittedAt ?? "").localeCompare(b.submittedAt ?? ""),
  );
}

export async function countPendingReviews(db: Executor): Promise<number> {
  const result = await db.execute<{ n: number }>(
    sql`select (select count(*) from products where status = 'pending') + (select count(*) from product_revisions where status = 'pending') + ${pendingBuyerReviewsCountSql()} as n`,
  );
  return Number(result.rows[0]?.n ?? 0);
}

/** Submissions waiting longer than REVIEW_LATE_AFTER_HOURS. */
export async function countLateReviews(db: Executor, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - REVIEW_LATE_AFTER_HOURS * 3_600_000);
  const result = await db.execute<{ n: number }>(
    sql`select (select count(*) from products where status = 'pending' and submitted_at < ${before})
             + (select count(*) from product_revisions where status = 'pending' and submitted_at < ${before})
             + ${pendingBuyerReviewsCountSql(before)} as n`,
  );
  return Number(result.rows[0]?.n ?? 0);
}

export type PriceChange = {
  id: number;
  productId: number;
  title: LocalizedText;
  cooperative: LocalizedText;
  before: number;
  after: number;
  at: string;
  /** The price moved by more than half (up or down): worth a look. */
  flagged: boolean;
};

/** Prices of published listings changed lately (they apply without review), newest first. */
export async function recentPriceChanges(
  db: Executor,
  input: { locale: Locale; days?: number; limit?: number },
): Promise<PriceChange[]> {
  const since = new Date(Date.now() - (input.days ?? 30) * 86_400_000);
  const rows = await db
    .select({ entry: auditLog, title: products.title, cooperative: cooperatives.name })
    .from(auditLog)
    .innerJoin(products, sql`${products.id}::text = ${auditLog.entityId}`)
    .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
    .where(
      and(
        eq(auditLog.action, "listing.price.set"),
        eq(auditLog.entityType, "product"),
        gte(auditLog.createdAt, since),
      ),
    )
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(input.limit ?? 20);
  return rows.map(({ entry, title, cooperative }) => {
    const before = Number((entry.before as { priceCentimes?: number } | null)?.priceCentimes ?? 0);
    const after = Number((entry.after as { priceCentimes?: number } | null)?.priceCentimes ?? 0);
    return {
      id: entry.id,
      productId: Number(entry.entityId),
      title: pickLocalized(title, input.locale),
      cooperative: pickLocalized(cooperative, input.locale),
      before,
      after,
      at: entry.createdAt.toISOString(),
      flagged: isLargePriceMove(before, after),
    };
  });
}

/** More than half up or down, in integers: |after − before| > before / 2. */
export function isLargePriceMove(before: number, after: number): boolean {
  return 2 * Math.abs(after - before) > before;
}

/** The reasons offered for listings (default) or for buyers' reviews and answers (decision 019). */
export async function listRejectionReasons(
  db: Executor,
  locale: Locale,
  scope: "listing" | "review" = "listing",
) {
  const rows = await db
    .select()
    .from(rejectionReasons)
    .where(inArray(rejectionReasons.scope, [scope, "any"]))
    .orderBy(asc(rejectionReasons.sortOrder));
  return rows.map((r) => ({ code: r.code, label: pickLocalized(r.label, locale) }));
}

// ─── One submission ─────────────────────────────────────────────────────────

export type ListingVersion = {
  craft: { id: number; name: Record<Locale, LocalizedText> };
  content: ListingContent;
  pictures: (PictureData & { imageId: number })[];
};

/** A word-level diff of a text: kept, removed and added runs in order (diff's diffWords). */
export type TextPart = { value: string; added?: boolean; removed?: boolean };
export type FieldChange = { field: string; before: string; after: string; words?: TextPart[] };

export type ReviewDetail = {
  kind: SubmissionKind;
  id: number;
  productId: number;
  slug: string;
  status: string;
  submittedAt: string | null;
  cooperative: { slug: string; name: LocalizedText; status: string };
  proposed: ListingVersion;
  live: ListingVersion | null;
  changes: FieldChange[];
  photosAdded: number[];
  photosRemoved: number[];
};

async function versionOf(db: Executor, content: ListingContent): Promise<ListingVersion> {
  const ids = content.images.map((i) => i.imageId);
  const [imageRows, [craft]] = await Promise.all([
    ids.length ? db.select().from(images).where(inArray(images.id, ids)) : Promise.resolve([]),
    db.select().from(crafts).where(eq(crafts.id, content.craftId)),
  ]);
  const byId = new Map(imageRows.map((r) => [r.id, r]));
  return {
    craft: {
      id: content.craftId,
      name: Object.fromEntries(locales.map((l) => [l, pickLocalized(craft?.name, l)])) as Record<
        Locale,
        LocalizedText
      >,
    },
    content,
    pictures: content.images.flatMap((i) => {
      const row = byId.get(i.imageId);
      return row
        ? [
            {
              imageId: i.imageId,
              width: row.width,
              height: row.height,
              dominantColor: row.dominantColor,
              variants: row.variants,
              alt: pickLocalized(i.alt, "fr"),
            },
          ]
        : [];
    }),
  };
}

const segmenters = new Map<string, Intl.Segmenter>();
function wordSegmenter(locale: string): Intl.Segmenter {
  let segmenter = segmenters.get(locale);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(locale, { granularity: "word" });
    segmenters.set(locale, segmenter);
  }
  return segmenter;
}

/**
 * What a revision changes against the live version, field by field; texts word by word.
 * Stock and price are not reviewed (they change at once, decision 014).
 */
export function diffContent(
  before: ListingContent,
  after: ListingContent,
): { changes: FieldChange[]; added: number[]; removed: number[] } {
  const changes: FieldChange[] = [];
  const text = (v: unknown) => (v == null ? "" : typeof v === "object" ? JSON.stringify(v) : String(v));
  for (const field of ["title", "description", "materials", "care"] as const) {
    for (const l of locales) {
      const b = (before[field] as Localized)[l] ?? "";
      const a = (after[field] as Localized)[l] ?? "";
      if (b !== a) {
        // diff's own tokenizer splits Arabic into letters: words come from the language's segmenter.
        const words = diffWords(b, a, { intlSegmenter: wordSegmenter(l) }).map((p) => ({
          value: p.value,
          ...(p.added ? { added: true } : {}),
          ...(p.removed ? { removed: true } : {}),
        }));
        changes.push({ field: `${field}.${l}`, before: b, after: a, words });
      }
    }
  }
  for (const field of ["craftId", "widthMm", "heightMm", "depthMm", "weightGrams"] as const) {
    if (before[field] !== after[field])
      changes.push({ field, before: text(before[field]), after: text(after[field]) });
  }
  const keys = new Set([...Object.keys(before.attributes), ...Object.keys(after.attributes)]);
  for (const key of keys) {
    if (before.attributes[key] !== after.attributes[key]) {
      changes.push({
        field: `attributes.${key}`,
        before: text(before.attributes[key]),
        after: text(after.attributes[key]),
      });
    }
  }
  const beforeIds = new Set(before.images.map((i) => i.imageId));
  const afterIds = new Set(after.images.map((i) => i.imageId));
  const added = [...afterIds].filter((id) => !beforeIds.has(id));
  const removed = [...beforeIds].filter((id) => !afterIds.has(id));
  const orderChanged =
    added.length === 0 &&
    removed.length === 0 &&
    before.images.map((i) => i.imageId).join() !== after.images.map((i) => i.imageId).join();
  if (orderChanged) changes.push({ field: "photoOrder", before: "", after: "" });
  return { changes, added, removed };
}

export async function getReview(
  db: Executor,
  input: { kind: SubmissionKind; id: number; locale: Locale },
): Promise<ReviewDetail | null> {
  if (!Number.isSafeInteger(input.id)) return null;
  let product: typeof products.$inferSelect | undefined;
  let proposedContent: ListingContent;
  let submittedAt: Date | null;
  let status: string;
  if (input.kind === "listing") {
    [product] = await db.select().from(products).where(eq(products.id, input.id));
    if (!product) return null;
    proposedContent = await liveContent(db, product);
    submittedAt = product.submittedAt;
    status = product.status;
  } else {
    const [revision] = await db.select().from(productRevisions).where(eq(productRevisions.id, input.id));
    if (!revision) return null;
    [product] = await db.select().from(products).where(eq(products.id, revision.productId));
    if (!product) return null;
    proposedContent = revision.content;
    submittedAt = revision.submittedAt;
    status = revision.status;
  }
  const [coop] = await db.select().from(cooperatives).where(eq(cooperatives.id, product.cooperativeId));
  const live = input.kind === "revision" ? await liveContent(db, product) : null;
  const diff = live ? diffContent(live, proposedContent) : { changes: [], added: [], removed: [] };
  return {
    kind: input.kind,
    id: input.id,
    productId: product.id,
    slug: product.slug,
    status,
    submittedAt: submittedAt?.toISOString() ?? null,
    cooperative: { slug: coop.slug, name: pickLocalized(coop.name, input.locale), status: coop.status },
    proposed: await versionOf(db, proposedContent),
    live: live ? await versionOf(db, live) : null,
    changes: diff.changes,
    photosAdded: diff.added,
    photosRemoved: diff.removed,
  };
}

// ─── Decisions ──────────────────────────────────────────────────────────────

/** Why a decision was not applied; `already_decided`: another staff member decided first. */
export type DecisionError = "already_decided" | "not_found" | "unknown_reason";
export type Decision = { kind: SubmissionKind; id: number; staffId: number } & (
  | { approve: true }
  | { approve: false; reasonCode: string; note: string }
);

export async function decideSubmission(
  db: Executor,
  decision: Decision,
  notify: { origin: string } | null = null,
): Promise<Outcome<object, DecisionError>> {
  // A rejection names one of the chamber's reasons, never free text the shop could not read in its language.
  if (!decision.approve && !(await isRejectionReason(db, decision.reasonCode, "listing"))) {
    return { ok: false, error: "unknown_reason" };
  }
  return db.transaction(async (tx) => {
    const now = new Date();
    let productId: number;
    if (decision.kind === "listing") {
      // Only a listing still pending can be decided: the second of two staff finds nothing.
      const [before] = await tx.select().from(products).where(eq(products.id, decision.id));
      if (!before) return { ok: false as const, error: "not_found" as const };
      const updated = await tx
        .update(products)
        .set(
          decision.approve
            ? {
                status: "published",
                publishedAt: before.publishedAt ?? now,
                reviewedAt: now,
                reviewReason: null,
                reviewNote: null,
                updatedAt: now,
              }
            : {
                status: "rejected",
                reviewedAt: now,
                reviewReason: decision.reasonCode,
                reviewNote: decision.note,
                updatedAt: now,
              },
        )
        .where(and(eq(products.id, decision.id), eq(products.status, "pending")))
        .returning({ id: products.id });
      if (updated.length === 0) return { ok: false as const, error: "already_decided" as const };
      productId = before.id;
    } else {
      const [revision] = await tx.select().from(productRevisions).where(eq(productRevisions.id, decision.id));
      if (!revision) return { ok: false as const, error: "not_found" as const };
      const updated = await tx
        .update(productRevisions)
        .set({
          status: decision.approve ? "approved" : "rejected",
          decidedBy: decision.staffId,
          decidedAt: now,
          reviewReason: decision.approve ? null : decision.reasonCode,
          reviewNote: decision.approve ? null : decision.note,
          updatedAt: now,
        })
        .where(and(eq(productRevisions.id, decision.id), eq(productRevisions.status, "pending")))
        .returning({ id: productRevisions.id });
      if (updated.length === 0) return { ok: false as const, error: "already_decided" as const };
      productId = revision.productId;
      // Only now does the revision replace what buyers see.
      if (decision.approve) await applyContent(tx, productId, revision.content, { reviewedOnly: true });
      await tx
        .update(products)
        .set({
          reviewedAt: now,
          reviewReason: decision.approve ? null : decision.reasonCode,
          reviewNote: decision.approve ? null : decision.note,
        })
        .where(eq(products.id, productId));
    }
    const action = `${decision.kind}.${decision.approve ? "approve" : "reject"}` as const;
    await recordAudit(tx, {
      actorUserId: decision.staffId,
      action,
      entityType: decision.kind === "listing" ? "product" : "product_revision",
      entityId: String(decision.id),
      reason: decision.approve ? null : `${decision.reasonCode}: ${decision.note}`.trim(),
      before: { status: "pending" },
      after: {
        status: decision.approve ? (decision.kind === "listing" ? "published" : "approved") : "rejected",
      },
    });
    // Queued with the decision (decision 009): mailed if and only if it is committed.
    if (notify) await notifyCooperative(tx, productId, decision, notify.origin);
    return { ok: true as const };
  });
}

async function notifyCooperative(db: Executor, productId: number, decision: Decision, origin: string) {
  const [product] = await db.select().from(products).where(eq(products.id, productId));
  const owners = await db
    .select({ email: users.email, locale: users.preferredLocale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.cooperativeId, product.cooperativeId), eq(memberships.role, "owner")));
  const [reason] = decision.approve
    ? []
    : await db.select().from(rejectionReasons).where(eq(rejectionReasons.code, decision.reasonCode));
  for (const owner of owners) {
    const locale: Locale = isLocale(owner.locale) ? owner.locale : defaultLocale;
    const t = getFixedT(locale);
    const title = pickLocalized(product.title, locale).text;
    const link = `${origin}${localePath(locale, `/shop/listings/${product.id}`)}`;
    await queueMail(
      db,
      decision.approve
        ? {
            kind: "listing_decision",
            to: owner.email,
            subject: t("chamber:mail.approvedSubject", { title }),
            text: t("chamber:mail.approvedBody", { title, link }),
          }
        : {
            kind: "listing_decision",
            to: owner.email,
            subject: t("chamber:mail.rejectedSubject", { title }),
            text: t("chamber:mail.rejectedBody", {
              title,
              reason: pickLocalized(reason?.label, locale).text,
              note: decision.note || "—",
              link,
            }),
          },
    );
  }
}
