/**
 * Search over the catalogue in Arabic and French: the index (search_documents, kept up to
 * date here) and the query (ranked matches, filters, facet counts, sort, pagination).
 *
 * Matching: each query word must match (AND). A word matches a product when one of its
 * normalised forms (app/utils/normalize.ts) is among the product's terms; words of 5 or
 * more letters also match terms one typo away, found through search_term_variants.
 * Ranking: a match in the title counts most, then craft and cooperative names, then the
 * description and materials; an exact form counts twice a typo-tolerant one.
 * Visibility is catalogue.server's `buyerVisible`, never re-written here.
 */
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Database, Executor } from "#db/client";
import type { Localized } from "#db/schema";
import { cooperatives, crafts, products, provinces, searchDocuments, searchTermVariants } from "#db/schema";
import type { Locale } from "~/i18n/config";
import { catalogueCacheByDatabase } from "~/services/catalogue-changes.server";
import { pickLocalized, type LocalizedText } from "~/i18n/localized";
import {
  deletionVariants,
  editDistance,
  indexTerms,
  queryTokens,
  TYPO_MIN_LENGTH,
  type QueryToken,
} from "~/utils/normalize";
import {
  buyerVisible,
  cardsFromJson,
  cardsJson,
  PAGE_SIZE,
  type CardJson,
  type ProductCard,
} from "./catalogue.server";
import { dirhamsToCentimes, parseSearchSort, PRICE_BUCKETS, type SearchSort } from "./search-options";
import { pageCountOf } from "./pagination";

// ─── Index ───────────────────────────────────────────────────────────────────

const INDEX_BATCH = 500;

function localizedTexts(value: Record<string, string | undefined> | null | undefined): string {
  return Object.values(value ?? {})
    .filter((v): v is string => typeof v === "string")
    .join(" ");
}

export type IndexScope =
  | { all: true }
  | { productIds: number[] }
  | { cooperativeId: number }
  | { craftId: number }
  /** Products with no document, or changed (product or cooperative) since indexed
   * (compared to the millisecond: JavaScript dates carry no microseconds). */
  | { stale: true };

/**
 * (Re)computes the search documents of the products in `scope` and adds their terms to
 * the typo vocabulary. Call it after creating or editing products, cooperatives or crafts
 * (the seed and `scripts/setup.ts` call it too). Returns how many products were indexed.
 */
export async function refreshSearchIndex(db: Executor, scope: IndexScope = { stale: true }): Promise<number> {
  let where: SQL | undefined;
  if ("productIds" in scope) {
    if (scope.productIds.length === 0) return 0;
    where = inArray(products.id, scope.productIds);
  } else if ("cooperativeId" in scope) where = eq(products.cooperativeId, scope.cooperativeId);
  else if ("craftId" in scope) where = eq(products.craftId, scope.craftId);
  else if ("stale" in scope) {
    where = sql`not exists (select 1 from ${searchDocuments} d where d.product_id = ${products.id}
      and d.source_updated_at >= date_trunc('milliseconds', greatest(${products.updatedAt}, ${cooperatives.updatedAt})))`;
  }
  let indexed = 0;
  let afterId = 0;
  for (;;) {
    const rows = await db
      .select({
        id: products.id,
        title: products.title,
        description: products.description,
        materials: products.materials,
        productUpdatedAt: products.updatedAt,
        cooperativeUpdatedAt: cooperatives.updatedAt,
        cooperativeName: cooperatives.name,
        craftName: crafts.name,
      })
      .from(products)
      .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
      .innerJoin(crafts, eq(crafts.id, products.craftId))
      .where(and(where, sql`${products.id} > ${afterId}`))
      .orderBy(products.id)
      .limit(INDEX_BATCH);
    if (rows.length === 0) break;
    afterId = rows[rows.length - 1].id;
    const vocabulary = new Set<string>();
    const documents = rows.map((r) => {
      const titleTerms = indexTerms(localizedTexts(r.title));
      const nameTerms = indexTerms(`${localizedTexts(r.craftName)} ${localizedTexts(r.cooperativeName)}`);
      const bodyTerms = indexTerms(`${localizedTexts(r.description)} ${localizedTexts(r.materials)}`);
      const terms = [...new Set([...titleTerms, ...nameTerms, ...bodyTerms])];
      for (const t of terms) vocabulary.add(t);
      const sourceUpdatedAt =
        r.productUpdatedAt > r.cooperativeUpdatedAt ? r.productUpdatedAt : r.cooperativeUpdatedAt;
      return { productId: r.id, terms, titleTerms, nameTerms, sourceUpdatedAt };
    });
    await db
      .insert(searchDocuments)
      .values(documents)
      .onConflictDoUpdate({
        target: searchDocuments.productId,
        set: {
          terms: sql`excluded.terms`,
          titleTerms: sql`excluded.title_terms`,
          nameTerms: sql`excluded.name_terms`,
          sourceUpdatedAt: sql`excluded.source_updated_at`,
        },
      });
    await addToVocabulary(db, [...vocabulary]);
    indexed += rows.length;
  }
  // After a bulk (re)index the planner needs fresh statistics, or it guesses one row per
  // table and walks every product instead of the GIN index (seen at 10k products: 70 ms → 8 ms).
  if (indexed >= INDEX_BATCH) await analyzeCatalogue(db);
  return indexed;
}

/** Refreshes the planner's statistics (the whole database: a few tables, a few ms). */
export async function analyzeCatalogue(db: Executor) {
  await db.execute(sql`analyze`);
}

/**
 * Marks the listings' pages all-visible, so search and browses read the covering index
 * (migration 0010) without visiting the table. After bulk loads and at start: PGlite has no
 * autovacuum. Never inside a transaction (VACUUM refuses).
 */
export async function vacuumCatalogue(db: Database) {
  await db.execute(sql`vacuum (analyze) ${products}, ${searchDocuments}`);
}

/** Terms of 4 letters or more, under themselves and their one-letter deletions. */
async function addToVocabulary(db: Executor, terms: string[]) {
  const eligible = terms.filter((t) => [...t].length >= TYPO_MIN_LENGTH - 1);
  if (eligible.length === 0) return;
  // Skip the terms already known: most of a batch is, after the first one.
  const known = new Set<string>();
  for (let i = 0; i < eligible.length; i += 2000) {
    const chunk = eligible.slice(i, i + 2000);
    const rows = await db
      .select({ term: searchTermVariants.term })
      .from(searchTermVariants)
      .where(
        and(
          inArray(searchTermVariants.variant, chunk),
          sql`${searchTermVariants.variant} = ${searchTermVariants.term}`,
        ),
      );
    for (const r of rows) known.add(r.term);
  }
  const pairs = eligible
    .filter((t) => !known.has(t))
    .flatMap((term) => deletionVariants(term).map((variant) => ({ variant, term })));
  for (let i = 0; i < pairs.length; i += 2000) {
    await db
      .insert(searchTermVariants)
      .values(pairs.slice(i, i + 2000))
      .onConflictDoNothing();
  }
}

// ─── Query ───────────────────────────────────────────────────────────────────

export type SearchInput = {
  q: string;
  locale: Locale;
  craft?: string;
  province?: string;
  cooperative?: string;
  /** Centimes, inclusive. */
  priceMin?: number;
  priceMax?: number;
  inStock?: boolean;
  sort?: SearchSort;
  page?: number;
};

export type FacetValue = { value: string; label: LocalizedText; count: number; selected: boolean };
export type PriceBucketCount = {
  index: number;
  min: number;
  max: number | null;
  count: number;
  selected: boolean;
};

export type SearchResult = {
  q: string;
  products: ProductCard[];
  total: number;
  page: number;
  pageCount: number;
  sort: SearchSort;
  facets: {
    crafts: FacetValue[];
    provinces: FacetValue[];
    cooperatives: FacetValue[];
    prices: PriceBucketCount[];
    inStock: number;
  };
};

const slugParam = z
  .string()
  .trim()
  .regex(/^[a-z0-9-]{1,80}$/)
  .optional()
  .catch(undefined);
const dirhamsParam = z.coerce.number().int().min(0).max(10_000_000).optional().catch(undefined);

/** The URL's filters (`?q=&craft=&province=&cooperative=&price_min=&price_max=&stock=1&sort=`). */
const SearchParams = z.object({
  q: z.string().max(200).catch("").default(""),
  craft: slugParam,
  province: slugParam,
  cooperative: slugParam,
  price_min: dirhamsParam,
  price_max: dirhamsParam,
  stock: z
    .string()
    .optional()
    .transform((v) => v === "1" || v === "on"),
  sort: z.string().optional(),
});

export type SearchFilters = z.infer<typeof SearchParams>;

/** Search input from a URL; anything malformed is ignored rather than refused. */
export function parseSearchUrl(url: URL): {
  filters: SearchFilters;
  input: Omit<SearchInput, "locale" | "page">;
} {
  const raw = Object.fromEntries([...url.searchParams].filter(([, v]) => v !== ""));
  const filters = SearchParams.parse(raw);
  return {
    filters,
    input: {
      q: filters.q,
      craft: filters.craft,
      province: filters.province,
      cooperative: filters.cooperative,
      priceMin: filters.price_min === undefined ? undefined : dirhamsToCentimes(filters.price_min, false),
      priceMax: filters.price_max === undefined ? undefined : dirhamsToCentimes(filters.price_max, true),
      inStock: filters.stock,
      sort: parseSearchSort(filters.sort),
    },
  };
}

type ExpandedToken = { exact: string[]; fuzzy: string[] };

/** Each query word with its exact forms and the indexed terms one typo away. */
export async function expandQuery(db: Executor, tokens: QueryToken[]): Promise<ExpandedToken[]> {
  const lookups = new Map<string, string[]>(); // form → its deletion variants
  for (const t of tokens)
    for (const f of t.forms) if ([...f].length >= TYPO_MIN_LENGTH) lookups.set(f, deletionVariants(f));
  const variants = [...new Set([...lookups.values()].flat())];
  const candidates =
    variants.length === 0
      ? []
      : await db
          .selectDistinct({ term: searchTermVariants.term })
          .from(searchTermVariants)
          .where(inArray(searchTermVariants.variant, variants));
  return tokens.map((t) => {
    const fuzzy = new Set<string>();
    for (const f of t.forms) {
      if (!lookups.has(f)) continue;
      for (const { term } of candidates) {
        if (!t.forms.includes(term) && editDistance(f, term, 1) <= 1) fuzzy.add(term);
      }
    }
    return { exact: t.forms, fuzzy: [...fuzzy] };
  });
}

const textArray = (values: string[]) =>
  values.length === 0
    ? sql`'{}'::text[]`
    : sql`array[${sql.join(
        values.map((v) => sql`${v}`),
        sql`, `,
      )}]::text[]`;

function bucketOf(priceColumn: SQL): SQL {
  const cases = PRICE_BUCKETS.map((b, i) =>
    b.max == null ? null : sql`when ${priceColumn} <= ${dirhamsToCentimes(b.max, true)} then ${i}`,
  ).filter((c): c is SQL => c !== null);
  return sql`(case ${sql.join(cases, sql` `)} else ${PRICE_BUCKETS.length - 1} end)`;
}

/** One group of the matching set, as the search statement returns it (ids, not slugs). */
type FacetGroup = [
  craftId: number,
  cooperativeId: number,
  province: string,
  bucket: number,
  inPrice: boolean,
  inStock: boolean,
  n: number,
];

/** A group of matching listings that share every facet value. */
export type FacetCell = {
  craft: string;
  province: string;
  cooperative: string;
  bucket: number;
  inPrice: boolean;
  inStock: boolean;
  n: number;
};

type FacetFilters = Pick<SearchInput, "craft" | "province" | "cooperative" | "inStock">;

/**
 * Each facet's counts from the groups: a value's count applies every filter but the facet's
 * own (so it is what choosing that value would give), and values counting nothing are left
 * out. `inPrice` says whether the group's listings are within the price filter.
 */
export function facetCounts(cells: FacetCell[], filters: FacetFilters) {
  const crafts = new Map<string, number>();
  const provinces = new Map<string, number>();
  const cooperatives = new Map<string, number>();
  const prices = new Map<number, number>();
  let inStock = 0;
  let total = 0;
  const add = <K>(map: Map<K, number>, key: K, n: number) => map.set(key, (map.get(key) ?? 0) + n);
  for (const c of cells) {
    const craft = !filters.craft || c.craft === filters.craft;
    const province = !filters.province || c.province === filters.province;
    const cooperative = !filters.cooperative || c.cooperative === filters.cooperative;
    const stock = !filters.inStock || c.inStock;
    if (province && cooperative && c.inPrice && stock) add(crafts, c.craft, c.n);
    if (craft && cooperative && c.inPrice && stock) add(provinces, c.province, c.n);
    if (craft && province && c.inPrice && stock) add(cooperatives, c.cooperative, c.n);
    if (craft && province && cooperative && stock) add(prices, c.bucket, c.n);
    if (craft && province && cooperative && c.inPrice) {
      if (c.inStock) inStock += c.n;
      if (stock) total += c.n;
    }
  }
  return { crafts, provinces, cooperatives, prices, inStock, total };
}

/**
 * A search's results and facets. Repeated searches (the same words and filters, in any
 * process's memory) are answered from a cache until the catalogue changes (decision 016):
 * the change feed hears every committed change to listings, cooperatives, crafts and the
 * search index itself (migration 0019), whichever process makes it.
 */
export const searchProducts = catalogueCacheByDatabase(
  {
    maxEntries: 500,
    key: (input: SearchInput) =>
      JSON.stringify([
        input.locale,
        input.q,
        input.craft,
        input.province,
        input.cooperative,
        input.priceMin,
        input.priceMax,
        input.inStock,
        input.sort,
        input.page,
      ]),
  },
  runSearch,
);

async function runSearch(db: Executor, input: SearchInput): Promise<SearchResult> {
  const q = input.q.trim().slice(0, 200);
  const tokens = queryTokens(q);
  const sort: SearchSort = input.sort ?? (tokens.length > 0 ? "relevance" : "newest");
  const page = Math.max(1, input.page ?? 1);
  const expanded = await expandQuery(db, tokens);

  // The matching set, before the facet filters: visibility and the query words.
  const matchConditions: SQL[] = [buyerVisible];
  let score: SQL = sql`0`;
  if (expanded.length > 0) {
    const parts: SQL[] = [];
    for (const t of expanded) {
      const exact = textArray(t.exact);
      const fuzzy = textArray(t.fuzzy);
      matchConditions.push(sql`d.terms && ${textArray([...t.exact, ...t.fuzzy])}`);
      // A word found only in the description scores 1, exact or one typo away: telling them
      // apart means reading the whole (TOASTed) term array again for every matching row,
      // which was half the statement's time at 10k products (PGlite: 25 → 15 ms for "laine").
      parts.push(sql`(case when d.title_terms && ${exact} then 6 when d.title_terms && ${fuzzy} then 3
        when d.name_terms && ${exact} then 3 when d.name_terms && ${fuzzy} then 1.5 else 1 end)`);
    }
    score = sql.join(parts, sql` + `);
  }
  const joinDocuments =
    expanded.length > 0 ? sql`join ${searchDocuments} d on d.product_id = ${products.id}` : sql``;
  const matched = sql`select ${products.id} as id, ${products.craftId} as craft_id, ${products.cooperativeId} as cooperative_id,
      ${cooperatives.provinceSlug} as province, ${products.priceCentimes} as price, ${products.stock} as stock,
      ${products.publishedAt} as published_at, ${score} as score
    from ${products}
    join ${cooperatives} on ${cooperatives.id} = ${products.cooperativeId}
    ${joinDocuments}
    where ${sql.join(matchConditions, sql` and `)}`;

  const priceMin = input.priceMin ?? 0;
  const priceMax = input.priceMax ?? 2_147_483_647;
  // The page's rows: every filter applied (slugs resolved once, not per row).
  const pageFilters = [
    input.craft
      ? sql`craft_id = (select ${crafts.id} from ${crafts} where ${crafts.slug} = ${input.craft})`
      : null,
    input.province ? sql`province = ${input.province}` : null,
    input.cooperative
      ? sql`cooperative_id = (select ${cooperatives.id} from ${cooperatives} where ${cooperatives.slug} = ${input.cooperative})`
      : null,
    sql`price >= ${priceMin} and price <= ${priceMax}`,
    input.inStock ? sql`stock > 0` : null,
  ].filter((f): f is SQL => f !== null);
  const order =
    sort === "price_asc"
      ? sql`price asc, id asc`
      : sort === "price_desc"
        ? sql`price desc, id desc`
        : sort === "relevance"
          ? sql`score desc, published_at desc nulls last, id desc`
          : sql`published_at desc nulls last, id desc`;

  // One statement. The matching set is counted once, grouped by every facet's value at once
  // (craft × cooperative × price bucket × in price range × in stock: a few hundred groups at
  // most), and each facet's counts are summed from those groups below (seven filtered scans
  // of the set before: 11 → 4 ms at 10k products). With query words the set is materialised
  // (matched and scored once); without, each part reads the tables itself, so the page of a
  // browse comes from the craft/price index instead of the whole catalogue.
  const statement = sql`with m as ${expanded.length > 0 ? sql`materialized` : sql`not materialized`} (${matched}),
      g as (select craft_id, cooperative_id, province, ${bucketOf(sql`price`)}::int as bucket,
          (price >= ${priceMin} and price <= ${priceMax}) as in_price, stock > 0 as in_stock, count(*)::int as n
        from m group by 1, 2, 3, 4, 5, 6)
    select
      (select coalesce(json_agg(json_build_array(craft_id, cooperative_id, province, bucket, in_price, in_stock, n)), '[]') from g) as groups,
      (select coalesce(json_agg(json_build_array(${crafts.id}, ${crafts.slug}, ${crafts.name})), '[]')
        from ${crafts} where ${crafts.id} in (select craft_id from g)) as crafts,
      (select coalesce(json_agg(json_build_array(${cooperatives.id}, ${cooperatives.slug}, ${cooperatives.name})), '[]')
        from ${cooperatives} where ${cooperatives.id} in (select cooperative_id from g)) as cooperatives,
      (select coalesce(json_agg(json_build_array(${provinces.slug}, ${provinces.name}, ${provinces.sortOrder})), '[]')
        from ${provinces} where ${provinces.slug} in (select province from g)) as provinces,
      ${cardsJson(sql`select id, row_number() over (order by ${order}) as n from m where ${sql.join(pageFilters, sql` and `)}
        order by ${order} limit ${PAGE_SIZE} offset ${(page - 1) * PAGE_SIZE}`)} as cards`;
  type Row = {
    groups: FacetGroup[];
    crafts: [number, string, Localized][];
    cooperatives: [number, string, Localized][];
    provinces: [string, Localized, number][];
    cards: CardJson[];
  };
  const [row] = (await db.execute<Row>(statement)).rows;
  const craftSlugs = new Map(row.crafts.map(([id, slug]) => [id, slug]));
  const cooperativeSlugs = new Map(row.cooperatives.map(([id, slug]) => [id, slug]));
  const counts = facetCounts(
    row.groups.map(([craftId, cooperativeId, province, bucket, inPrice, inStock, n]) => ({
      craft: craftSlugs.get(craftId) ?? "",
      cooperative: cooperativeSlugs.get(cooperativeId) ?? "",
      province,
      bucket,
      inPrice,
      inStock,
      n,
    })),
    input,
  );
  const label = (names: Localized | undefined) => pickLocalized(names ?? null, input.locale);
  const craftNames = new Map(row.crafts.map(([, slug, name]) => [slug, name]));
  const cooperativeNames = new Map(row.cooperatives.map(([, slug, name]) => [slug, name]));
  const provinceInfo = new Map(row.provinces.map(([slug, name, order]) => [slug, { name, order }]));
  const values = (
    countByValue: Map<string, number>,
    names: (value: string) => Localized | undefined,
    selected: string | undefined,
  ) =>
    [...countByValue].map(
      ([value, count]): FacetValue => ({
        value,
        label: label(names(value)),
        count,
        selected: value === selected,
      }),
    );
  const byLabel = (a: FacetValue, b: FacetValue) =>
    b.count - a.count || a.label.text.localeCompare(b.label.text, input.locale);
  const { total } = counts;

  return {
    q,
    products: cardsFromJson(row.cards, input.locale),
    total,
    page,
    pageCount: pageCountOf(total, PAGE_SIZE),
    sort,
    facets: {
      crafts: values(counts.crafts, (v) => craftNames.get(v), input.craft).sort(byLabel),
      provinces: values(counts.provinces, (v) => provinceInfo.get(v)?.name, input.province).sort(
        (a, b) => (provinceInfo.get(a.value)?.order ?? 0) - (provinceInfo.get(b.value)?.order ?? 0),
      ),
      cooperatives: values(counts.cooperatives, (v) => cooperativeNames.get(v), input.cooperative).sort(
        byLabel,
      ),
      prices: PRICE_BUCKETS.map((b, index) => ({
        index,
        min: b.min,
        max: b.max,
        count: counts.prices.get(index) ?? 0,
        selected:
          (input.priceMin ?? 0) === dirhamsToCentimes(b.min, false) &&
          (input.priceMax ?? null) === (b.max == null ? null : dirhamsToCentimes(b.max, true)),
      })),
      inStock: counts.inStock,
    },
  };
}
