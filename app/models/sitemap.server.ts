/**
 * What the sitemap lists: every page a buyer (and so a crawler) can see. Uses the one
 * visibility rule of the catalogue (`buyerVisible`).
 */
import { asc, eq, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { cooperatives, crafts, products } from "#db/schema";
import { buyerVisible } from "./catalogue.server";
import { listFairSitemapEntries } from "./fairs.server";

export type SitemapEntry = { path: string; lastModified: Date | null };

/** Locale-free paths ("/products/x"); the route writes one URL per locale. */
export async function listSitemapEntries(db: Executor): Promise<SitemapEntry[]> {
  const [craftRows, coopRows, productRows, fairEntries] = await Promise.all([
    db.select({ slug: crafts.slug }).from(crafts).orderBy(asc(crafts.sortOrder), asc(crafts.id)),
    db
      .select({ slug: cooperatives.slug, updatedAt: cooperatives.updatedAt })
      .from(cooperatives)
      .where(eq(cooperatives.status, "verified"))
      .orderBy(asc(cooperatives.id)),
    db
      .select({
        slug: products.slug,
        updatedAt: sql<Date>`greatest(${products.updatedAt}, ${cooperatives.updatedAt})`.mapWith(
          products.updatedAt,
        ),
      })
      .from(products)
      .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
      .where(buyerVisible)
      .orderBy(asc(products.id)),
    listFairSitemapEntries(db),
  ]);
  return [
    { path: "", lastModified: null },
    ...craftRows.map((c) => ({ path: `/crafts/${c.slug}`, lastModified: null })),
    ...coopRows.map((c) => ({ path: `/cooperatives/${c.slug}`, lastModified: c.updatedAt })),
    ...productRows.map((p) => ({ path: `/products/${p.slug}`, lastModified: p.updatedAt })),
    ...fairEntries,
    { path: "/impact", lastModified: null },
  ];
}
