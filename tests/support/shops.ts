/**
 * The one shop fixture (decision 018): a verified cooperative with an owner, made straight in
 * the database — on a fresh test database or on the app's seeded one (where it reuses a seeded
 * craft and picture, so the seed's own invariants — every product has a picture, every shop an
 * owner — still hold). Options add what a test needs:
 * - `products`: listings on sale with their stock and price (each with a picture), for
 *   checkout and orders;
 * - `backOffice`: a back office to work in — the owner and an editor sign in with PASSWORD,
 *   the shop has a craft of its own (with attributes) and a secret draft and a published listing.
 */
import { asc, eq } from "drizzle-orm";
import type { Executor } from "#db/client";
import { createCooperative, createCraft, createProduct, linkCraft } from "#db/factories";
import { crafts, images, memberships, productImages, users } from "#db/schema";
import { createUser } from "~/models/users.server";
import { CheckoutSchema, type CheckoutInput } from "../../app/forms/checkout.server";
import { PASSWORD, uniqueEmail } from "./fixtures";

export type ShopOptions = {
  /** In the names of the cooperative, its members and its sample listings (else a unique tag). */
  label?: string;
  acceptsCod?: boolean;
  shippingFeeMa?: number;
  shippingFeeIntl?: number;
  /** Listings on sale, each with its stock and price and a picture (`products`, in order). */
  products?: { stock: number; priceCentimes: number; title?: { ar: string; fr: string } }[];
  /** The owner's password hash when there is no back office (none: the owner cannot sign in). */
  ownerPasswordHash?: string | null;
  /** An editor besides the owner, both signing in with PASSWORD; a craft of its own; a draft and a published listing. */
  backOffice?: boolean;
};

type Product = Awaited<ReturnType<typeof createProduct>>;
type User = typeof users.$inferSelect;
export type Shop = {
  coop: Awaited<ReturnType<typeof createCooperative>>;
  craft: typeof crafts.$inferSelect;
  owner: User;
  products: Product[];
};
export type BackOfficeShop = Shop & { editor: User; draft: Product; published: Product };

let n = 0;
export async function createShop(
  db: Executor,
  options: ShopOptions & { backOffice: true },
): Promise<BackOfficeShop>;
export async function createShop(db: Executor, options?: ShopOptions): Promise<Shop>;
export async function createShop(db: Executor, options: ShopOptions = {}): Promise<Shop | BackOfficeShop> {
  const tag = `${Date.now().toString(36)}${(n++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const label = options.label ?? tag;
  const craft = options.backOffice
    ? await createCraft(db, { attributeKeys: ["glaze", "foodSafe"] })
    : ((await db.select().from(crafts).where(eq(crafts.slug, "pottery")).limit(1))[0] ??
      (await createCraft(db)));
  const coop = await createCooperative(db, {
    slug: `test-coop-${tag}`,
    name: options.label
      ? { ar: `تعاونية ${label}`, fr: `Coopérative ${label}` }
      : { ar: `تعاونية الاختبار ${tag}`, fr: `Coopérative test ${tag}` },
    acceptsCod: options.acceptsCod ?? true,
    shippingFeeMa: options.shippingFeeMa ?? 3000,
    shippingFeeIntl: options.shippingFeeIntl ?? 20000,
    // The back office's shop has no contact address of its own (its mail goes to its members).
    email: options.backOffice ? undefined : `coop-${tag}@coop.test`,
  });
  const member = async (role: "owner" | "editor") => {
    const user = options.backOffice
      ? await createUser(db, {
          email: uniqueEmail(`${role}-${label}`),
          name: `Test ${role}-${label}`,
          password: PASSWORD,
          preferredLocale: "fr",
        })
      : (
          await db
            .insert(users)
            .values({
              email: `${role}-${tag}@coop.test`,
              name: `Owner ${tag}`,
              passwordHash: options.ownerPasswordHash ?? null,
              preferredLocale: "fr",
            })
            .returning()
        )[0];
    await db.insert(memberships).values({ userId: user.id, cooperativeId: coop.id, role });
    return user;
  };
  const owner = await member("owner");
  const [picture] = await db.select({ id: images.id }).from(images).orderBy(asc(images.id)).limit(1);
  const made: Product[] = [];
  for (const [i, p] of (options.products ?? []).entries()) {
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
  const shop: Shop = { coop, craft, owner, products: made };
  if (!options.backOffice) return shop;
  await linkCraft(db, coop.id, craft.id);
  const editor = await member("editor");
  const draft = await createProduct(db, {
    cooperativeId: coop.id,
    craftId: craft.id,
    status: "draft",
    publishedAt: null,
    title: { ar: `مسودة سرية ${label}`, fr: `Brouillon secret ${label}` },
  });
  const published = await createProduct(db, {
    cooperativeId: coop.id,
    craftId: craft.id,
    title: { ar: `منتج منشور ${label}`, fr: `Article publié ${label}` },
  });
  return { ...shop, editor, draft, published };
}

/** The checkout form as a Moroccan buyer paying cash on delivery fills it in (phone as typed). */
export const checkoutForm = (overrides: Record<string, string> = {}) => ({
  name: "Salma Alaoui",
  email: `buyer-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.ma`,
  phone: "06 61 23 45 67",
  country: "MA",
  city: "Fès",
  line1: "12 derb Sidi Ahmed",
  paymentMethod: "cod",
  ...overrides,
});

/** A valid buyer, through the checkout form's own schema. */
export const buyer = (overrides: Record<string, string> = {}): CheckoutInput =>
  CheckoutSchema.parse(checkoutForm({ phone: "+212612345678", ...overrides }));

/** The listing form as the edit page would post it (`stockSeen`: the stock the page showed). */
export function listingForm(p: Product, over: Record<string, string | number> = {}) {
  return {
    intent: "save",
    craftId: p.craftId,
    title_ar: p.title.ar ?? "",
    title_fr: p.title.fr ?? "",
    description_ar: p.description.ar ?? "",
    description_fr: p.description.fr ?? "",
    price: String(p.priceCentimes / 100),
    stock: p.stock,
    stockSeen: p.stock,
    ...over,
  };
}
