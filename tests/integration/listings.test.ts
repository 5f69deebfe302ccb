/**
 * The listing rules of the back office, on PGlite and PostgreSQL: drafts, review,
 * revisions of published listings that leave the live version untouched, photos,
 * duplicate and archive — always within the member's own cooperative.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCooperative, createCraft, createProduct } from "#db/factories";
import { auditLog, images, productImages, productRevisions, products, users } from "#db/schema";
import { getProduct } from "~/models/catalogue.server";
import {
  addListingPhotos,
  archiveListing,
  createListing,
  duplicateListing,
  getEditableListing,
  moveListingPhoto,
  shopDashboard,
  submitListingForReview,
  updateListing,
  type ListingFields,
} from "~/models/listings.server";
import { LOW_STOCK_AT } from "~/models/listing-options";
import { decideSubmission } from "~/models/moderation.server";
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
    [{ id: userId }] = await t.db
      .insert(users)
      .values({ email: `m-${engine}@example.ma`, name: "Member" })
      .returning();
    const rows = await t.db
      .insert(images)
      .values(
        [1, 2, 3].map((n) => ({
          hash: `${engine}-${n}`.padEnd(64, "0"),
          width: 800,
          height: 600,
          dominantColor: "#aabbcc",
          variants: [],
        })),
      )
      .returning({ id: images.id });
    imageIds = rows.map((r) => r.id);
  });
  afterAll(async () => {
    await t?.destroy();
  });

  /** A new draft's id (the creation is expected to succeed). */
  async function create(input: Parameters<typeof createListing>[1]) {
    const created = await createListing(t.db, input);
    if (!created.ok) throw new Error(`createListing refused: ${created.error}`);
    return created.id;
  }

  it("creates a draft that cannot go to review without a photo, then goes pending", async () => {
    const id = await create({ cooperativeId: coopId, userId, fields: fields() });
    const [draft] = await t.db.select().from(products).where(eq(products.id, id));
    expect(draft.status).toBe("draft");
    expect(draft.slug).toMatch(/^tajine-[0-9a-f]{6}$/);
    expect(await submitListingForReview(t.db, { cooperativeId: coopId, userId, productId: id })).toEqual({
      ok: false,
      error: "no_photo",
    });
    await addListingPhotos(t.db, {
      cooperativeId: coopId,
      userId,
      productId: id,
      imageIds: imageIds.slice(0, 2),
      alt: {},
    });
    expect(await submitListingForReview(t.db, { cooperativeId: coopId, userId, productId: id })).toEqual({
      ok: true,
    });
    const [pending] = await t.db.select().from(products).where(eq(products.id, id));
    expect(pending.status).toBe("pending");
    expect(pending.submittedAt).not.toBeNull();
  });

  it("refuses a listing without any title", async () => {
    expect(
      await createListing(t.db, { cooperativeId: coopId, userId, fields: fields({ title: {} }) }),
    ).toEqual({
      ok: false,
      error: "no_title",
    });
  });

  it("keeps the published texts and photos on sale, unchanged, while their edit waits as a revision", async () => {
    const live = await createProduct(t.db, {
      cooperativeId: coopId,
      craftId,
      title: { fr: "Plat publié", ar: "طبق منشور" },
      priceCentimes: 30_000,
      stock: 4,
    });
    await t.db.insert(productImages).values({ productId: live.id, imageId: imageIds[0], position: 0 });
    await updateListing(t.db, {
      cooperativeId: coopId,
      userId,
      productId: live.id,
      fields: fields({ title: { fr: "Plat modifié" }, priceCentimes: 30_000 }),
    });
    await addListingPhotos(t.db, {
      cooperativeId: coopId,
      userId,
      productId: live.id,
      imageIds: [imageIds[2]],
      alt: {},
    });

    const [row] = await t.db.select().from(products).where(eq(products.id, live.id));
    expect(row.status).toBe("published");
    expect(row.title).toEqual({ fr: "Plat publié", ar: "طبق منشور" });
    const buyerView = await getProduct(t.db, { slug: live.slug, locale: "fr" });
    expect(buyerView!.title.text).toBe("Plat publié");
    expect(buyerView!.pictures).toHaveLength(1);

    const editable = await getEditableListing(t.db, {
      cooperativeId: coopId,
      productId: live.id,
      locale: "fr",
    });
    expect(editable!.revisionStatus).toBe("draft");
    expect(editable!.content.title).toEqual({ fr: "Plat modifié" });
    expect(editable!.content.images.map((i) => i.imageId)).toEqual([imageIds[0], imageIds[2]]);

    await submitListingForReview(t.db, { cooperativeId: coopId, userId, productId: live.id });
    const revisions = await t.db
      .select()
      .from(productRevisions)
      .where(eq(productRevisions.productId, live.id));
    expect(revisions).toHaveLength(1);
    expect(revisions[0].status).toBe("pending");
    // Still the approved version for buyers.
    expect((await getProduct(t.db, { slug: live.slug, locale: "fr" }))!.title.text).toBe("Plat publié");
  });

  it("puts a published listing's new stock and price on sale at once, audited, without a revision", async () => {
    const live = await createProduct(t.db, {
      cooperativeId: coopId,
      craftId,
      title: { fr: "Tapis", ar: "زربية" },
      description: { fr: "Un tajine." },
      priceCentimes: 25_000,
      stock: 0,
    });
    const saved = await updateListing(t.db, {
      cooperativeId: coopId,
      userId,
      productId: live.id,
      fields: fields({ title: { fr: "Tapis", ar: "زربية" }, stock: 3, priceCentimes: 40_000 }),
      stockSeen: 0,
    });
    expect(saved).toEqual({ ok: true, liveChanged: true, changesNotSent: false });
    const buyerView = await getProduct(t.db, { slug: live.slug, locale: "fr" });
    expect(buyerView).toMatchObject({ stock: 3, priceCentimes: 40_000 });
    expect(await t.db.select().from(productRevisions).where(eq(productRevisions.productId, live.id))).toEqual(
      [],
    );
    const entries = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "product"), eq(auditLog.entityId, String(live.id))))
      .orderBy(auditLog.id);
    expect(entries.map((e) => [e.action, e.before, e.after, e.actorUserId])).toEqual([
      ["listing.stock.set", { stock: 0 }, { stock: 3 }, userId],
      ["listing.price.set", { priceCentimes: 25_000 }, { priceCentimes: 40_000 }, userId],
    ]);
  });

  it("keeps a sale made while the form was open: stock moves by what the member changed", async () => {
    const live = await createProduct(t.db, {
      cooperativeId: coopId,
      craftId,
      title: { fr: "Tajine", ar: "طاجين" },
      description: { fr: "Un tajine." },
      priceCentimes: 25_000,
      stock: 4,
    });
    // The form showed 4; a buyer took one meanwhile.
    await t.db.update(products).set({ stock: 3 }).where(eq(products.id, live.id));
    // Saving a text change with the stock field untouched does not bring the sold unit back.
    await updateListing(t.db, {
      cooperativeId: coopId,
      userId,
      productId: live.id,
      fields: fields({ stock: 4, description: { fr: "Un beau tajine." } }),
      stockSeen: 4,
    });
    expect((await t.db.select().from(products).where(eq(products.id, live.id)))[0].stock).toBe(3);
    // Three more woven (4 → 7 in the form): 3 + 3.
    await updateListing(t.db, {
      cooperativeId: coopId,
      userId,
      productId: live.id,
      fields: fields({ stock: 7, description: { fr: "Un beau tajine." } }),
      stockSeen: 4,
    });
    expect((await t.db.select().from(products).where(eq(products.id, live.id)))[0].stock).toBe(6);
  });

  it("approving a revision changes texts and photos but never the live stock or price", async () => {
    const live = await createProduct(t.db, {
      cooperativeId: coopId,
      craftId,
      title: { fr: "Bol", ar: "زبدية" },
      priceCentimes: 10_000,
      stock: 5,
    });
    await t.db.insert(productImages).values({ productId: live.id, imageId: imageIds[0], position: 0 });
    await updateListing(t.db, {
      cooperativeId: coopId,
      userId,
      productId: live.id,
      fields: fields({ title: { fr: "Bol bleu", ar: "زبدية" }, stock: 5, priceCentimes: 12_000 }),
    });
    await submitListingForReview(t.db, { cooperativeId: coopId, userId, productId: live.id });
    // Three sold while the revision waited.
    await t.db.update(products).set({ stock: 2 }).where(eq(products.id, live.id));
    const [revision] = await t.db
      .select()
      .from(productRevisions)
      .where(eq(productRevisions.productId, live.id));
    const [staff] = await t.db
      .insert(users)
      .values({ email: `staff-${engine}-${live.id}@example.ma`, name: "Staff", staffRole: "moderator" })
      .returning();
    expect(
      await decideSubmission(t.db, { kind: "revision", id: revision.id, staffId: staff.id, approve: true }),
    ).toEqual({ ok: true });
    const [row] = await t.db.select().from(products).where(eq(products.id, live.id));
    expect(row).toMatchObject({ title: { fr: "Bol bleu", ar: "زبدية" }, stock: 2, priceCentimes: 12_000 });
  });

  it("says which language is older when only the other changed, and forgets it when it follows", async () => {
    const id = await create({
      cooperativeId: coopId,
      userId,
      fields: fields({
        title: { ar: "طاجين", fr: "Tajine" },
        description: { ar: "طاجين من الطين", fr: "Un tajine." },
      }),
    });
    const edit = (over: Partial<ListingFields>) =>
      updateListing(t.db, {
        cooperativeId: coopId,
        userId,
        productId: id,
        fields: fields({ description: { ar: "طاجين من الطين", fr: "Un tajine." }, ...over }),
      });
    const stale = async () =>
      (await getEditableListing(t.db, { cooperativeId: coopId, productId: id, locale: "fr" }))!.content
        .staleLocales;
    await edit({ title: { ar: "طاجين", fr: "Tajine en terre" } });
    expect(await stale()).toEqual({ title: ["ar"] });
    await edit({
      title: { ar: "طاجين", fr: "Tajine en terre" },
      description: { ar: "طاجين من طين فاس", fr: "Un tajine." },
    });
    expect(await stale()).toEqual({ title: ["ar"], description: ["fr"] });
    await edit({
      title: { ar: "طاجين من الطين", fr: "Tajine en terre" },
      description: { ar: "طاجين من طين فاس", fr: "Un tajine." },
    });
    expect(await stale()).toEqual({ description: ["fr"] });
    // A language left empty is missing, not older.
    const other = await create({
      cooperativeId: coopId,
      userId,
      fields: fields({ title: { fr: "Seul" } }),
    });
    await updateListing(t.db, {
      cooperativeId: coopId,
      userId,
      productId: other,
      fields: fields({ title: { fr: "Seul en français" } }),
    });
    expect(
      (await getEditableListing(t.db, { cooperativeId: coopId, productId: other, locale: "fr" }))!.content
        .staleLocales,
    ).toEqual({});
  });

  it("counts low stock with the one threshold", async () => {
    const coop = (await createCooperative(t.db)).id;
    for (const stock of [LOW_STOCK_AT, LOW_STOCK_AT + 1, 0])
      await createProduct(t.db, { cooperativeId: coop, craftId, stock });
    const dashboard = await shopDashboard(t.db, { cooperativeId: coop, locale: "fr" });
    expect(dashboard.lowStockCount).toBe(2);
    expect(dashboard.lowStock.map((r) => r.stock)).toEqual([0, LOW_STOCK_AT]);
  });

  it("reorders photos", async () => {
    const id = await create({ cooperativeId: coopId, userId, fields: fields() });
    await addListingPhotos(t.db, { cooperativeId: coopId, userId, productId: id, imageIds, alt: {} });
    await moveListingPhoto(t.db, {
      cooperativeId: coopId,
      userId,
      productId: id,
      imageId: imageIds[2],
      direction: "earlier",
    });
    const rows = await t.db
      .select()
      .from(productImages)
      .where(eq(productImages.productId, id))
      .orderBy(productImages.position);
    expect(rows.map((r) => r.imageId)).toEqual([imageIds[0], imageIds[2], imageIds[1]]);
  });

  it("duplicates as a new draft and archives, within the member's cooperative only", async () => {
    const id = await create({ cooperativeId: coopId, userId, fields: fields() });
    await addListingPhotos(t.db, {
      cooperativeId: coopId,
      userId,
      productId: id,
      imageIds: [imageIds[1]],
      alt: { fr: "vue" },
    });
    const notFound = { ok: false, error: "not_found" };
    expect(await duplicateListing(t.db, { cooperativeId: otherCoopId, userId, productId: id })).toEqual(
      notFound,
    );
    expect(await archiveListing(t.db, { cooperativeId: otherCoopId, userId, productId: id })).toEqual(
      notFound,
    );
    expect(
      await updateListing(t.db, {
        cooperativeId: otherCoopId,
        userId,
        productId: id,
        fields: fields({ title: { fr: "volé" } }),
      }),
    ).toEqual(notFound);
    const duplicated = await duplicateListing(t.db, { cooperativeId: coopId, userId, productId: id });
    const copyId = duplicated.ok ? duplicated.id : null;
    const [copy] = await t.db.select().from(products).where(eq(products.id, copyId!));
    expect(copy).toMatchObject({
      status: "draft",
      cooperativeId: coopId,
      title: { ar: "طاجين", fr: "Tajine" },
    });
    expect(await t.db.select().from(productImages).where(eq(productImages.productId, copyId!))).toHaveLength(
      1,
    );
    expect(await archiveListing(t.db, { cooperativeId: coopId, userId, productId: id })).toEqual({
      ok: true,
    });
    const [archived] = await t.db.select().from(products).where(eq(products.id, id));
    expect(archived.status).toBe("archived");
    expect(
      await updateListing(t.db, { cooperativeId: coopId, userId, productId: id, fields: fields() }),
    ).toEqual({ ok: false, error: "archived" });
  });
});
