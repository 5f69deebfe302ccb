/**
 * A cooperative's own listings, as its members manage them in the back office.
 *
 * Every function takes the cooperative id from the member's session (never from the URL)
 * and only touches rows of that cooperative: another shop's listing is simply not found.
 *
 * State machine: draft → pending (sent to review) → published | rejected; archived removes
 * one. Editing the texts, photos or attributes of a published listing never changes what
 * buyers see: the edit goes into a revision (draft, then pending) that replaces the live
 * content only when approved. Stock and price are the exception (decision 014): they apply
 * at once, each change written to the audit log.
 */
import { randomBytes } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import { refreshSearchIndex } from "./search.server";
import { and, asc, count, desc, eq, inArray, lte, ne, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import {
  crafts,
  rejectionReasons,
  images,
  productImages,
  productRevisions,
  products,
  type ListingContent,
  type ListingTextField,
  type Localized,
  type StaleLocales,
} from "#db/schema";
import { primaryContentLocales, type Locale } from "~/i18n/config";
import { pickLocalized, type LocalizedText } from "~/i18n/localized";
import { slugify } from "~/utils/slug";
import type { PictureData } from "./catalogue.server";

import { LOW_STOCK_AT, listingStatuses, type ListingStatus } from "./listing-options";
import { recordAudit, type AuditEntry } from "./audit.server";
import type { Outcome } from "~/utils/outcome";
import { pageWindow } from "./pagination";

export { listingStatuses, type ListingStatus };
export const MAX_PHOTOS = 8;

/**
 * Why a change to a listing was refused (an `Outcome`'s error, decision 018): `not_found` is
 * another cooperative's listing or none (the page answers 404); the others are shown to the member.
 */
export type ListingErrorCode =
  | "not_found"
  | "archived"
  | "not_editable"
  | "no_title"
  | "no_photo"
  | "too_many_photos";
export type ListingOutcome<
  T extends object = object,
  E extends ListingErrorCode = ListingErrorCode,
> = Outcome<T, E>;

const refused = <E extends ListingErrorCode>(error: E) => ({ ok: false as const, error });

type ProductRow = typeof products.$inferSelect;

/**
 * The cooperative's own listing (null for another cooperative's: a 404). `lock`: in a
 * transaction, two members changing it at once are applied one after the other.
 */
async function ownProduct(
  db: Executor,
  cooperativeId: number,
  productId: number,
  { lock = false } = {},
): Promise<ProductRow | null> {
  if (!Number.isSafeInteger(productId)) return null;
  const query = db
    .select()
    .from(products)
    .where(and(eq(products.id, productId), eq(products.cooperativeId, cooperativeId)))
    .limit(1);
  const [row] = lock ? await query.for("update") : await query;
  return row ?? null;
}

/** Whether the listing exists and belongs to the cooperative (checked before anything else). */
export async function ownsListing(db: Executor, cooperativeId: number, productId: number): Promise<boolean> {
  return (await ownProduct(db, cooperativeId, productId)) !== null;
}

async function openRevision(db: Executor, productId: number) {
  const [row] = await db
    .select()
    .from(productRevisions)
    .where(
      and(eq(productRevisions.productId, productId), inArray(productRevisions.status, ["draft", "pending"])),
    )
    .limit(1);
  return row ?? null;
}

/** What buyers see of a listing now: its columns and its pictures in order. */
export async function liveContent(db: Executor, product: ProductRow): Promise<ListingContent> {
  const pictures = await db
    .select({ imageId: productImages.imageId, alt: productImages.alt })
    .from(productImages)
    .where(eq(productImages.productId, product.id))
    .orderBy(asc(productImages.position));
  return {
    craftId: product.craftId,
    title: product.title,
    description: product.description,
    materials: product.materials,
    care: product.care,
    priceCentimes: product.priceCentimes,
    stock: product.stock,
    widthMm: product.widthMm,
    heightMm: product.heightMm,
    depthMm: product.depthMm,
    weightGrams: product.weightGrams,
    attributes: product.attributes,
    images: pictures,
    staleLocales: product.staleLocales,
  };
}

/** The content as the member is editing it: the open revision of a published listing, else the listing. */
async function loadContent(db: Executor, product: ProductRow): Promise<ListingContent> {
  if (product.status === "published") {
    const revision = await openRevision(db, product.id);
    // Stock and price are live: a revision's copy of them means nothing.
    if (revision) return { ...revision.content, priceCentimes: product.priceCentimes, stock: product.stock };
  }
  return liveContent(db, product);
}

/**
 * Writes the live listing's columns and pictures from `content`. `reviewedOnly` (an approved
 * revision) leaves stock and price alone: they changed at once when the shop changed them,
 * and sales may have moved the stock since the revision was written.
 */
export async function applyContent(
  db: Executor,
  productId: number,
  content: ListingContent,
  options: { reviewedOnly?: boolean } = {},
) {
  const { images: pictures, priceCentimes, stock, ...columns } = content;
  await db
    .update(products)
    .set({ ...columns, ...(options.reviewedOnly ? {} : { priceCentimes, stock }), updatedAt: new Date() })
    .where(eq(products.id, productId));
  await db.delete(productImages).where(eq(productImages.productId, productId));
  if (pictures.length > 0) {
    await db
      .insert(productImages)
      .values(pictures.map((p, position) => ({ productId, imageId: p.imageId, alt: p.alt, position })));
  }
  await refreshSearchIndex(db, { productIds: [productId] });
}

/**
 * Whether two versions differ in what the chamber reviews (everything but stock and price).
 * An attribute that is unset, false or empty is the same absence whichever way it is stored.
 */
export function reviewedContentDiffers(a: ListingContent, b: ListingContent): boolean {
  const reviewed = ({
    priceCentimes: _p,
    stock: _s,
    staleLocales: _l,
    attributes,
    ...rest
  }: ListingContent) => ({
    ...rest,
    attributes: Object.fromEntries(Object.entries(attributes).filter(([, v]) => v !== false && v !== "")),
  });
  return !isDeepStrictEqual(reviewed(a), reviewed(b));
}

/**
 * Stock and price of a published listing change at once (what the shop has, what it costs),
 * each change audited. Stock moves by what the member changed (`stockSeen` is the number the
 * form showed), so a sale made while the form was open is not undone.
 */
async function applyLiveFields(
  db: Executor,
  product: ProductRow,
  next: { priceCentimes: number; stock: number; stockSeen?: number },
  userId: number,
): Promise<{ priceCentimes: number; stock: number }> {
  const stock =
    next.stockSeen === undefined
      ? next.stock
      : next.stock === next.stockSeen
        ? product.stock
        : Math.max(0, product.stock + next.stock - next.stockSeen);
  const entries: Pick<AuditEntry, "action" | "before" | "after">[] = [];
  if (stock !== product.stock) {
    entries.push({ action: "listing.stock.set", before: { stock: product.stock }, after: { stock } });
  }
  if (next.priceCentimes !== product.priceCentimes) {
    entries.push({
      action: "listing.price.set",
      before: { priceCentimes: product.priceCentimes },
      after: { priceCentimes: next.priceCentimes },
    });
  }
  if (entries.length > 0) {
    await db
      .update(products)
      .set({ stock, priceCentimes: next.priceCentimes, updatedAt: new Date() })
      .where(eq(products.id, product.id));
    await recordAudit(
      db,
      entries.map((e) => ({
        ...e,
        actorUserId: userId,
        entityType: "product",
        entityId: String(product.id),
      })),
    );
  }
  return { priceCentimes: next.priceCentimes, stock };
}

/** What a save did: changed what buyers see at once, and/or left changes waiting to be sent to review. */
export type SaveOutcome = { liveChanged: boolean; changesNotSent: boolean };

async function saveContent(
  db: Executor,
  product: ProductRow,
  content: ListingContent,
  userId: number,
  stockSeen?: number,
): Promise<ListingOutcome<SaveOutcome, "archived">> {
  if (product.status === "archived") return refused("archived");
  if (product.status !== "published") {
    await applyContent(db, product.id, content);
    return { ok: true, liveChanged: false, changesNotSent: false };
  }
  const live = await applyLiveFields(db, product, { ...content, stockSeen }, userId);
  const liveChanged = live.stock !== product.stock || live.priceCentimes !== product.priceCentimes;
  // Texts, photos and attributes: buyers keep seeing the approved version; the edit waits in a revision.
  const kept = { ...content, ...live };
  const revision = await openRevision(db, product.id);
  const changed = reviewedContentDiffers(kept, await liveContent(db, product));
  if (revision) {
    if (!changed && revision.status === "draft") {
      await db.delete(productRevisions).where(eq(productRevisions.id, revision.id));
      return { ok: true, liveChanged, changesNotSent: false };
    }
    await db
      .update(productRevisions)
      .set({ content: kept, updatedAt: new Date() })
      .where(eq(productRevisions.id, revision.id));
    return { ok: true, liveChanged, changesNotSent: revision.status === "draft" };
  }
  if (changed)
    await db
      .insert(productRevisions)
      .values({ productId: product.id, content: kept, createdBy: userId, status: "draft" });
  return { ok: true, liveChanged, changesNotSent: changed };
}

const TEXT_FIELDS: ListingTextField[] = ["title", "description", "materials", "care"];

/**
 * Which languages of each text are now older than another: those left unchanged (and not
 * empty) when another language of the same text changed. Changing a language clears its
 * mark; a change of only older languages is them catching up, and marks nothing new.
 */
export function nextStaleLocales(before: ListingContent, after: ListingContent): StaleLocales {
  const stale: StaleLocales = {};
  for (const field of TEXT_FIELDS) {
    const languages = new Set([...Object.keys(before[field]), ...Object.keys(after[field])]);
    const changed = [...languages].filter((l) => (before[field][l] ?? "") !== (after[field][l] ?? ""));
    const wasStale = before.staleLocales?.[field] ?? [];
    const marks = new Set(wasStale.filter((l) => !changed.includes(l) && after[field][l]?.trim()));
    if (changed.some((l) => !wasStale.includes(l))) {
      for (const l of languages) if (!changed.includes(l) && after[field][l]?.trim()) marks.add(l);
    }
    if (marks.size > 0) stale[field] = [...marks].sort();
  }
  return stale;
}

async function uniqueSlug(db: Executor, title: Localized): Promise<string> {
  const base = slugify(title.fr ?? "") || "listing";
  for (let attempt = 0; attempt < 5; attempt++) {
    const candidate = `${base}-${randomBytes(3).toString("hex")}`;
    const [taken] = await db
      .select({ id: products.id })
      .from(products)
      .where(eq(products.slug, candidate))
      .limit(1);
    if (!taken) return candidate;
  }
  return `${base}-${randomBytes(8).toString("hex")}`;
}

/** A title in one of the languages cooperatives write in (English is an optional extra). */
function hasTitle(content: Pick<ListingContent, "title">) {
  return primaryContentLocales.some((l) => Boolean(content.title[l]?.trim()));
}

// ─── Reading ────────────────────────────────────────────────────────────────

/** The chamber's reason, in the reader's language, followed by its note. */
async function reviewMessage(
  db: Executor,
  code: string | null,
  note: string | null,
  locale: Locale,
): Promise<string | null> {
  if (!code && !note) return null;
  const [reason] = code
    ? await db.select().from(rejectionReasons).where(eq(rejectionReasons.code, code))
    : [];
  return [reason ? pickLocalized(reason.label, locale).text : null, note?.trim() || null]
    .filter(Boolean)
    .join(" — ");
}

export type ShopListingRow = {
  id: number;
  title: LocalizedText;
  status: ListingStatus;
  revisionStatus: "draft" | "pending" | null;
  priceCentimes: number;
  currency: string;
  stock: number;
  reviewNote: string | null;
  missingLocale: boolean;
  updatedAt: string;
};

/** Listings per page of the back office's list (it pages rather than cut at a silent cap). */
export const SHOP_LISTINGS_PAGE_SIZE = 50;

export async function listShopListings(
  db: Executor,
  input: { cooperativeId: number; locale: Locale; status?: ListingStatus; page?: number },
): Promise<{ listings: ShopListingRow[]; page: number; pageCount: number }> {
  const where = input.status
    ? and(eq(products.cooperativeId, input.cooperativeId), eq(products.status, input.status))
    : and(eq(products.cooperativeId, input.cooperativeId), ne(products.status, "archived"));
  const [{ total }] = await db.select({ total: count() }).from(products).where(where);
  const { page, pageCount, limit, offset } = pageWindow(total, input.page ?? 1, SHOP_LISTINGS_PAGE_SIZE);
  const rows = await db
    .select({ product: products, revisionStatus: productRevisions.status })
    .from(products)
    .leftJoin(
      productRevisions,
      and(
        eq(productRevisions.productId, products.id),
        inArray(productRevisions.status, ["draft", "pending"]),
      ),
    )
    .where(where)
    .orderBy(desc(products.updatedAt), desc(products.id))
    .limit(limit)
    .offset(offset);
  const listings = await Promise.all(
    rows.map(async ({ product, revisionStatus }) => ({
      id: product.id,
      title: pickLocalized(product.title, input.locale),
      status: product.status,
      revisionStatus: revisionStatus === "draft" || revisionStatus === "pending" ? revisionStatus : null,
      priceCentimes: product.priceCentimes,
      currency: product.currency,
      stock: product.stock,
      reviewNote:
        product.status === "rejected"
          ? await reviewMessage(db, product.reviewReason, product.reviewNote, input.locale)
          : null,
      missingLocale: primaryContentLocales.some((l) => !product.title[l]?.trim()),
      updatedAt: product.updatedAt.toISOString(),
    })),
  );
  return { listings, page, pageCount };
}

/**
 * The shop's dashboard: listings by status, and what needs doing about them — low stock (on
 * sale with LOW_STOCK_AT units or fewer; oldest by its last change) and rejected listings to
 * fix (oldest by the chamber's decision) — each with its count and its oldest.
 */
export async function shopDashboard(db: Executor, input: { cooperativeId: number; locale: Locale }) {
  const own = eq(products.cooperativeId, input.cooperativeId);
  const isLow = and(own, eq(products.status, "published"), lte(products.stock, LOW_STOCK_AT));
  const isRejected = and(own, eq(products.status, "rejected"));
  const [byStatus, lowStock, rejected, [lowTotals], [rejectedTotals]] = await Promise.all([
    db.select({ status: products.status, n: count() }).from(products).where(own).groupBy(products.status),
    db
      .select({ id: products.id, title: products.title, stock: products.stock })
      .from(products)
      .where(isLow)
      .orderBy(asc(products.stock), asc(products.id))
      .limit(20),
    db
      .select({
        id: products.id,
        title: products.title,
        reviewReason: products.reviewReason,
        reviewNote: products.reviewNote,
      })
      .from(products)
      .where(isRejected)
      .orderBy(asc(products.reviewedAt), asc(products.id))
      .limit(20),
    db
      .select({ n: count(), oldest: sql<string | null>`min(${products.updatedAt})` })
      .from(products)
      .where(isLow),
    db
      .select({
        n: count(),
        oldest: sql<string | null>`min(coalesce(${products.reviewedAt}, ${products.updatedAt}))`,
      })
      .from(products)
      .where(isRejected),
  ]);
  const counts = Object.fromEntries(listingStatuses.map((s) => [s, 0])) as Record<ListingStatus, number>;
  for (const row of byStatus) counts[row.status] = row.n;
  const when = (v: string | Date | null | undefined) => (v == null ? null : new Date(v));
  return {
    counts,
    lowStock: lowStock.map((r) => ({
      id: r.id,
      title: pickLocalized(r.title, input.locale),
      stock: r.stock,
    })),
    lowStockCount: lowTotals?.n ?? 0,
    lowStockOldest: when(lowTotals?.oldest),
    rejected: await Promise.all(
      rejected.map(async (r) => ({
        id: r.id,
        title: pickLocalized(r.title, input.locale),
        reviewNote: await reviewMessage(db, r.reviewReason, r.reviewNote, input.locale),
      })),
    ),
    rejectedCount: rejectedTotals?.n ?? 0,
    rejectedOldest: when(rejectedTotals?.oldest),
  };
}

export type EditablePhoto = { imageId: number; alt: Localized; picture: PictureData };

export type EditableListing = {
  id: number;
  slug: string;
  status: ListingStatus;
  revisionStatus: "draft" | "pending" | null;
  reviewNote: string | null;
  content: ListingContent;
  photos: EditablePhoto[];
  attributeKeys: string[];
};

export async function getEditableListing(
  db: Executor,
  input: { cooperativeId: number; productId: number; locale: Locale },
): Promise<EditableListing | null> {
  const product = await ownProduct(db, input.cooperativeId, input.productId);
  if (!product) return null;
  const [content, revision] = await Promise.all([loadContent(db, product), openRevision(db, product.id)]);
  const imageIds = content.images.map((i) => i.imageId);
  const [imageRows, [craft]] = await Promise.all([
    imageIds.length ? db.select().from(images).where(inArray(images.id, imageIds)) : Promise.resolve([]),
    db.select({ attributeKeys: crafts.attributeKeys }).from(crafts).where(eq(crafts.id, content.craftId)),
  ]);
  const byId = new Map(imageRows.map((r) => [r.id, r]));
  return {
    id: product.id,
    slug: product.slug,
    status: product.status,
    revisionStatus:
      product.status === "published" && revision ? (revision.status as "draft" | "pending") : null,
    reviewNote: await reviewMessage(db, product.reviewReason, product.reviewNote, input.locale),
    content,
    photos: content.images.flatMap((i) => {
      const row = byId.get(i.imageId);
      if (!row) return [];
      return [
        {
          imageId: i.imageId,
          alt: i.alt,
          picture: {
            width: row.width,
            height: row.height,
            dominantColor: row.dominantColor,
            variants: row.variants,
            alt: pickLocalized(i.alt, input.locale),
          },
        },
      ];
    }),
    attributeKeys: craft?.attributeKeys ?? [],
  };
}

// ─── Changing ───────────────────────────────────────────────────────────────

export type ListingFields = Omit<ListingContent, "images">;
type Actor = { cooperativeId: number; userId: number };

export async function createListing(
  db: Executor,
  input: Actor & { fields: ListingFields },
): Promise<ListingOutcome<{ id: number }, "no_title">> {
  if (!hasTitle(input.fields)) return refused("no_title");
  const slug = await uniqueSlug(db, input.fields.title);
  const [row] = await db
    .insert(products)
    .values({ ...input.fields, slug, cooperativeId: input.cooperativeId, status: "draft" })
    .returning({ id: products.id });
  await refreshSearchIndex(db, { productIds: [row.id] });
  return { ok: true, id: row.id };
}

/**
 * Runs `change` on the listing's editable content and saves it, in one transaction; `change`
 * answers the new content, or why it refuses (before anything is written).
 */
async function editContent<E extends ListingErrorCode = never>(
  db: Executor,
  input: Actor & { productId: number; stockSeen?: number },
  change: (content: ListingContent) => ListingContent | NoInfer<E>,
): Promise<ListingOutcome<SaveOutcome, "not_found" | "archived" | E>> {
  return db.transaction(async (tx) => {
    const product = await ownProduct(tx, input.cooperativeId, input.productId, { lock: true });
    if (!product) return refused("not_found");
    const next = change(await loadContent(tx, product));
    if (typeof next === "string") return refused(next);
    return saveContent(tx, product, next, input.userId, input.stockSeen);
  });
}

/**
 * Saves the listing form. On a published listing stock and price go on sale at once and the
 * rest waits in a revision; `stockSeen` is the stock the form showed (see applyLiveFields).
 */
export async function updateListing(
  db: Executor,
  input: Actor & { productId: number; fields: ListingFields; stockSeen?: number },
): Promise<ListingOutcome<SaveOutcome, "not_found" | "archived" | "no_title">> {
  if (!hasTitle(input.fields)) return refused("no_title");
  return editContent(db, input, (content) => {
    const next = { ...content, ...input.fields };
    return { ...next, staleLocales: nextStaleLocales(content, next) };
  });
}

export function addListingPhotos(
  db: Executor,
  input: Actor & { productId: number; imageIds: number[]; alt: Localized },
) {
  return editContent<"too_many_photos">(db, input, (content) => {
    const known = new Set(content.images.map((i) => i.imageId));
    // The same picture twice in one upload is one image (content-addressed): keep it once.
    const added = [...new Set(input.imageIds)]
      .filter((id) => !known.has(id))
      .map((imageId) => ({ imageId, alt: input.alt }));
    if (content.images.length + added.length > MAX_PHOTOS) return "too_many_photos";
    return { ...content, images: [...content.images, ...added] };
  });
}

export function removeListingPhoto(db: Executor, input: Actor & { productId: number; imageId: number }) {
  return editContent(db, input, (content) => ({
    ...content,
    images: content.images.filter((i) => i.imageId !== input.imageId),
  }));
}

export function moveListingPhoto(
  db: Executor,
  input: Actor & { productId: number; imageId: number; direction: "earlier" | "later" },
) {
  return editContent(db, input, (content) => {
    const list = [...content.images];
    const from = list.findIndex((i) => i.imageId === input.imageId);
    const to = input.direction === "earlier" ? from - 1 : from + 1;
    if (from < 0 || to < 0 || to >= list.length) return content;
    [list[from], list[to]] = [list[to], list[from]];
    return { ...content, images: list };
  });
}

export function setListingPhotoAlt(
  db: Executor,
  input: Actor & { productId: number; imageId: number; alt: Localized },
) {
  return editContent(db, input, (content) => ({
    ...content,
    images: content.images.map((i) => (i.imageId === input.imageId ? { ...i, alt: input.alt } : i)),
  }));
}

/** Sends a listing (or the open revision of a published one) to the chamber's review. */
export async function submitListingForReview(
  db: Executor,
  input: Actor & { productId: number },
): Promise<ListingOutcome<object, "not_found" | "no_title" | "no_photo" | "not_editable">> {
  return db.transaction(async (tx) => {
    const product = await ownProduct(tx, input.cooperativeId, input.productId, { lock: true });
    if (!product) return refused("not_found");
    const content = await loadContent(tx, product);
    if (!hasTitle(content)) return refused("no_title");
    if (content.images.length === 0) return refused("no_photo");
    const now = new Date();
    if (product.status === "draft" || product.status === "rejected") {
      await tx
        .update(products)
        .set({ status: "pending", submittedAt: now, updatedAt: now })
        .where(eq(products.id, product.id));
    } else if (product.status === "published") {
      const revision = await openRevision(tx, product.id);
      if (!revision) return refused("not_editable");
      await tx
        .update(productRevisions)
        .set({ status: "pending", submittedAt: now, updatedAt: now })
        .where(eq(productRevisions.id, revision.id));
    } else {
      return refused("not_editable");
    }
    await recordAudit(tx, {
      actorUserId: input.userId,
      action: product.status === "published" ? "listing.revision.submit" : "listing.submit",
      entityType: "product",
      entityId: String(product.id),
      before: { status: product.status },
      after: { status: product.status === "published" ? "published (revision pending)" : "pending" },
    });
    return { ok: true };
  });
}

export async function duplicateListing(
  db: Executor,
  input: Actor & { productId: number },
): Promise<ListingOutcome<{ id: number }, "not_found" | "no_title">> {
  return db.transaction(async (tx) => {
    const product = await ownProduct(tx, input.cooperativeId, input.productId);
    if (!product) return refused("not_found");
    const { images: pictures, ...fields } = await loadContent(tx, product);
    const created = await createListing(tx, { ...input, fields });
    if (!created.ok) return created;
    if (pictures.length > 0) {
      await tx.insert(productImages).values(
        pictures.map((p, position) => ({
          productId: created.id,
          imageId: p.imageId,
          alt: p.alt,
          position,
        })),
      );
    }
    return created;
  });
}

/** Archives the listing (archiving an archived one again is done already: not an error). */
export async function archiveListing(
  db: Executor,
  input: Actor & { productId: number },
): Promise<ListingOutcome<object, "not_found">> {
  return db.transaction(async (tx) => {
    const product = await ownProduct(tx, input.cooperativeId, input.productId);
    if (!product) return refused("not_found");
    if (product.status === "archived") return { ok: true };
    await tx
      .update(products)
      .set({ status: "archived", updatedAt: new Date() })
      .where(eq(products.id, product.id));
    await tx
      .delete(productRevisions)
      .where(
        and(
          eq(productRevisions.productId, product.id),
          inArray(productRevisions.status, ["draft", "pending"]),
        ),
      );
    await recordAudit(tx, {
      actorUserId: input.userId,
      action: "listing.archive",
      entityType: "product",
      entityId: String(product.id),
      before: { status: product.status },
      after: { status: "archived" },
    });
    return { ok: true };
  });
}

/** Stores an uploaded picture's row (content-addressed: the same picture is one row). */
export async function saveImageRow(db: Executor, processed: typeof images.$inferInsert): Promise<number> {
  const [row] = await db
    .insert(images)
    .values(processed)
    .onConflictDoUpdate({ target: images.hash, set: { hash: sql`excluded.hash` } })
    .returning({ id: images.id });
  return row.id;
}

export async function listCraftOptions(db: Executor, locale: Locale) {
  const rows = await db.select().from(crafts).orderBy(asc(crafts.sortOrder), asc(crafts.id));
  return rows.map((c) => ({ id: c.id, name: pickLocalized(c.name, locale), attributeKeys: c.attributeKeys }));
}
