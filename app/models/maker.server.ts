/**
 * "Who made it" (decision 020): what a buyer reads about a cooperative beside its products —
 * its story, province, founding year, members and women members, workshop photos — and
 * when its parcels arrive.
 */
import { and, asc, count, eq, max } from "drizzle-orm";
import type { Executor } from "#db/client";
import type { Outcome } from "~/utils/outcome";
import { recordAudit } from "./audit.server";
import { cooperativeImages, cooperatives, images, products, provinces, type Localized } from "#db/schema";
import type { Locale } from "~/i18n/config";
import { pickLocalized, type LocalizedText } from "~/i18n/localized";
import { imageColumns, type PictureData } from "./catalogue.server";
import type { DeliveryLine } from "./delivery";
import { deliveryLines, loadHolidays, transitColumns } from "./delivery.server";

/** Workshop photos a cooperative shows at most. */
export const MAX_WORKSHOP_PHOTOS = 8;

export type Maker = {
  slug: string;
  name: LocalizedText;
  story: LocalizedText;
  province: LocalizedText;
  foundedYear: number | null;
  memberCount: number;
  womenMemberCount: number | null;
  processingDays: number;
  delivery: DeliveryLine[];
};

/**
 * The maker of a product, by the product's slug (so the page asks for it alongside the
 * product, not after), with today's delivery estimate.
 */
export async function getMaker(db: Executor, productSlug: string, locale: Locale): Promise<Maker | null> {
  const [[row], holidays] = await Promise.all([
    db
      .select({
        slug: cooperatives.slug,
        name: cooperatives.name,
        story: cooperatives.story,
        province: provinces.name,
        foundedYear: cooperatives.foundedYear,
        memberCount: cooperatives.memberCount,
        womenMemberCount: cooperatives.womenMemberCount,
        ...transitColumns,
      })
      .from(products)
      .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
      .innerJoin(provinces, eq(provinces.slug, cooperatives.provinceSlug))
      .where(and(eq(products.slug, productSlug), eq(cooperatives.status, "verified")))
      .limit(1),
    loadHolidays(db),
  ]);
  if (!row) return null;
  return {
    slug: row.slug,
    name: pickLocalized(row.name, locale),
    story: pickLocalized(row.story, locale),
    province: pickLocalized(row.province, locale),
    foundedYear: row.foundedYear,
    memberCount: row.memberCount,
    womenMemberCount: row.womenMemberCount,
    processingDays: row.processingDays,
    delivery: deliveryLines(row, holidays, locale),
  };
}

export type WorkshopPhoto = PictureData & {
  imageId: number;
  altByLocale: Record<string, string | undefined>;
};

/** A cooperative's workshop photos, in order. */
export async function workshopPhotos(
  db: Executor,
  cooperativeId: number,
  locale: Locale,
): Promise<WorkshopPhoto[]> {
  const rows = await db
    .select({
      imageId: cooperativeImages.imageId,
      alt: cooperativeImages.alt,
      ...imageColumns,
    })
    .from(cooperativeImages)
    .innerJoin(images, eq(images.id, cooperativeImages.imageId))
    .where(eq(cooperativeImages.cooperativeId, cooperativeId))
    .orderBy(asc(cooperativeImages.position), asc(cooperativeImages.createdAt));
  return rows.map((r) => ({
    imageId: r.imageId,
    width: r.width,
    height: r.height,
    dominantColor: r.dominantColor,
    variants: r.variants,
    alt: pickLocalized(r.alt, locale),
    altByLocale: r.alt,
  }));
}

/** What the cooperative page adds for "who made it": women members and the workshop photos. */
export async function getWorkshop(db: Executor, slug: string, locale: Locale) {
  const [row] = await db
    .select({ id: cooperatives.id, womenMemberCount: cooperatives.womenMemberCount })
    .from(cooperatives)
    .where(and(eq(cooperatives.slug, slug), eq(cooperatives.status, "verified")))
    .limit(1);
  if (!row) return null;
  return { womenMemberCount: row.womenMemberCount, photos: await workshopPhotos(db, row.id, locale) };
}

/**
 * Adds workshop photos (already through the image pipeline). Like the rest of the profile they
 * show at once and are written to the audit log, where the chamber sees them.
 */
export async function addWorkshopPhotos(
  db: Executor,
  input: { cooperativeId: number; userId: number; imageIds: number[] },
): Promise<Outcome<object, "too_many">> {
  return db.transaction(async (tx) => {
    // One upload at a time per cooperative: the count below stays true until commit.
    await tx
      .select({ id: cooperatives.id })
      .from(cooperatives)
      .where(eq(cooperatives.id, input.cooperativeId))
      .for("update");
    const [{ n, last }] = await tx
      .select({ n: count(), last: max(cooperativeImages.position) })
      .from(cooperativeImages)
      .where(eq(cooperativeImages.cooperativeId, input.cooperativeId));
    const fresh = [...new Set(input.imageIds)];
    if (n + fresh.length > MAX_WORKSHOP_PHOTOS) return { ok: false, error: "too_many" } as const;
    const inserted = await tx
      .insert(cooperativeImages)
      .values(
        fresh.map((imageId, i) => ({
          cooperativeId: input.cooperativeId,
          imageId,
          position: (last ?? -1) + 1 + i,
        })),
      )
      .onConflictDoNothing()
      .returning({ imageId: cooperativeImages.imageId });
    await recordAudit(tx, {
      actorUserId: input.userId,
      action: "cooperative.workshop.add",
      entityType: "cooperative",
      entityId: String(input.cooperativeId),
      after: { imageIds: inserted.map((r) => r.imageId) },
    });
    return { ok: true } as const;
  });
}

export async function removeWorkshopPhoto(
  db: Executor,
  input: { cooperativeId: number; userId: number; imageId: number },
) {
  await db.transaction(async (tx) => {
    const removed = await tx
      .delete(cooperativeImages)
      .where(
        and(
          eq(cooperativeImages.cooperativeId, input.cooperativeId),
          eq(cooperativeImages.imageId, input.imageId),
        ),
      )
      .returning({ imageId: cooperativeImages.imageId });
    if (removed.length === 0) return;
    await recordAudit(tx, {
      actorUserId: input.userId,
      action: "cooperative.workshop.remove",
      entityType: "cooperative",
      entityId: String(input.cooperativeId),
      before: { imageId: input.imageId },
    });
  });
}

export async function setWorkshopPhotoAlt(
  db: Executor,
  input: { cooperativeId: number; userId: number; imageId: number; alt: Localized },
) {
  await db.transaction(async (tx) => {
    const changed = await tx
      .update(cooperativeImages)
      .set({ alt: input.alt })
      .where(
        and(
          eq(cooperativeImages.cooperativeId, input.cooperativeId),
          eq(cooperativeImages.imageId, input.imageId),
        ),
      )
      .returning({ imageId: cooperativeImages.imageId });
    if (changed.length === 0) return;
    await recordAudit(tx, {
      actorUserId: input.userId,
      action: "cooperative.workshop.alt",
      entityType: "cooperative",
      entityId: String(input.cooperativeId),
      after: { imageId: input.imageId, alt: input.alt },
    });
  });
}
