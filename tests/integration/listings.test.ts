/**
 * The listing rules of the back office, on PGlite and PostgreSQL: drafts, review,
 * revisions of published listings that leave the live version untouched, photos,
 * duplicate and archive — always within the member's own cooperative.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCooperative, createCraft, createProduct } from "../../db/factories";
import { images, productImages, productRevisions, products, users } from "../../db/schema";
import { getProduct } from "~/models/catalog.server";
import {
  addListingPhotos,
  archiveListing,
  createListing,
  duplicateListing,
  getEditableListing,
  ListingError,
  moveListingPhoto,
  submitListingForReview,
  updateListing,
  type ListingFields,
} from "~/models/listings.server";
import { createTestDatabase, engines, type TestDatabase } from "../support/db";

describe.each(engines)("listings in the back office on %s", (engine) => {
  let t: TestDatabase;
  let craftId: number;
  let coopId: number;
  let otherCoopId: number;
  let userId: number;
  let imageIds: number[];

  const fields = (overrides: Partial<ListingFields> = {}): ListingFields => ({
    craftId,
    title: { ar: "طاجين", fr: "Tajine" },
    description: { fr: "Un tajine." },
    materials: {},
    care: {},
    priceCentimes: 25_000,
    stock: 4,
    widthMm: null,
    heightMm: null,
    depthMm: null,
    weightGrams: null,
    attributes: {},
    ...overrides,
  });

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    craftId = (await createCraft(t.db)).id;
    coopId = (await createCooperative(t.db)).id;
    otherCoopId = (await createCooperative(t.db)).id;
    [{ id: userId }] = await t.db.insert(users).values({ email: `m-${engine}@example.ma`, name: "Member" }).returning();
    const rows = await t.db
      .insert(images)
      .values([1, 2, 3].map((n) => ({ hash: `${engine}-${n}`.padEnd(64, "0"), width: 800, height: 600, dominantColor: "#aabbcc", variants: [] })))
      .returning({ id: images.id });
    imageIds = rows.map((r) => r.id);
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it("creates a draft that cannot go to review without a photo, then goes pending", async () => {
    const id = await createListing(t.db, { cooperativeId: coopId, userId, fields: fields() });
    const [draft] = await t.db.select().from(products).where(eq(products.id, id));
    expect(draft.status).toBe("draft");
    expect(draft.slug).toMatch(/^tajine-[0-9a-f]{6}$/);
    await expect(submitListingForReview(t.db, { cooperativeId: coopId, userId, productId: id })).rejects.toThrow(ListingError);
    await addListingPhotos(t.db, { cooperativeId: coopId, userId, productId: id, imageIds: imageIds.slice(0, 2), alt: {} });
    expect(await submitListingForReview(t.db, { cooperativeId: coopId, userId, productId: id })).toBe(true);
    const [pending] = await t.db.select().from(products).where(eq(products.id, id));
    expect(pending.status).toBe("pending");
    expect(pending.submittedAt).not.toBeNull();
  });

  it("refuses a listing without any title", async () => {
    await expect(createListing(t.db, { cooperativeId: coopId, userId, fields: fields({ title: {} }) })).rejects.toThrow(ListingError);
  });

  it("keeps the published version on sale, unchanged, while an edit waits as a revision", async () => {
    const live = await createProduct(t.db, { cooperativeId: coopId, craftId, title: { fr: "Plat publié", ar: "طبق منشور" }, priceCentimes: 30_000 });
    await t.db.insert(productImages).values({ productId: live.id, imageId: imageIds[0], position: 0 });
    await updateListing(t.db, { cooperativeId: coopId, userId, productId: live.id, fields: fields({ title: { fr: "Plat modifié" }, priceCentimes: 99_900 }) });
    await addListingPhotos(t.db, { cooperativeId: coopId, userId, productId: live.id, imageIds: [imageIds[2]], alt: {} });

    const [row] = await t.db.select().from(products).where(eq(products.id, live.id));
    expect(row.status).toBe("published");
    expect(row.title).toEqual({ fr: "Plat publié", ar: "طبق منشور" });
    expect(row.priceCentimes).toBe(30_000);
    const buyerView = await getProduct(t.db, { slug: live.slug, locale: "fr" });
    expect(buyerView!.title.text).toBe("Plat publié");
    expect(buyerView!.pictures).toHaveLength(1);

    const editable = await getEditableListing(t.db, { cooperativeId: coopId, productId: live.id, locale: "fr" });
    expect(editable!.revisionStatus).toBe("draft");
    expect(editable!.content.title).toEqual({ fr: "Plat modifié" });
    expect(editable!.content.images.map((i) => i.imageId)).toEqual([imageIds[0], imageIds[2]]);

    await submitListingForReview(t.db, { cooperativeId: coopId, userId, productId: live.id });
    const revisions = await t.db.select().from(productRevisions).where(eq(productRevisions.productId, live.id));
    expect(revisions).toHaveLength(1);
    expect(revisions[0].status).toBe("pending");
    expect(revisions[0].content.priceCentimes).toBe(99_900);
    // Still the approved version for buyers.
    expect((await getProduct(t.db, { slug: live.slug, locale: "fr" }))!.priceCentimes).toBe(30_000);
  });

  it("reorders photos", async () => {
    const id = await createListing(t.db, { cooperativeId: coopId, userId, fields: fields() });
    await addListingPhotos(t.db, { cooperativeId: coopId, userId, productId: id, imageIds, alt: {} });
    await moveListingPhoto(t.db, { cooperativeId: coopId, userId, productId: id, imageId: imageIds[2], direction: "earlier" });
    const rows = await t.db.select().from(productImages).where(eq(productImages.productId, id)).orderBy(productImages.position);
    expect(rows.map((r) => r.imageId)).toEqual([imageIds[0], imageIds[2], imageIds[1]]);
  });

  it("duplicates as a new draft and archives, within the member's cooperative only", async () => {
    const id = await createListing(t.db, { cooperativeId: coopId, userId, fields: fields() });
    await addListingPhotos(t.db, { cooperativeId: coopId, userId, productId: id, imageIds: [imageIds[1]], alt: { fr: "vue" } });
    expect(await duplicateListing(t.db, { cooperativeId: otherCoopId, userId, productId: id })).toBeNull();
    expect(await archiveListing(t.db, { cooperativeId: otherCoopId, userId, productId: id })).toBe(false);
    expect(await updateListing(t.db, { cooperativeId: otherCoopId, userId, productId: id, fields: fields({ title: { fr: "volé" } }) })).toBe(false);
    const copyId = await duplicateListing(t.db, { cooperativeId: coopId, userId, productId: id });
    const [copy] = await t.db.select().from(products).where(eq(products.id, copyId!));
    expect(copy).toMatchObject({ status: "draft", cooperativeId: coopId, title: { ar: "طاجين", fr: "Tajine" } });
    expect(await t.db.select().from(productImages).where(eq(productImages.productId, copyId!))).toHaveLength(1);
    expect(await archiveListing(t.db, { cooperativeId: coopId, userId, productId: id })).toBe(true);
    const [archived] = await t.db.select().from(products).where(eq(products.id, id));
    expect(archived.status).toBe("archived");
    await expect(updateListing(t.db, { cooperativeId: coopId, userId, productId: id, fields: fields() })).rejects.toThrow(ListingError);
  });
});
