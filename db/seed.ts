/**
 * The demo marketplace: provinces, crafts, cooperatives of Fès-Meknès with their stories,
 * their members and their products, with pictures drawn as SVG and passed through the
 * same image pipeline as uploads. Deterministic: the same run gives the same shops.
 */
import { sql } from "drizzle-orm";
import type { Database } from "./client";
import {
  cooperativeCrafts,
  cooperatives,
  crafts,
  memberships,
  productImages,
  products,
  provinces,
  users,
} from "./schema";
import {
  cooperatives as seedCooperatives,
  crafts as seedCrafts,
  productTemplates,
  provinces as seedProvinces,
} from "./seed-data/content";
import { cooperativeLogoSvg, mulberry32, productPatternSvg } from "./seed-data/patterns";
import type { SeedProductTemplate } from "./seed-data/types";
import { processImage } from "../app/services/images.server";
import { refreshSearchIndex, vacuumCatalogue } from "../app/models/search.server";
import type { MediaStorage } from "../app/services/storage.server";
import sharp from "sharp";
import { slugify } from "../app/utils/slug";
import { hashPassword } from "../app/models/users.server";
import { saveImageRow } from "../app/models/listings.server";
import { seedFairs } from "./seed-data/fairs";

export const DEMO_PASSWORD = "hirfa-demo-2026";
export const DEMO_STAFF = [
  { email: "admin@hirfa.ma", name: "Amina El Idrissi", staffRole: "admin" as const },
  { email: "moderateur@hirfa.ma", name: "Youssef Bennani", staffRole: "moderator" as const },
];
/** Every cooperative's owner signs in as `<slug>@demo.hirfa.ma`. */
export const memberEmail = (cooperativeSlug: string) => `${cooperativeSlug}@demo.hirfa.ma`;

const PATTERN_VARIANTS = 6;
const SEED_IMAGE_SIZE = { width: 1600, height: 1200 };
/** Seeded products are published over the past months, newest first on the home page. */
const SEED_EPOCH = Date.UTC(2026, 10, 20);

export type SeedOptions = {
  storage: MediaStorage;
  /** Total number of products wanted; beyond the templates they are generated variations. */
  products?: number;
  log?: (message: string) => void;
};

export type SeedReport = { cooperatives: number; products: number; images: number; seconds: number };

export async function isSeeded(db: Database): Promise<boolean> {
  const result = await db.execute<{ n: number }>(sql`select count(*)::int as n from crafts`);
  return Number(result.rows[0]?.n ?? 0) > 0;
}

async function storeSvg(db: Database, storage: MediaStorage, svg: string, width: number, height: number) {
  const png = await sharp(Buffer.from(svg)).resize(width, height).png({ compressionLevel: 1 }).toBuffer();
  return saveImageRow(db, await processImage(png, storage));
}

/** Runs async jobs at most `limit` at a time (sharp already uses every core per job). */
async function mapLimit<T, R>(
  items: T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i], i);
      }
    }),
  );
  return results;
}

function between(random: () => number, [min, max]: [number, number], step = 1): number {
  const n = min + random() * (max - min);
  return Math.max(step, Math.round(n / step) * step);
}

export async function seedDatabase(db: Database, options: SeedOptions): Promise<SeedReport> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const random = mulberry32(20260611);

  await db
    .insert(provinces)
    .values(seedProvinces.map((p, i) => ({ slug: p.slug, name: p.name, sortOrder: i })));
  const craftRows = await db
    .insert(crafts)
    .values(
      seedCrafts.map((c) => ({
        slug: c.slug,
        name: c.name,
        description: c.description,
        attributeKeys: c.attributeKeys,
        sortOrder: c.sortOrder,
      })),
    )
    .returning({ id: crafts.id, slug: crafts.slug });
  const craftIdBySlug = new Map(craftRows.map((c) => [c.slug, c.id]));

  // Pictures first: a few patterns per craft and a logo per cooperative.
  log("drawing and encoding pictures…");
  const patternJobs = seedCrafts.flatMap((c) =>
    Array.from({ length: PATTERN_VARIANTS }, (_, v) => ({ craft: c.slug, variant: v })),
  );
  const patternIds = await mapLimit(patternJobs, 2, (job) =>
    storeSvg(
      db,
      options.storage,
      productPatternSvg(job.craft, job.variant + 1, SEED_IMAGE_SIZE.width, SEED_IMAGE_SIZE.height),
      SEED_IMAGE_SIZE.width,
      SEED_IMAGE_SIZE.height,
    ),
  );
  const patternsByCraft = new Map<string, number[]>();
  patternJobs.forEach((job, i) => {
    const list = patternsByCraft.get(job.craft) ?? [];
    list.push(patternIds[i]);
    patternsByCraft.set(job.craft, list);
  });
  const logoIds = await mapLimit(seedCooperatives, 2, (c, i) => {
    const initials = c.name.fr
      .replace(/^Coop[ée]rative\s+/i, "")
      .split(/\s+/)
      .filter((w) => w.length > 2)
      .slice(0, 2)
      .map((w) => w[0]!.toUpperCase())
      .join("");
    return storeSvg(db, options.storage, cooperativeLogoSvg(i + 1, initials || "H"), 512, 512);
  });

  // Cooperatives, their crafts and their owners.
  const verifiedAt = new Date(Date.UTC(2026, 0, 15));
  const coopRows = await db
    .insert(cooperatives)
    .values(
      seedCooperatives.map((c, i) => ({
        slug: c.slug,
        name: c.name,
        story: c.story,
        registrationNumber: c.registrationNumber,
        provinceSlug: c.province,
        city: c.city,
        foundedYear: c.foundedYear,
        memberCount: c.memberCount,
        phone: c.phone,
        email: c.email,
        status: c.status,
        verifiedAt: c.status === "pending" ? null : verifiedAt,
        acceptsCod: c.acceptsCod,
        shippingFeeMa: c.shippingFeeMa,
        shippingFeeIntl: c.shippingFeeIntl,
        processingDays: c.processingDays,
        logoImageId: logoIds[i],
      })),
    )
    .returning({ id: cooperatives.id, slug: cooperatives.slug });
  const coopIdBySlug = new Map(coopRows.map((c) => [c.slug, c.id]));
  await db.insert(cooperativeCrafts).values(
    seedCooperatives.flatMap((c) =>
      c.crafts.map((craft) => ({
        cooperativeId: coopIdBySlug.get(c.slug)!,
        craftId: craftIdBySlug.get(craft)!,
      })),
    ),
  );

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const staffRows = await db
    .insert(users)
    .values(DEMO_STAFF.map((s) => ({ ...s, passwordHash, preferredLocale: "fr" })))
    .returning({ id: users.id });
  const memberRows = await db
    .insert(users)
    .values(
      seedCooperatives.map((c) => ({
        email: memberEmail(c.slug),
        name: c.name.fr,
        passwordHash,
        preferredLocale: "ar",
      })),
    )
    .returning({ id: users.id, email: users.email });
  await db.insert(memberships).values(
    seedCooperatives.map((c, i) => ({
      userId: memberRows[i].id,
      cooperativeId: coopIdBySlug.get(c.slug)!,
      role: "owner" as const,
    })),
  );

  // Two fairs, one upcoming and one past, with their cooperatives (decision 021).
  log("fairs…");
  await seedFairs(db, {
    now: new Date(),
    coopIdBySlug,
    staffId: staffRows[0]?.id ?? null,
    storePoster: (svg) => storeSvg(db, options.storage, svg, 800, 1000),
  });

  // Products: every template once, then variations up to the requested total.
  const verifiedByCraft = new Map<string, string[]>();
  const hiddenByCraft = new Map<string, string[]>();
  for (const c of seedCooperatives) {
    for (const craft of c.crafts) {
      const target = c.status === "verified" ? verifiedByCraft : hiddenByCraft;
      target.set(craft, [...(target.get(craft) ?? []), c.slug]);
    }
  }
  const total = Math.max(options.products ?? productTemplates.length, productTemplates.length);
  const usedSlugs = new Set<string>();
  type NewProduct = typeof products.$inferInsert;
  const batch: { product: NewProduct; pictures: number[]; alt: SeedProductTemplate["title"] }[] = [];
  let inserted = 0;

  const flush = async () => {
    if (batch.length === 0) return;
    const rows = await db
      .insert(products)
      .values(batch.map((b) => b.product))
      .returning({ id: products.id });
    await db.insert(productImages).values(
      rows.flatMap((row, i) =>
        batch[i].pictures.map((imageId, position) => ({
          productId: row.id,
          imageId,
          position,
          alt: batch[i].alt,
        })),
      ),
    );
    inserted += rows.length;
    batch.length = 0;
  };

  for (let i = 0; i < total; i++) {
    const template = productTemplates[i % productTemplates.length];
    const round = Math.floor(i / productTemplates.length);
    const verified = verifiedByCraft.get(template.craft) ?? [];
    const hidden = hiddenByCraft.get(template.craft) ?? [];
    // A few templates go to the pending and suspended shops: they must never be seen.
    const useHidden = round === 0 && hidden.length > 0 && i % 23 === 5;
    const pool = useHidden ? hidden : verified.length > 0 ? verified : hidden;
    if (pool.length === 0) continue;
    const coopSlug = pool[(i + round) % pool.length];

    const base = slugify(template.title.fr ?? "") || `${template.craft}-${(i % productTemplates.length) + 1}`;
    let slug = round === 0 ? base : `${base}-${round + 1}`;
    for (let n = 2; usedSlugs.has(slug); n++) slug = `${base}-${n}`;
    usedSlugs.add(slug);

    // Most listings are on sale; some are drafts, waiting for review or rejected.
    const status =
      round > 0
        ? "published"
        : i % 29 === 7
          ? "draft"
          : i % 31 === 11
            ? "pending"
            : i % 37 === 13
              ? "rejected"
              : "published";
    const patterns = patternsByCraft.get(template.craft) ?? patternIds;
    const picture = i % patterns.length;
    const publishedAt = status === "published" ? new Date(SEED_EPOCH - i * 3_600_000 * 7) : null;
    batch.push({
      product: {
        slug,
        cooperativeId: coopIdBySlug.get(coopSlug)!,
        craftId: craftIdBySlug.get(template.craft)!,
        status,
        title: template.title,
        description: template.description,
        materials: template.materials,
        care: template.care ?? {},
        priceCentimes: between(random, template.priceRange, 100),
        currency: "MAD",
        stock: i % 17 === 3 ? 0 : i % 11 === 2 ? 1 + (i % 3) : 4 + Math.floor(random() * 20),
        widthMm: template.widthCm ? between(random, template.widthCm) * 10 : null,
        heightMm: template.heightCm ? between(random, template.heightCm) * 10 : null,
        depthMm: template.depthCm ? between(random, template.depthCm) * 10 : null,
        weightGrams: template.weightGrams ? between(random, template.weightGrams, 10) : null,
        attributes: template.attributes ?? {},
        publishedAt,
      },
      // Two pictures per listing; identical drawings are stored once, so keep them distinct.
      pictures: [...new Set([patterns[picture], patterns[(picture + 3) % patterns.length]])],
      alt: template.title,
    });
    if (batch.length >= 500) await flush();
  }
  await flush();
  log("indexing for search…");
  await refreshSearchIndex(db, { all: true });
  await vacuumCatalogue(db);
  const seconds = (Date.now() - started) / 1000;
  log(
    `seeded ${coopRows.length} cooperatives, ${inserted} products, ${patternIds.length + logoIds.length} pictures in ${seconds.toFixed(1)} s`,
  );
  return {
    cooperatives: coopRows.length,
    products: inserted,
    images: patternIds.length + logoIds.length,
    seconds,
  };
}
