/**
 * Every refusal of the actions whose models answer an `Outcome` since decision 018 part 3c, over
 * HTTP against the built server: the status, the message in the page's language and the redirect
 * each answered when the models returned strings and booleans, and that nothing was written.
 * (The refusals other files already check are not repeated here: a second decision on a listing,
 * a cooperative or an application, an answer given twice, a stand number given twice, a stand
 * asked twice, more than owed, refunds marked by hand too early, twice or while being sent, the
 * last owner, a cooperative one is not a member of, used links.)
 */
import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import {
  auditLog,
  cooperativeApplications,
  cooperativeImages,
  cooperatives,
  crafts,
  fairs,
  images,
  listingReports,
  productReviews,
  users,
} from "#db/schema";
import { Client } from "../support/client";
import { openAppDatabase } from "../support/db";
import { makeUser, signIn, uniqueEmail } from "../support/fixtures";
import { baseUrl } from "../support/http";
import { writtenReview } from "../support/reviews";
import { createShop, type BackOfficeShop } from "../support/shops";

/** An id no row has (within PostgreSQL's integer): the model, not the form, says "not found". */
const NO_SUCH_ID = "2147483000";

let app: DatabaseHandle;
let shop: BackOfficeShop;
let moderator: Client;
let admin: Client;
let adminEmail: string;
let owner: Client;
let ownerCookie: string;
const tag = Date.now().toString(36);

async function clientOf(userId: number) {
  const c = new Client();
  c.cookies.set("hirfa_session", (await signIn(app.db, userId)).cookie.split("=")[1]);
  return c;
}

async function auditCount(entityType: string, entityId: number | string) {
  const rows = await app.db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, String(entityId))));
  return rows.length;
}

/** A RIB whose key is right: 22 digits, then the two that make the number ≡ 0 (mod 97). */
function validRib(): string {
  const body = `0117800000${String(Date.now()).slice(-12).padStart(12, "0")}`;
  const key = 97n - ((BigInt(body) * 100n) % 97n);
  return `${body}${String(key).padStart(2, "0")}`;
}

beforeAll(async () => {
  app = openAppDatabase();
  shop = await createShop(app.db, { label: "outcomes", backOffice: true });
  const mod = await makeUser(app.db, { prefix: "outcomes-mod", staffRole: "moderator" });
  const adm = await makeUser(app.db, { prefix: "outcomes-adm", staffRole: "admin" });
  adminEmail = adm.email;
  moderator = await clientOf(mod.id);
  admin = await clientOf(adm.id);
  owner = await clientOf(shop.owner.id);
  ownerCookie = owner.cookieHeader();
});
afterAll(async () => {
  await app?.close();
});

describe("the chamber's refusals", () => {
  it("cooperatives: an unknown one is 404 (status and RIB); a change its status does not allow is 409, said in fr and ar", async () => {
    const auditBefore = await auditCount("cooperative", shop.coop.id);
    const reasonForm = { change: "suspend", reason: "Contrôle" };
    expect((await moderator.post(`/fr/chamber/cooperatives/${NO_SUCH_ID}`, reasonForm)).res.status).toBe(404);
    const rib = validRib();
    expect(
      (await moderator.post(`/fr/chamber/cooperatives/${NO_SUCH_ID}`, { intent: "rib", rib })).res.status,
    ).toBe(404);
    // Verifying a cooperative that is already verified.
    const fr = await moderator.post(`/fr/chamber/cooperatives/${shop.coop.id}`, {
      change: "verify",
      reason: "x",
    });
    expect(fr.res.status).toBe(409);
    expect(fr.html).toContain("Ce changement de statut n'est pas possible depuis le statut actuel.");
    const ar = await moderator.post(`/ar/chamber/cooperatives/${shop.coop.id}`, {
      change: "reinstate",
      reason: "x",
    });
    expect(ar.res.status).toBe(409);
    expect(ar.html).toContain("لا يمكن هذا التغيير انطلاقًا من الحالة الحالية.");
    const [coop] = await app.db.select().from(cooperatives).where(eq(cooperatives.id, shop.coop.id));
    expect(coop.status).toBe("verified");
    expect(await auditCount("cooperative", shop.coop.id)).toBe(auditBefore);
  });

  it("applications: unknown is 404, a registration number a cooperative has is 409, a decided one 409", async () => {
    const [coop] = await app.db.select().from(cooperatives).where(eq(cooperatives.id, shop.coop.id));
    const [application] = await app.db
      .insert(cooperativeApplications)
      .values({
        name: `Doublon ${tag}`,
        registrationNumber: coop.registrationNumber,
        provinceSlug: "fes",
        city: "Fès",
        craftSlugs: [],
        contactName: "Doublon",
        contactEmail: uniqueEmail("doublon"),
        contactPhone: "+212661234567",
        message: "",
        locale: "fr",
      })
      .returning();
    const approve = { decision: "approve", reason: "Dossier complet" };
    expect((await moderator.post(`/fr/chamber/applications/${NO_SUCH_ID}`, approve)).res.status).toBe(404);
    const duplicate = await moderator.post(`/fr/chamber/applications/${application.id}`, approve);
    expect(duplicate.res.status).toBe(409);
    expect(duplicate.html).toContain("Une coopérative avec ce numéro d'immatriculation existe déjà.");
    const [still] = await app.db
      .select()
      .from(cooperativeApplications)
      .where(eq(cooperativeApplications.id, application.id));
    expect(still.status).toBe("pending");
    expect(await auditCount("cooperative_application", application.id)).toBe(0);

    const rejected = await moderator.post(`/fr/chamber/applications/${application.id}`, {
      decision: "reject",
      reason: "Déjà inscrite",
    });
    expect(rejected.res.status).toBe(302);
    expect(rejected.res.headers.get("location")).toBe("/fr/chamber/cooperatives");
    const again = await moderator.post(`/ar/chamber/applications/${application.id}`, approve);
    expect(again.res.status).toBe(409);
    expect(again.html).toContain("سبق أن عالج عضو آخر من الغرفة هذا الطلب. لم يتغير شيء.");
    expect(await auditCount("cooperative_application", application.id)).toBe(1);
  });

  it("reports: unknown is 404, a decided one 409", async () => {
    const [report] = await app.db
      .insert(listingReports)
      .values({ productId: shop.published.id, reason: "other", note: "", reporterEmail: null })
      .returning();
    const productAudit = await auditCount("product", shop.published.id);
    const dismiss = { decision: "dismiss", reason: "Rien à redire" };
    expect(
      (await moderator.post("/fr/chamber/reports", { ...dismiss, reportId: NO_SUCH_ID })).res.status,
    ).toBe(404);
    const done = await moderator.post("/fr/chamber/reports", { ...dismiss, reportId: String(report.id) });
    expect(done.res.status).toBe(302);
    expect(done.res.headers.get("location")).toBe("/fr/chamber/reports?decided=dismiss");
    const again = await moderator.post("/fr/chamber/reports", {
      decision: "unpublish",
      reason: "Contrefaçon",
      reportId: String(report.id),
    });
    expect(again.res.status).toBe(409);
    expect(again.html).toContain("Cette soumission a déjà été traitée par un autre membre de la Chambre.");
    const [row] = await app.db.select().from(listingReports).where(eq(listingReports.id, report.id));
    expect(row.status).toBe("dismissed");
    expect(await auditCount("product", shop.published.id)).toBe(productAudit);
  });

  it("crafts: a slug another craft has is 409 next to the field, keeping what was typed; an unknown craft is 404", async () => {
    const form = { name_ar: "نجارة", name_fr: `Menuiserie ${tag}`, name_en: "" };
    const taken = await admin.post("/fr/chamber/crafts", { ...form, slug: shop.craft.slug });
    expect(taken.res.status).toBe(409);
    expect(taken.html).toContain("Cet identifiant est déjà pris.");
    expect(taken.html).toContain(`value="Menuiserie ${tag}"`);
    const slug = `menuiserie-${tag}`;
    expect((await admin.post("/fr/chamber/crafts", { ...form, slug, id: NO_SUCH_ID })).res.status).toBe(404);
    expect(await app.db.select().from(crafts).where(eq(crafts.slug, slug))).toEqual([]);
  });

  it("staff roles: an address without an account and one's own role are 400 next to the email", async () => {
    const form = { intent: "staff", role: "moderator", reason: "Renfort" };
    const nobody = await admin.post("/fr/chamber/settings", { ...form, email: uniqueEmail("nobody") });
    expect(nobody.res.status).toBe(400);
    expect(nobody.html).toContain("Aucun compte avec cette adresse.");
    const self = await admin.post("/fr/chamber/settings", { ...form, email: adminEmail });
    expect(self.res.status).toBe(400);
    expect(self.html).toContain("Vous ne pouvez pas changer votre propre rôle.");
    const [me] = await app.db.select().from(users).where(eq(users.email, adminEmail));
    expect(me.staffRole).toBe("admin");
  });

  it("payouts and refunds by hand: an unknown cooperative or refund is 404", async () => {
    const payout = await moderator.post("/fr/chamber/payouts", {
      cooperativeId: NO_SUCH_ID,
      amount: "10",
      reference: `VIR-${tag}`,
      paidOn: "2026-01-15",
    });
    expect(payout.res.status).toBe(404);
    const refund = await moderator.post("/fr/chamber/payouts", {
      intent: "refund-by-hand",
      refundId: NO_SUCH_ID,
      note: "Fait dans le tableau de bord",
    });
    expect(refund.res.status).toBe(404);
  });

  it("buyer reviews: unknown is 404, a reason not in the list is 400 and leaves it waiting", async () => {
    expect(
      (
        await moderator.post(`/fr/chamber/reviews/buyer/${NO_SUCH_ID}`, {
          target: "review",
          decision: "approve",
        })
      ).res.status,
    ).toBe(404);
    const { reviewId } = await writtenReview(app.db, shop.published.id, {
      rating: 2,
      body: "Pas comme sur la photo.",
      publish: false,
    });
    const made = await moderator.post(`/fr/chamber/reviews/buyer/${reviewId}`, {
      target: "review",
      decision: "reject",
      reason: "made-up",
      note: "",
    });
    expect(made.res.status).toBe(400);
    expect(made.html).toContain("Choisissez un motif de refus.");
    const [row] = await app.db.select().from(productReviews).where(eq(productReviews.id, reviewId));
    expect(row.status).toBe("pending");
  });

  it("fairs: an explicit slug another fair has is 409, an unknown fair or stand 404; asking at an unknown fair is 409", async () => {
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const slug = `salon-outcomes-${tag}`;
    const form = {
      intent: "save",
      slug,
      name_ar: `معرض ${tag}`,
      name_fr: `Salon ${tag}`,
      name_en: "",
      city_ar: "مكناس",
      city_fr: "Meknès",
      city_en: "",
      venue_ar: "ساحة الهديم",
      venue_fr: "Place El Hedim",
      venue_en: "",
      description_ar: "",
      description_fr: "",
      description_en: "",
      provinceSlug: "meknes",
      mapUrl: "",
      startsOn: day(10),
      endsOn: day(12),
      published: "on",
    };
    expect((await moderator.post("/fr/chamber/fairs", form)).res.status).toBe(302);
    const twice = await moderator.post("/fr/chamber/fairs", { ...form, name_fr: `Autre salon ${tag}` });
    expect(twice.res.status).toBe(409);
    expect(twice.html).toContain("Cette adresse est déjà utilisée par un autre salon.");
    expect(twice.html).toContain(`value="Autre salon ${tag}"`);
    expect(await app.db.select().from(fairs).where(eq(fairs.slug, slug))).toHaveLength(1);
    expect((await moderator.post(`/fr/chamber/fairs/${NO_SUCH_ID}`, form)).res.status).toBe(404);
    const [fair] = await app.db.select().from(fairs).where(eq(fairs.slug, slug));
    const decide = await moderator.post(`/fr/chamber/fairs/${fair.id}`, {
      intent: "decide",
      standId: NO_SUCH_ID,
      decision: "accept",
      standNumber: "7",
      reason: "",
    });
    expect(decide.res.status).toBe(404);
    const ask = await owner.post("/ar/shop/fairs", { fairId: NO_SUCH_ID, message: "" });
    expect(ask.res.status).toBe(409);
    expect(ask.html).toContain("هذا المعرض لم يعد يقبل الطلبات.");
  });

  it("holidays: deleting a day that is not one still goes back to the list (as before)", async () => {
    const res = await admin.post("/fr/chamber/holidays", { intent: "delete", day: "2093-07-13" });
    expect(res.res.status).toBe(302);
    expect(res.res.headers.get("location")).toBe("/fr/chamber/holidays?notice=deleted");
    expect(await auditCount("public_holiday", "2093-07-13")).toBe(0);
  });
});

describe("the shop's refusals", () => {
  it("members: removing someone who is not a member is 404", async () => {
    const stranger = await makeUser(app.db, { prefix: "not-member" });
    const res = await owner.post("/fr/shop/members", { intent: "remove", userId: String(stranger.id) });
    expect(res.res.status).toBe(404);
  });

  it("workshop photos: a ninth is refused with the same notice as too many files at once", async () => {
    const other = await app.db.select({ id: images.id }).from(images).limit(8);
    expect(other).toHaveLength(8);
    await app.db
      .insert(cooperativeImages)
      .values(other.map((img, position) => ({ cooperativeId: shop.coop.id, imageId: img.id, position })));
    const png = await sharp({ create: { width: 640, height: 480, channels: 3, background: "#8b4513" } })
      .png()
      .toBuffer();
    const body = new FormData();
    body.append("workshop", new Blob([new Uint8Array(png)], { type: "image/png" }), "atelier.png");
    const res = await fetch(`${baseUrl()}/fr/shop/profile/workshop`, {
      method: "POST",
      headers: { Origin: baseUrl(), Cookie: ownerCookie },
      body,
      redirect: "manual",
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/fr/shop/profile?workshop=too_many_files#workshop");
    const rows = await app.db
      .select()
      .from(cooperativeImages)
      .where(eq(cooperativeImages.cooperativeId, shop.coop.id));
    expect(rows).toHaveLength(8);
  });
});
