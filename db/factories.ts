/**
 * Small builders for the domain, shared by tests (and anything that needs a believable
 * row without the whole seed). Each fills what the caller does not care about.
 */
import type { Executor } from "./client";
import { cooperativeCrafts, cooperatives, crafts, products, provinces } from "./schema";

let counter = 0;
const unique = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

export async function ensureProvince(db: Executor, slug = "fes") {
  await db
    .insert(provinces)
    .values({ slug, name: { ar: `إقليم ${slug}`, fr: `Province ${slug}` } })
    .onConflictDoNothing();
  return slug;
}

export async function createCraft(db: Executor, overrides: Partial<typeof crafts.$inferInsert> = {}) {
  const slug = overrides.slug ?? unique("craft");
  const [row] = await db
    .insert(crafts)
    .values({ slug, name: { ar: `حرفة ${slug}`, fr: `Métier ${slug}` }, ...overrides })
    .returning();
  return row;
}

export async function createCooperative(
  db: Executor,
  overrides: Partial<typeof cooperatives.$inferInsert> = {},
) {
  const provinceSlug = overrides.provinceSlug ?? (await ensureProvince(db));
  const slug = overrides.slug ?? unique("coop");
  const [row] = await db
    .insert(cooperatives)
    .values({
      slug,
      name: { ar: `تعاونية ${slug}`, fr: `Coopérative ${slug}` },
      story: { ar: "قصة", fr: "Histoire" },
      registrationNumber: unique("RC"),
      provinceSlug,
      city: { ar: "فاس", fr: "Fès" },
      status: "verified",
      verifiedAt: new Date(),
      shippingFeeMa: 3000,
      shippingFeeIntl: 20000,
      ...overrides,
    })
    .returning();
  return row;
}

export async function linkCraft(db: Executor, cooperativeId: number, craftId: number) {
  await db.insert(cooperativeCrafts).values({ cooperativeId, craftId }).onConflictDoNothing();
}

export async function createProduct(
  db: Executor,
  input: { cooperativeId: number; craftId: number } & Partial<typeof products.$inferInsert>,
) {
  const slug = input.slug ?? unique("product");
  const [row] = await db
    .insert(products)
    .values({
      slug,
      status: "published",
      title: { ar: `منتج ${slug}`, fr: `Produit ${slug}` },
      description: { ar: "وصف", fr: "Description" },
      priceCentimes: 15000,
      stock: 5,
      publishedAt: new Date(),
      ...input,
    })
    .returning();
  return row;
}
