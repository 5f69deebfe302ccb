/**
 * The chamber over HTTP against the built server: who may do what, decisions on listings
 * and revisions (with their email and exactly one audit entry each), suspension hiding a
 * shop everywhere at once, reports, crafts, commission and staff roles, RIB and payouts.
 */
import { and, desc, eq, gt, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { createProduct } from "#db/factories";
import {
  auditLog,
  cartItems,
  carts,
  cooperativeApplications,
  cooperatives,
  crafts,
  images,
  listingReports,
  orders,
  payouts,
  productImages,
  productRevisions,
  products,
  settings,
  shopOrders,
  users,
} from "#db/schema";
import { newCartId } from "~/models/cart.server";
import { isValidRib } from "~/models/chamber.server";
import { refreshSearchIndex } from "~/models/search.server";
import { openAppDatabase } from "../support/db";
import { makeUser, signIn, uniqueEmail } from "../support/fixtures";
import { baseUrl, requestAs } from "../support/http";
import { waitForMail } from "../support/mailbox";
import { createShop, type BackOfficeShop } from "../support/shops";

type Who = "anonymous" | "buyer" | "member" | "moderator" | "admin";
const everyone: Who[] = ["anonymous", "buyer", "member", "moderator", "admin"];

let app: DatabaseHandle;
let shop: BackOfficeShop;
const cookies: Partial<Record<Who, string>> = {};
const ids: Partial<Record<Who, number>> = {};
let imageId: number;

beforeAll(async () => {
  app = openAppDatabase();
  shop = await createShop(app.db, { label: "chamber", backOffice: true });
  const buyer = await makeUser(app.db, { prefix: "buyer" });
  const moderator = await makeUser(app.db, { prefix: "mod", staffRole: "moderator" });
  const admin = await makeUser(app.db, { prefix: "adm", staffRole: "admin" });
  Object.assign(ids, { buyer: buyer.id, member: shop.owner.id, moderator: moderator.id, admin: admin.id });
  for (const who of ["buyer", "member", "moderator", "admin"] as const)
    cookies[who] = (await signIn(app.db, ids[who]!)).cookie;
  [{ id: imageId }] = await app.db.select({ id: images.id }).from(images).limit(1);
});
afterAll(async () => {
  await app?.close();
});

const request = (who: Who, method: "GET" | "POST", path: string, form?: Record<string, string>) =>
  requestAs(cookies[who], method, path, form);

function expectStatus(who: Who, actual: { status: number; location: string | null }, expected: number) {
  if (who === "anonymous") {
    expect(actual.status, who).toBe(302);
    expect(actual.location, who).toMatch(/\/login\?redirectTo=/);
  } else expect(actual.status, who).toBe(expected);
}

/** A listing of the shop waiting for review, with one photo. */
async function pendingListing(title = "À revoir") {
  const p = await createProduct(app.db, {
    cooperativeId: shop.coop.id,
    craftId: shop.craft.id,
    status: "pending",
    publishedAt: null,
    submittedAt: new Date(),
    title: { fr: title, ar: "للمراجعة" },
  });
  await app.db.insert(productImages).values({ productId: p.id, imageId, position: 0 });
  return p;
}

async function auditEntries(action: string, entityId: number | string) {
  return app.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.entityId, String(entityId))));
}

describe("who may use the chamber", () => {
  const moderatorPages = [
    "/fr/chamber",
    "/fr/chamber/reviews",
    "/fr/chamber/cooperatives",
    "/fr/chamber/reports",
    "/fr/chamber/audit",
    "/fr/chamber/payouts",
    "/fr/chamber/invitations",
    "/fr/chamber/export/byCraft",
    "/fr/chamber/payouts/export",
  ];
  const adminPages = ["/fr/chamber/crafts", "/fr/chamber/settings"];

  it("lets only staff read the chamber pages, and only admins the crafts and settings", async () => {
    for (const path of moderatorPages) {
      const expected: Record<Who, number> = {
        anonymous: 302,
        buyer: 403,
        member: 403,
        moderator: 200,
        admin: 200,
      };
      for (const who of everyone) expectStatus(who, await request(who, "GET", path), expected[who]);
    }
    for (const path of adminPages) {
      const expected: Record<Who, number> = {
        anonymous: 302,
        buyer: 403,
        member: 403,
        moderator: 403,
        admin: 200,
      };
      for (const who of everyone) expectStatus(who, await request(who, "GET", path), expected[who]);
    }
    const listing = await pendingListing();
    for (const who of everyone) {
      expectStatus(
        who,
        await request(who, "GET", `/fr/chamber/reviews/listing/${listing.id}`),
        { anonymous: 302, buyer: 403, member: 403, moderator: 200, admin: 200 }[who],
      );
    }
    expect((await request("moderator", "GET", "/fr/chamber/reviews/listing/99999999")).status).toBe(404);
    expect((await request("moderator", "GET", "/fr/chamber/reviews/other/1")).status).toBe(404);
    expect((await request("moderator", "GET", "/fr/chamber/export/nope")).status).toBe(404);
  });

  it("refuses every chamber action to anyone but staff, and admin actions to moderators", async () => {
    const listing = await pendingListing();
    const actions: [string, Record<string, string>, "moderate" | "administer"][] = [
      [`/fr/chamber/reviews/listing/${listing.id}`, { decision: "approve" }, "moderate"],
      [`/fr/chamber/cooperatives/${shop.coop.id}`, { change: "suspend", reason: "test" }, "moderate"],
      ["/fr/chamber/reports", { reportId: "1", decision: "dismiss", reason: "x" }, "moderate"],
      [
        "/fr/chamber/payouts",
        { cooperativeId: String(shop.coop.id), amount: "1", reference: "x", paidOn: "2026-11-01" },
        "moderate",
      ],
      ["/fr/chamber/crafts", { slug: "hacked", name_ar: "x", name_fr: "x" }, "administer"],
      ["/fr/chamber/settings", { intent: "commission", percent: "50", reason: "x" }, "administer"],
      [
        "/fr/chamber/settings",
        { intent: "staff", email: "x@example.ma", role: "admin", reason: "x" },
        "administer",
      ],
    ];
    for (const [path, form, level] of actions) {
      for (const who of ["anonymous", "buyer", "member"] as const)
        expectStatus(who, await request(who, "POST", path, form), 403);
      if (level === "administer")
        expect((await request("moderator", "POST", path, form)).status, path).toBe(403);
    }
    const [still] = await app.db.select().from(products).where(eq(products.id, listing.id));
    expect(still.status).toBe("pending");
    expect(await app.db.select().from(crafts).where(eq(crafts.slug, "hacked"))).toEqual([]);
    const [coop] = await app.db.select().from(cooperatives).where(eq(cooperatives.id, shop.coop.id));
    expect(coop.status).toBe("verified");
  });
});

describe("bad input to the chamber", () => {
  it("answers malformed ids with 404 and an unknown rejection reason with 400, never a crash", async () => {
    for (const path of [
      "/fr/chamber/reviews/listing/abc",
      "/fr/chamber/reviews/listing/1e3",
      "/fr/chamber/cooperatives/-1",
      "/fr/chamber/applications/99999999999",
    ]) {
      expect((await request("moderator", "GET", path)).status, path).toBe(404);
      expect(
        (await request("moderator", "POST", path, { decision: "approve", change: "suspend", reason: "x" }))
          .status,
        path,
      ).toBe(404);
    }
    expect(
      (await request("moderator", "POST", "/fr/chamber/reports", { decision: "dismiss", reason: "x" }))
        .status,
    ).toBe(404);
    const listing = await pendingListing();
    const res = await request("moderator", "POST", `/fr/chamber/reviews/listing/${listing.id}`, {
      decision: "reject",
      reason: "made-up",
      note: "",
    });
    expect(res.status).toBe(400);
    expect(res.body).toContain("Choisissez un motif de refus.");
    const [row] = await app.db.select().from(products).where(eq(products.id, listing.id));
    expect(row.status).toBe("pending");
  });
});

describe("reviewing listings", () => {
  it("approves a new listing: published, one audit entry, an email to the owners", async () => {
    const listing = await pendingListing("Jarre approuvée");
    const before = await app.db
      .select({ id: auditLog.id })
      .from(auditLog)
      .orderBy(desc(auditLog.id))
      .limit(1);
    const res = await request("moderator", "POST", `/fr/chamber/reviews/listing/${listing.id}`, {
      decision: "approve",
    });
    expect(res.status).toBe(302);
    const [row] = await app.db.select().from(products).where(eq(products.id, listing.id));
    expect(row.status).toBe("published");
    expect(row.publishedAt).not.toBeNull();
    const entries = await app.db
      .select()
      .from(auditLog)
      .where(gt(auditLog.id, before[0]?.id ?? 0));
    const mine = entries.filter((e) => e.entityId === String(listing.id));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      action: "listing.approve",
      actorUserId: ids.moderator,
      entityType: "product",
    });
    const [mail] = await waitForMail(shop.owner.email, (m) => m.subject.includes("Jarre approuvée"));
    expect(mail.subject).toContain("approuvé");
    expect((await fetch(`${baseUrl()}/fr/products/${row.slug}`)).status).toBe(200);
  });

  it("rejects with a reason from the list and a note; the shop reads it; resubmitting works", async () => {
    const listing = await pendingListing("Plat flou");
    const missing = await request("moderator", "POST", `/fr/chamber/reviews/listing/${listing.id}`, {
      decision: "reject",
      note: "x",
    });
    expect(missing.status).toBe(400);
    expect(missing.body).toContain("Choisissez un motif de refus.");
    const res = await request("moderator", "POST", `/fr/chamber/reviews/listing/${listing.id}`, {
      decision: "reject",
      reason: "photos",
      note: "Photographiez le plat de face.",
    });
    expect(res.status).toBe(302);
    const [row] = await app.db.select().from(products).where(eq(products.id, listing.id));
    expect(row).toMatchObject({
      status: "rejected",
      reviewReason: "photos",
      reviewNote: "Photographiez le plat de face.",
    });
    const entries = await auditEntries("listing.reject", listing.id);
    expect(entries).toHaveLength(1);
    expect(entries[0].reason).toBe("photos: Photographiez le plat de face.");
    const [mail] = await waitForMail(shop.owner.email, (m) => m.subject.includes("Plat flou"));
    expect(mail.text).toContain("Photographiez le plat de face.");
    expect(mail.text).toContain("Les photos sont floues");
    const shopPage = await request("member", "GET", `/ar/shop/listings/${listing.id}`);
    expect(shopPage.body).toContain("Photographiez le plat de face.");
    // Fix and resubmit: back in the queue.
    const resubmit = await request("member", "POST", `/fr/shop/listings/${listing.id}`, { intent: "submit" });
    expect(resubmit.status).toBe(302);
    const queue = await request("moderator", "GET", "/fr/chamber/reviews");
    expect(queue.body).toContain(`/fr/chamber/reviews/listing/${listing.id}`);
  });

  it("tells the second of two staff members that the submission was already decided", async () => {
    const listing = await pendingListing();
    const [a, b] = await Promise.all([
      request("moderator", "POST", `/fr/chamber/reviews/listing/${listing.id}`, { decision: "approve" }),
      request("admin", "POST", `/fr/chamber/reviews/listing/${listing.id}`, {
        decision: "reject",
        reason: "price",
        note: "",
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual([302, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body).toContain("déjà été traitée");
    const decisions = await app.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.entityId, String(listing.id)),
          sql`${auditLog.action} in ('listing.approve', 'listing.reject')`,
        ),
      );
    expect(decisions).toHaveLength(1);
  });

  it("replaces the live version with a revision only when it is approved, showing what changed", async () => {
    const live = await createProduct(app.db, {
      cooperativeId: shop.coop.id,
      craftId: shop.craft.id,
      title: { fr: "Bol vivant", ar: "زبدية" },
      priceCentimes: 10_000,
    });
    await app.db.insert(productImages).values({ productId: live.id, imageId, position: 0 });
    const edit = await request("member", "POST", `/fr/shop/listings/${live.id}`, {
      intent: "save",
      craftId: String(shop.craft.id),
      title_fr: "Bol révisé",
      title_ar: "زبدية",
      price: "150",
      stock: "5",
    });
    expect(edit.status).toBe(302);
    expect(
      (await request("member", "POST", `/fr/shop/listings/${live.id}`, { intent: "submit" })).status,
    ).toBe(302);
    const [revision] = await app.db
      .select()
      .from(productRevisions)
      .where(and(eq(productRevisions.productId, live.id), eq(productRevisions.status, "pending")));
    const page = await request("moderator", "GET", `/fr/chamber/reviews/revision/${revision.id}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain("Bol vivant");
    expect(page.body).toContain("Bol révisé");
    expect(page.body).toContain('data-testid="changes"');
    // Until approval, buyers see the live version.
    expect(await (await fetch(`${baseUrl()}/fr/products/${live.slug}`)).text()).toContain("Bol vivant");
    expect(
      (
        await request("moderator", "POST", `/fr/chamber/reviews/revision/${revision.id}`, {
          decision: "approve",
        })
      ).status,
    ).toBe(302);
    const buyerView = await (await fetch(`${baseUrl()}/fr/products/${live.slug}`)).text();
    expect(buyerView).toContain("Bol révisé");
    expect(buyerView).not.toContain("Bol vivant");
    const [row] = await app.db.select().from(products).where(eq(products.id, live.id));
    expect(row.priceCentimes).toBe(15_000);
    expect(await auditEntries("revision.approve", revision.id)).toHaveLength(1);
  });
});

describe("cooperatives", () => {
  it("suspends with a reason: every listing disappears from buyers at once, carts flag it; reinstating brings them back", async () => {
    const target = await createShop(app.db, { label: "suspend", backOffice: true });
    const [buyerCart] = await app.db.insert(carts).values({ id: newCartId() }).returning();
    await app.db
      .insert(cartItems)
      .values({ cartId: buyerCart.id, productId: target.published.id, quantity: 1 });
    const craftPage = () => fetch(`${baseUrl()}/fr/crafts/${target.craft.slug}`).then((r) => r.text());
    const search = (q: string) =>
      fetch(`${baseUrl()}/fr/search?q=${encodeURIComponent(q)}`).then((r) => r.text());
    const sitemap = () => fetch(`${baseUrl()}/sitemap.xml`).then((r) => r.text());
    await refreshSearchIndex(app.db, { cooperativeId: target.coop.id });
    // Visible everywhere before: so the checks after the suspension mean something.
    expect(await craftPage()).toContain(target.published.slug);
    expect(await search("Article publié suspend")).toContain(`/fr/products/${target.published.slug}"`);
    expect(await sitemap()).toContain(`/products/${target.published.slug}<`);
    const noReason = await request("moderator", "POST", `/fr/chamber/cooperatives/${target.coop.id}`, {
      change: "suspend",
      reason: "",
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body).toContain("Indiquez le motif");
    expect(
      (
        await request("moderator", "POST", `/fr/chamber/cooperatives/${target.coop.id}`, {
          change: "suspend",
          reason: "Produits non conformes signalés",
        })
      ).status,
    ).toBe(302);
    expect((await fetch(`${baseUrl()}/fr/products/${target.published.slug}`)).status).toBe(404);
    expect((await fetch(`${baseUrl()}/ar/cooperatives/${target.coop.slug}`)).status).toBe(404);
    expect(await craftPage()).not.toContain(target.published.slug);
    expect(await fetch(`${baseUrl()}/fr`).then((r) => r.text())).not.toContain(target.published.slug);
    expect(await search("Article publié suspend")).not.toContain(`/fr/products/${target.published.slug}"`);
    expect(await sitemap()).not.toContain(`/products/${target.published.slug}<`);
    const cart = await fetch(`${baseUrl()}/fr/cart`, {
      headers: {
        Cookie: `cart=${encodeURIComponent(Buffer.from(JSON.stringify(buyerCart.id)).toString("base64"))}`,
      },
    });
    const cartHtml = await cart.text();
    // Flagged, never silently dropped.
    expect(cartHtml).toContain(`data-product="${target.published.slug}" data-state="unavailable"`);
    const entries = await auditEntries("cooperative.suspend", target.coop.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      reason: "Produits non conformes signalés",
      before: { status: "verified" },
      after: { status: "suspended" },
    });
    expect(
      (
        await request("moderator", "POST", `/fr/chamber/cooperatives/${target.coop.id}`, {
          change: "suspend",
          reason: "again",
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await request("admin", "POST", `/fr/chamber/cooperatives/${target.coop.id}`, {
          change: "reinstate",
          reason: "Corrigé",
        })
      ).status,
    ).toBe(302);
    expect((await fetch(`${baseUrl()}/fr/products/${target.published.slug}`)).status).toBe(200);
    expect(await search("Article publié suspend")).toContain(`/fr/products/${target.published.slug}"`);
    expect(await sitemap()).toContain(`/products/${target.published.slug}<`);
    expect(await auditEntries("cooperative.reinstate", target.coop.id)).toHaveLength(1);
  });

  it("verifies a 'join Hirfa' application: creates the verified shop and invites its owner", async () => {
    const email = uniqueEmail("applicant");
    const registrationNumber = `RC-${Date.now()}`;
    const bad = await fetch(`${baseUrl()}/ar/join`, {
      method: "POST",
      headers: { Origin: baseUrl() },
      body: new URLSearchParams({ name: "", contactEmail: "x" }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("أدخل اسم التعاونية.");
    const sent = await fetch(`${baseUrl()}/fr/join`, {
      method: "POST",
      headers: { Origin: baseUrl() },
      body: new URLSearchParams({
        name: "Coopérative Nour de Sefrou",
        registrationNumber,
        provinceSlug: "sefrou",
        city: "Sefrou",
        crafts: "embroidery",
        contactName: "Nour Idrissi",
        contactEmail: email,
        contactPhone: "0661234567",
        message: "Brodeuses de Sefrou",
      }),
    });
    expect(sent.status).toBe(200);
    const [application] = await app.db
      .select()
      .from(cooperativeApplications)
      .where(eq(cooperativeApplications.registrationNumber, registrationNumber));
    expect(application.status).toBe("pending");
    const decided = await request("moderator", "POST", `/fr/chamber/applications/${application.id}`, {
      decision: "approve",
      reason: "Dossier complet",
    });
    expect(decided.status).toBe(302);
    const [coop] = await app.db
      .select()
      .from(cooperatives)
      .where(eq(cooperatives.registrationNumber, registrationNumber));
    expect(coop).toMatchObject({ status: "verified", provinceSlug: "sefrou" });
    expect(coop.verifiedAt).not.toBeNull();
    const [mail] = await waitForMail(email);
    expect(mail.text).toMatch(/\/fr\/invitations\/[\w-]+/);
    expect(
      (
        await request("moderator", "POST", `/fr/chamber/applications/${application.id}`, {
          decision: "approve",
          reason: "again",
        })
      ).status,
    ).toBe(409);
    expect(await auditEntries("application.approve", application.id)).toHaveLength(1);
    const verified = await auditEntries("cooperative.verify", coop.id);
    expect(verified).toHaveLength(1);
    expect(verified[0].reason).toBe("Dossier complet");
  });
});

describe("reports from buyers", () => {
  it("queues a report; staff unpublish the listing with a reason (one audit entry)", async () => {
    const p = await createProduct(app.db, {
      cooperativeId: shop.coop.id,
      craftId: shop.craft.id,
      title: { fr: "Copie suspecte" },
    });
    const sent = await fetch(`${baseUrl()}/fr/products/${p.slug}/report`, {
      method: "POST",
      headers: { Origin: baseUrl() },
      body: new URLSearchParams({ reason: "counterfeit", note: "Modèle d'une autre marque" }),
    });
    expect(sent.status).toBe(200);
    const [report] = await app.db.select().from(listingReports).where(eq(listingReports.productId, p.id));
    expect(report.status).toBe("open");
    expect((await request("moderator", "GET", "/fr/chamber/reports")).body).toContain("Copie suspecte");
    expect(
      (
        await request("moderator", "POST", "/fr/chamber/reports", {
          reportId: String(report.id),
          decision: "unpublish",
          reason: "Contrefaçon avérée",
        })
      ).status,
    ).toBe(302);
    expect((await fetch(`${baseUrl()}/fr/products/${p.slug}`)).status).toBe(404);
    const entries = await auditEntries("listing.unpublish", p.id);
    expect(entries).toHaveLength(1);
    expect(entries[0].reason).toBe("Contrefaçon avérée");
  });
});

describe("admin settings", () => {
  it("lets an admin change the commission (audited) and add a craft; the audit log cannot be changed", async () => {
    const res = await request("admin", "POST", "/fr/chamber/settings", {
      intent: "commission",
      percent: "7,5",
      reason: "Décision du bureau",
    });
    expect(res.status).toBe(302);
    const [row] = await app.db.select().from(settings).where(eq(settings.key, "commission_rate_bp"));
    expect(row.value).toBe(750);
    const [entry] = await app.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "settings.commission_rate"))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(entry).toMatchObject({ reason: "Décision du bureau", after: { rateBp: 750 } });
    await request("admin", "POST", "/fr/chamber/settings", {
      intent: "commission",
      percent: "0",
      reason: "Retour à zéro pour les autres tests",
    });
    const slug = `tissage-${Date.now()}`;
    expect(
      (
        await request("admin", "POST", "/fr/chamber/crafts", {
          slug,
          name_ar: "الحياكة",
          name_fr: "Tissage fin",
          attributeKeys: "fiber",
        })
      ).status,
    ).toBe(302);
    const [craft] = await app.db.select().from(crafts).where(eq(crafts.slug, slug));
    expect(craft.attributeKeys).toEqual(["fiber"]);
    expect(await auditEntries("craft.create", craft.id)).toHaveLength(1);
    expect((await fetch(`${baseUrl()}/fr/crafts/${slug}`)).status).toBe(200);
    // The database itself refuses: not even a direct statement can rewrite history.
    const refused = {
      cause: expect.objectContaining({ message: expect.stringMatching(/cannot be changed or deleted/) }),
    };
    await expect(
      app.db.execute(sql`update audit_log set reason = 'edited' where id = ${entry.id}`),
    ).rejects.toMatchObject(refused);
    await expect(app.db.execute(sql`delete from audit_log where id = ${entry.id}`)).rejects.toMatchObject(
      refused,
    );
  });

  it("changes staff roles, but not one's own", async () => {
    const user = await makeUser(app.db, { prefix: "future-mod" });
    expect(
      (
        await request("admin", "POST", "/fr/chamber/settings", {
          intent: "staff",
          email: user.email,
          role: "moderator",
          reason: "Nouvelle recrue",
        })
      ).status,
    ).toBe(302);
    const [row] = await app.db.select().from(users).where(eq(users.id, user.id));
    expect(row.staffRole).toBe("moderator");
    const roleEntries = await auditEntries("staff.role.set", user.id);
    expect(roleEntries).toHaveLength(1);
    expect(roleEntries[0]).toMatchObject({
      actorUserId: ids.admin,
      reason: "Nouvelle recrue",
      before: { staffRole: null },
      after: { staffRole: "moderator" },
    });
    const [admin] = await app.db.select().from(users).where(eq(users.id, ids.admin!));
    const self = await request("admin", "POST", "/fr/chamber/settings", {
      intent: "staff",
      email: admin.email,
      role: "none",
      reason: "x",
    });
    expect(self.status).toBe(400);
  });
});

describe("RIB and payouts", () => {
  /** A RIB with a correct key for the given 22 first digits. */
  const withKey = (first22: string) => {
    const key = 97n - ((BigInt(first22) * 100n) % 97n);
    return `${first22}${String(key).padStart(2, "0")}`;
  };

  it("checks RIBs with their key", () => {
    const valid = withKey("0117800000012345678901");
    expect(valid).toHaveLength(24);
    expect(isValidRib(valid)).toBe(true);
    expect(isValidRib(valid.replace(/(\d{3})(\d{3})(\d{16})(\d{2})/, "$1 $2 $3 $4"))).toBe(true);
    const lastTwo = Number(valid.slice(-2));
    expect(isValidRib(`${valid.slice(0, 22)}${String((lastTwo + 1) % 100).padStart(2, "0")}`)).toBe(false);
    expect(isValidRib(`${valid.slice(0, 5)}${(Number(valid[5]) + 1) % 10}${valid.slice(6)}`)).toBe(false);
    expect(isValidRib(valid.slice(1))).toBe(false);
    expect(isValidRib("ABCDEFGHIJKLMNOPQRSTUVWX")).toBe(false);
  });

  it("owes a cooperative the net of its delivered shop orders, less transfers (hand-checked)", async () => {
    const target = await createShop(app.db, { label: "payout", backOffice: true });
    const rib = withKey("2307800000098765432101");
    expect(
      (
        await request("moderator", "POST", `/fr/chamber/cooperatives/${target.coop.id}`, {
          intent: "rib",
          rib: "123",
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await request("moderator", "POST", `/fr/chamber/cooperatives/${target.coop.id}`, {
          intent: "rib",
          rib,
        })
      ).status,
    ).toBe(302);
    // Three shop orders: 1000.00 + 30 shipping (net 1030.00, delivered), 500.00 + 30 at 10 %
    // commission (net 480.00, delivered), 200.00 (shipped, not owed yet).
    const [order] = await app.db
      .insert(orders)
      .values({
        token: `t-${Date.now()}`,
        locale: "fr",
        buyerName: "A",
        buyerEmail: "a@example.ma",
        buyerPhone: "+212600000000",
        address: { line1: "x", city: "Fès", country: "MA" },
        paymentMethod: "cod",
        paymentStatus: "cod_pending",
        subtotalCentimes: 170_000,
        shippingCentimes: 9_000,
        totalCentimes: 179_000,
      })
      .returning();
    await app.db.insert(shopOrders).values([
      {
        orderId: order.id,
        cooperativeId: target.coop.id,
        status: "delivered",
        subtotalCentimes: 100_000,
        shippingCentimes: 3_000,
        commissionRateBp: 0,
        commissionCentimes: 0,
        netCentimes: 103_000,
        deliveredAt: new Date(),
      },
      {
        orderId: order.id,
        cooperativeId: target.coop.id,
        status: "delivered",
        subtotalCentimes: 50_000,
        shippingCentimes: 3_000,
        commissionRateBp: 1_000,
        commissionCentimes: 5_000,
        netCentimes: 48_000,
        deliveredAt: new Date(),
      },
      {
        orderId: order.id,
        cooperativeId: target.coop.id,
        status: "shipped",
        subtotalCentimes: 20_000,
        shippingCentimes: 3_000,
        commissionRateBp: 0,
        commissionCentimes: 0,
        netCentimes: 23_000,
      },
    ]);
    const page = await request("moderator", "GET", "/fr/chamber/payouts");
    const owedCell =
      page.body.match(new RegExp(`data-testid="owed-${target.coop.slug}"[^>]*>([\\s\\S]*?)</td>`))?.[1] ?? "";
    expect(owedCell.replace(/[\s\u00a0\u202f]/g, "")).toContain("1.510MAD");
    const tooMuch = await request("moderator", "POST", "/fr/chamber/payouts", {
      cooperativeId: String(target.coop.id),
      amount: "1510,01",
      reference: "VIR-1",
      paidOn: "2026-11-20",
    });
    expect(tooMuch.status).toBe(400);
    expect(
      (
        await request("moderator", "POST", "/fr/chamber/payouts", {
          cooperativeId: String(target.coop.id),
          amount: "1000",
          reference: "VIR-2026-11-20",
          paidOn: "2026-11-20",
        })
      ).status,
    ).toBe(302);
    const recorded = await app.db.select().from(payouts).where(eq(payouts.cooperativeId, target.coop.id));
    expect(recorded.map((p) => p.amountCentimes)).toEqual([100_000]);
    const csv = await request("moderator", "GET", "/fr/chamber/payouts/export");
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const line = csv.body.split("\r\n").find((l) => l.startsWith(target.coop.slug));
    expect(line).toBe(`${target.coop.slug},Coopérative payout,${rib},510.00,MAD`);
    // The cooperative sees the same in its statement.
    const ownerCookie = (await signIn(app.db, target.owner.id)).cookie;
    const statement = await fetch(`${baseUrl()}/fr/shop/statement`, {
      headers: { Cookie: ownerCookie },
    }).then((r) => r.text());
    expect(statement.replace(/[\s\u00a0\u202f]/g, "")).toContain("510MAD");
  });
});
