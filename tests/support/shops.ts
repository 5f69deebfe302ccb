/**
 * A cooperative with an owner and products, ready to sell: for checkout tests on a fresh
 * database or on the app's seeded one (where it reuses a seeded craft and picture, so the
 * seed's own invariants — every product has a picture, every shop an owner — still hold).
 */
import { asc, eq } from "drizzle-orm";
import type { Executor } from "#db/client";
import { createCooperative, createCraft, createProduct } from "#db/factories";
import { crafts, images, memberships, productImages, users } from "#db/schema";
import { CheckoutSchema, type CheckoutInput } from "../../app/forms/checkout.server";

export type Shop = Awaited<ReturnType<typeof createShop>>;

let n = 0;
export async function createShop(
  db: Executor,
  options: {
    acceptsCod?: boolean;
    shippingFeeMa?: number;
    shippingFeeIntl?: number;
    products: { stock: number; priceCentimes: number; title?: { ar: string; fr: string } }[];
    ownerPasswordHash?: string | null;
  },
) {
  const tag = `${Date.now().toString(36)}${(n++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const [existingCraft] = await db.select().from(crafts).where(eq(crafts.slug, "pottery")).limit(1);
  const craft = existingCraft ?? (await createCraft(db));
  const coop = await createCooperative(db, {
    slug: `test-coop-${tag}`,
    name: { ar: `تعاونية الاختبار ${tag}`, fr: `Coopérative test ${tag}` },
    acceptsCod: options.acceptsCod ?? true,
    shippingFeeMa: options.shippingFeeMa ?? 3000,
    shippingFeeIntl: options.shippingFeeIntl ?? 20000,
    email: `coop-${tag}@coop.test`,
  });
  const [owner] = await db
    .insert(users)
    .values({
      email: `owner-${tag}@coop.test`,
      name: `Owner ${tag}`,
      passwordHash: options.ownerPasswordHash ?? null,
      preferredLocale: "fr",
    })
    .returning();
  await db.insert(memberships).values({ userId: owner.id, cooperativeId: coop.id, role: "owner" });
  const [picture] = await db.select({ id: images.id }).from(images).orderBy(asc(images.id)).limit(1);
  const made = [];
  for (const [i, p] of options.products.entries()) {
    const product = await createProduct(db, {
      cooperativeId: coop.id,
      craftId: craft.id,
      slug: `test-product-${tag}-${i}`,
      title: p.title ?? { ar: `منتج ${tag} ${i}`, fr: `Article ${tag} ${i}` },
      priceCentimes: p.priceCentimes,
      stock: p.stock,
    });
    if (picture)
      await db.insert(productImages).values({ productId: product.id, imageId: picture.id, position: 0 });
    made.push(product);
  }
  return { coop, owner, products: made };
}

/** A valid buyer, through the checkout form's own schema. */
export const buyer = (overrides: Record<string, string> = {}): CheckoutInput =>
  CheckoutSchema.parse({
    name: "Salma Alaoui",
    email: `buyer-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.ma`,
    phone: "+212612345678",
    country: "MA",
    city: "Fès",
    line1: "12 derb Sidi Ahmed",
    paymentMethod: "cod",
    ...overrides,
  });
