/**
 * What buyers see: crafts, cooperatives and their published listings.
 *
 * The one rule of visibility lives here (`buyerVisible`): a listing is shown only when
 * it is published and its cooperative is verified (not pending, not suspended).
 */
import { and, asc, count, desc, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import type { Executor } from "#db/client";
import {
  cooperativeCrafts,
  cooperatives,
  crafts,
  images,
  productImages,
  products,
  provinces,
  type ImageVariant,
  type Localized,
} from "#db/schema";
import type { Locale } from "~/i18n/config";
import { pickLocalized, type LocalizedText } from "~/i18n/localized";

import { catalogueCacheByDatabase, catalogueMemo } from "~/services/catalogue-changes.server";
import { PAGE_SIZE, type CraftSort } from "./catalogue-options";
import { pageCountOf } from "./pagination";

export { PAGE_SIZE };

export type PictureData = {
  width: number;
  height: number;
  dominantColor: string;
  variants: ImageVariant[];
  alt: LocalizedText;
};

export type ProductCard = {
  id: number;
  slug: string;
  title: LocalizedText;
  priceCentimes: number;
  currency: string;
  stock: number;
  cooperativeName: LocalizedText;
  cooperativeSlug: string;
  image: PictureData | null;
};

/** Published listings of verified cooperatives: the only ones a buyer may see. */
export const buyerVisible: SQL = and(eq(products.status, "published"), eq(cooperatives.status, "verified"))!;

export const cardColumns = {
  id: products.id,
  slug: products.slug,
  title: products.title,
  priceCentimes: products.priceCentimes,
  currency: products.currency,
  stock: products.stock,
  cooperativeName: cooperatives.name,
  cooperativeSlug: cooperatives.slug,
};

export type CardRow = { [K in keyof typeof cardColumns]: (typeof cardColumns)[K]["_"]["data"] };

/** What a picture needs from its image row (its alt text comes from where it is shown). */
export const imageColumns = {
  width: images.width,
  height: images.height,
  dominantColor: images.dominantColor,
  variants: images.variants,
};

/** Cover pictures (position 0) of many products in one query, not one per product. */
export async function coverPicturesFor(db: Executor, productIds: number[], locale: Locale) {
  const map = new Map<number, PictureData>();
  if (productIds.length === 0) return map;
  const rows = await db
    .select({
      productId: productImages.productId,
      position: productImages.position,
      alt: productImages.alt,
      ...imageColumns,
    })
    .from(productImages)
    .innerJoin(images, eq(images.id, productImages.imageId))
    .where(inArray(productImages.productId, productIds))
    .orderBy(asc(productImages.productId), asc(productImages.position));
  for (const row of rows) {
    if (map.has(row.productId)) continue;
    map.set(row.productId, toPicture(row, locale));
  }
  return map;
}

function toPicture(
  row: {
    width: number;
    height: number;
    dominantColor: string;
    variants: ImageVariant[];
    alt: Record<string, string | undefined>;
  },
  locale: Locale,
): PictureData {
  return {
    width: row.width,
    height: row.height,
    dominantColor: row.dominantColor,
    variants: row.variants,
    alt: pickLocalized(row.alt, locale),
  };
}

/**
 * The cards of the products a subquery yields (columns `id`, and `n` for their order), with
 * their covers, as one JSON value: for a statement that finds a page of products and returns
 * its cards in the same round trip (search). Read it back with `cardsFromJson`.
 */
export function cardsJson(page: SQL): SQL {
  // Keys are this module's own names, written into the statement as literals.
  const fields = Object.entries(cardColumns).map(([key, column]) => sql`${sql.raw(`'${key}'`)}, ${column}`);
  return sql`(select coalesce(json_agg(json_build_object(${sql.join(fields, sql`, `)},
      'cover', (select json_build_object('alt', ${productImages.alt}, 'width', ${images.width}, 'height', ${images.height},
          'dominantColor', ${images.dominantColor}, 'variants', ${images.variants})
        from ${productImages} join ${images} on ${images.id} = ${productImages.imageId}
        where ${productImages.productId} = page.id order by ${productImages.position} limit 1)) order by page.n), '[]')
    from (${page}) page
    join ${products} on ${products.id} = page.id
    join ${cooperatives} on ${cooperatives.id} = ${products.cooperativeId})`;
}

export type CardJson = CardRow & { cover: Parameters<typeof toPicture>[0] | null };

/** Cards from `cardsJson`'s value. */
export function cardsFromJson(rows: CardJson[], locale: Locale): ProductCard[] {
  const pictures = new Map(
    rows.flatMap((r) => (r.cover ? [[r.id, toPicture(r.cover, locale)] as const] : [])),
  );
  return assembleCards(rows, locale, pictures);
}

/** Cards from card rows, with their covers fetched in one query. */
export async function toCards(db: Executor, rows: CardRow[], locale: Locale): Promise<ProductCard[]> {
  const pictures = await coverPicturesFor(
    db,
    rows.map((r) => r.id),
    locale,
  );
  return assembleCards(rows, locale, pictures);
}

function assembleCards(rows: CardRow[], locale: Locale, pictures: Map<number, PictureData>): ProductCard[] {
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    title: pickLocalized(r.title, locale),
    priceCentimes: r.priceCentimes,
    currency: r.currency,
    stock: r.stock,
    cooperativeName: pickLocalized(r.cooperativeName, locale),
    cooperativeSlug: r.cooperativeSlug,
    image: pictures.get(r.id) ?? null,
  }));
}

function sortOrder(sort: CraftSort) {
  switch (sort) {
    case "price_asc":
      return [asc(products.priceCentimes), asc(products.id)];
    case "price_desc":
      return [desc(products.priceCentimes), desc(products.id)];
    default:
      return [desc(products.publishedAt), desc(products.id)];
  }
}

export type CraftSummary = {
  slug: string;
  name: LocalizedText;
  description: LocalizedText;
  productCount: number;
};

export async function listCrafts(db: Executor, locale: Locale): Promise<CraftSummary[]> {
  const counts = db
    .select({ craftId: products.craftId, n: count().as("n") })
    .from(products)
    .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
    .where(buyerVisible)
    .groupBy(products.craftId)
    .as("counts");
  const rows = await db
    .select({ slug: crafts.slug, name: crafts.name, description: crafts.description, n: counts.n })
    .from(crafts)
    .leftJoin(counts, eq(counts.craftId, crafts.id))
    .orderBy(asc(crafts.sortOrder), asc(crafts.id));
  return rows.map((r) => ({
    slug: r.slug,
    name: pickLocalized(r.name, locale),
    description: pickLocalized(r.description, locale),
    productCount: Number(r.n ?? 0),
  }));
}

export type CooperativeCard = {
  slug: string;
  name: LocalizedText;
  province: LocalizedText;
  city: LocalizedText;
  memberCount: number;
  logo: PictureData | null;
};

/** A cooperative as its card shows it, from its row, its province's name and the loaded logos. */
function toCooperativeCard(
  c: {
    slug: string;
    name: Localized;
    city: Localized;
    memberCount: number;
    logoImageId: number | null;
  },
  province: Localized,
  logos: Map<number, PictureData>,
  locale: Locale,
): CooperativeCard {
  return {
    slug: c.slug,
    name: pickLocalized(c.name, locale),
    province: pickLocalized(province, locale),
    city: pickLocalized(c.city, locale),
    memberCount: c.memberCount,
    logo: c.logoImageId ? (logos.get(c.logoImageId) ?? null) : null,
  };
}

async function logoPictures(db: Executor, imageIds: number[], locale: Locale) {
  const map = new Map<number, PictureData>();
  if (imageIds.length === 0) return map;
  const rows = await db.select().from(images).where(inArray(images.id, imageIds));
  for (const row of rows) map.set(row.id, toPicture({ ...row, alt: {} }, locale));
  return map;
}

export async function listCooperatives(
  db: Executor,
  locale: Locale,
  limit = 100,
): Promise<CooperativeCard[]> {
  const rows = await db
    .select({
      slug: cooperatives.slug,
      name: cooperatives.name,
      city: cooperatives.city,
      memberCount: cooperatives.memberCount,
      logoImageId: cooperatives.logoImageId,
      province: provinces.name,
    })
    .from(cooperatives)
    .innerJoin(provinces, eq(provinces.slug, cooperatives.provinceSlug))
    .where(eq(cooperatives.status, "verified"))
    .orderBy(asc(provinces.sortOrder), asc(cooperatives.slug))
    .limit(limit);
  const logos = await logoPictures(
    db,
    rows.flatMap((r) => (r.logoImageId ? [r.logoImageId] : [])),
    locale,
  );
  return rows.map((r) => toCooperativeCard(r, r.province, logos, locale));
}

export async function listNewProducts(db: Executor, locale: Locale, limit = 12): Promise<ProductCard[]> {
  const rows = await db
    .select(cardColumns)
    .from(products)
    .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
    .where(buyerVisible)
    .orderBy(desc(products.publishedAt), desc(products.id))
    .limit(limit);
  return toCards(db, rows, locale);
}

export type CraftPage = {
  craft: CraftSummary;
  products: ProductCard[];
  total: number;
  page: number;
  pageCount: number;
  sort: CraftSort;
};

/**
 * A craft's page of listings. Public data: kept in memory until the catalogue changes, for
 * every visitor alike (decision 016), like the product and cooperative pages below.
 */
export const getCraftPage = catalogueCacheByDatabase(
  {
    maxEntries: 200,
    key: (input: { craftSlug: string; locale: Locale; page: number; sort: CraftSort }) =>
      `${input.locale}\n${input.craftSlug}\n${input.page}\n${input.sort}`,
  },
  loadCraftPage,
);

async function loadCraftPage(
  db: Executor,
  input: { craftSlug: string; locale: Locale; page: number; sort: CraftSort },
): Promise<CraftPage | null> {
  const { craftSlug, locale, page, sort } = input;
  const [craft] = await db.select().from(crafts).where(eq(crafts.slug, craftSlug)).limit(1);
  if (!craft) return null;
  const where = and(buyerVisible, eq(products.craftId, craft.id));
  const [{ total }] = await db
    .select({ total: count() })
    .from(products)
    .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
    .where(where);
  const rows = await db
    .select(cardColumns)
    .from(products)
    .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
    .where(where)
    .orderBy(...sortOrder(sort))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE);
  return {
    craft: {
      slug: craft.slug,
      name: pickLocalized(craft.name, locale),
      description: pickLocalized(craft.description, locale),
      productCount: total,
    },
    products: await toCards(db, rows, locale),
    total,
    page,
    pageCount: pageCountOf(total, PAGE_SIZE),
    sort,
  };
}

export type ProductDetail = {
  id: number;
  slug: string;
  title: LocalizedText;
  description: LocalizedText;
  materials: LocalizedText;
  care: LocalizedText;
  priceCentimes: number;
  currency: string;
  stock: number;
  widthMm: number | null;
  heightMm: number | null;
  depthMm: number | null;
  weightGrams: number | null;
  attributes: Record<string, string | number | boolean>;
  craft: { slug: string; name: LocalizedText; attributeKeys: string[] };
  cooperative: CooperativeCard & { processingDays: number; acceptsCod: boolean; story: LocalizedText };
  pictures: PictureData[];
  moreFromShop: ProductCard[];
};

export const getProduct = catalogueCacheByDatabase(
  { maxEntries: 1000, key: (input: { slug: string; locale: Locale }) => `${input.locale}\n${input.slug}` },
  loadProduct,
);

async function loadProduct(
  db: Executor,
  input: { slug: string; locale: Locale },
): Promise<ProductDetail | null> {
  const { slug, locale } = input;
  const [row] = await db
    .select({ product: products, cooperative: cooperatives, craft: crafts, province: provinces.name })
    .from(products)
    .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
    .innerJoin(crafts, eq(crafts.id, products.craftId))
    .innerJoin(provinces, eq(provinces.slug, cooperatives.provinceSlug))
    .where(and(buyerVisible, eq(products.slug, slug)))
    .limit(1);
  if (!row) return null;
  const { product, cooperative, craft } = row;

  const [pictureRows, moreRows, logos] = await Promise.all([
    db
      .select({
        alt: productImages.alt,
        ...imageColumns,
      })
      .from(productImages)
      .innerJoin(images, eq(images.id, productImages.imageId))
      .where(eq(productImages.productId, product.id))
      .orderBy(asc(productImages.position)),
    db
      .select(cardColumns)
      .from(products)
      .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
      .where(and(buyerVisible, eq(products.cooperativeId, cooperative.id), ne(products.id, product.id)))
      .orderBy(desc(products.publishedAt), desc(products.id))
      .limit(4),
    logoPictures(db, cooperative.logoImageId ? [cooperative.logoImageId] : [], locale),
  ]);

  return {
    id: product.id,
    slug: product.slug,
    title: pickLocalized(product.title, locale),
    description: pickLocalized(product.description, locale),
    materials: pickLocalized(product.materials, locale),
    care: pickLocalized(product.care, locale),
    priceCentimes: product.priceCentimes,
    currency: product.currency,
    stock: product.stock,
    widthMm: product.widthMm,
    heightMm: product.heightMm,
    depthMm: product.depthMm,
    weightGrams: product.weightGrams,
    attributes: product.attributes,
    craft: { slug: craft.slug, name: pickLocalized(craft.name, locale), attributeKeys: craft.attributeKeys },
    cooperative: {
      ...toCooperativeCard(cooperative, row.province, logos, locale),
      processingDays: cooperative.processingDays,
      acceptsCod: cooperative.acceptsCod,
      story: pickLocalized(cooperative.story, locale),
    },
    pictures: pictureRows.map((p) => toPicture(p, locale)),
    moreFromShop: await toCards(db, moreRows, locale),
  };
}

export type CooperativeDetail = CooperativeCard & {
  story: LocalizedText;
  foundedYear: number | null;
  verifiedAt: Date | null;
  crafts: { slug: string; name: LocalizedText }[];
  products: ProductCard[];
  total: number;
  page: number;
  pageCount: number;
};

export const getCooperative = catalogueCacheByDatabase(
  {
    maxEntries: 200,
    key: (input: { slug: string; locale: Locale; page: number }) =>
      `${input.locale}\n${input.slug}\n${input.page}`,
  },
  loadCooperative,
);

async function loadCooperative(
  db: Executor,
  input: { slug: string; locale: Locale; page: number },
): Promise<CooperativeDetail | null> {
  const { slug, locale, page } = input;
  const [row] = await db
    .select({ cooperative: cooperatives, province: provinces.name })
    .from(cooperatives)
    .innerJoin(provinces, eq(provinces.slug, cooperatives.provinceSlug))
    .where(and(eq(cooperatives.slug, slug), eq(cooperatives.status, "verified")))
    .limit(1);
  if (!row) return null;
  const { cooperative } = row;
  const where = and(buyerVisible, eq(products.cooperativeId, cooperative.id));
  const [craftRows, [{ total }], productRows, logos] = await Promise.all([
    db
      .select({ slug: crafts.slug, name: crafts.name })
      .from(cooperativeCrafts)
      .innerJoin(crafts, eq(crafts.id, cooperativeCrafts.craftId))
      .where(eq(cooperativeCrafts.cooperativeId, cooperative.id))
      .orderBy(asc(crafts.sortOrder)),
    db
      .select({ total: count() })
      .from(products)
      .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
      .where(where),
    db
      .select(cardColumns)
      .from(products)
      .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
      .where(where)
      .orderBy(desc(products.publishedAt), desc(products.id))
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE),
    logoPictures(db, cooperative.logoImageId ? [cooperative.logoImageId] : [], locale),
  ]);
  return {
    ...toCooperativeCard(cooperative, row.province, logos, locale),
    story: pickLocalized(cooperative.story, locale),
    foundedYear: cooperative.foundedYear,
    verifiedAt: cooperative.verifiedAt,
    crafts: craftRows.map((c) => ({ slug: c.slug, name: pickLocalized(c.name, locale) })),
    products: await toCards(db, productRows, locale),
    total,
    page,
    pageCount: pageCountOf(total, PAGE_SIZE),
  };
}

/** Count of listings a buyer can see; used by tests and the health check. */
export async function countVisibleProducts(db: Executor): Promise<number> {
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(products)
    .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
    .where(buyerVisible);
  return n;
}

export type CraftLink = { slug: string; name: LocalizedText };

/** The crafts for navigation: names only, no counting (it runs on every page). */
// Every page's header shows the crafts: kept in memory until the catalogue changes.
const craftRowsOf = new WeakMap<
  Executor,
  () => Promise<{ slug: string; name: Record<string, string | undefined> }[]>
>();

export async function listCraftLinks(db: Executor, locale: Locale): Promise<CraftLink[]> {
  let craftRows = craftRowsOf.get(db);
  if (!craftRows) {
    craftRows = catalogueMemo(() =>
      db
        .select({ slug: crafts.slug, name: crafts.name })
        .from(crafts)
        .orderBy(asc(crafts.sortOrder), asc(crafts.id)),
    );
    craftRowsOf.set(db, craftRows);
  }
  return (await craftRows()).map((r) => ({ slug: r.slug, name: pickLocalized(r.name, locale) }));
}
