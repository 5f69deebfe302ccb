/**
 * Oversight by the chamber: cooperatives (applications, verification, suspension),
 * reports from buyers, crafts, staff roles and platform settings (the audit log: audit.server.ts).
 * Every change of status or role writes exactly one audit entry with its reason.
 */
import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import { refreshSearchIndex } from "./search.server";
import type { Executor } from "#db/client";
import {
  auditLog,
  cooperativeApplications,
  cooperativeCrafts,
  cooperatives,
  crafts,
  listingReports,
  products,
  provinces,
  users,
  type Localized,
} from "#db/schema";
import type { Locale } from "~/i18n/config";
import { pickLocalized } from "~/i18n/localized";
import { slugify } from "~/utils/slug";
import { countPendingReviews } from "./moderation.server";
import { countRefundsNeedingAttention } from "./refunds.server";
import type { StaffRole } from "~/utils/permissions";
import { findUserByEmail } from "./users.server";
import { recordAudit } from "./audit.server";
import type { Outcome } from "~/utils/outcome";

export async function chamberCounts(db: Executor) {
  const [reviews, [applications], [reports], refunds] = await Promise.all([
    countPendingReviews(db),
    db
      .select({ n: count() })
      .from(cooperativeApplications)
      .where(eq(cooperativeApplications.status, "pending")),
    db.select({ n: count() }).from(listingReports).where(eq(listingReports.status, "open")),
    countRefundsNeedingAttention(db),
  ]);
  return { reviews, applications: applications.n, reports: reports.n, refunds };
}

// ─── Cooperatives ───────────────────────────────────────────────────────────

export async function listCooperativesForStaff(db: Executor, locale: Locale) {
  const rows = await db
    .select({ c: cooperatives, province: provinces.name })
    .from(cooperatives)
    .innerJoin(provinces, eq(provinces.slug, cooperatives.provinceSlug))
    .orderBy(asc(cooperatives.status), asc(cooperatives.slug));
  return rows.map(({ c, province }) => ({
    id: c.id,
    slug: c.slug,
    name: pickLocalized(c.name, locale),
    province: pickLocalized(province, locale),
    status: c.status,
    verifiedAt: c.verifiedAt?.toISOString() ?? null,
  }));
}

export async function getCooperativeForStaff(db: Executor, id: number, locale: Locale) {
  if (!Number.isSafeInteger(id)) return null;
  const [row] = await db.select().from(cooperatives).where(eq(cooperatives.id, id));
  if (!row) return null;
  const history = await db
    .select({ entry: auditLog, actor: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(eq(auditLog.entityType, "cooperative"), eq(auditLog.entityId, String(id))))
    .orderBy(desc(auditLog.createdAt))
    .limit(50);
  return {
    id: row.id,
    slug: row.slug,
    name: pickLocalized(row.name, locale),
    status: row.status,
    registrationNumber: row.registrationNumber,
    rib: row.rib ?? "",
    verifiedAt: row.verifiedAt?.toISOString() ?? null,
    history: history.map((h) => ({
      action: h.entry.action,
      reason: h.entry.reason,
      actor: h.actor ?? "",
      at: h.entry.createdAt.toISOString(),
    })),
  };
}

export type StatusChange = "verify" | "suspend" | "reinstate";
const transitions: Record<
  StatusChange,
  { from: ("pending" | "verified" | "suspended")[]; to: "verified" | "suspended" }
> = {
  verify: { from: ["pending"], to: "verified" },
  suspend: { from: ["verified", "pending"], to: "suspended" },
  reinstate: { from: ["suspended"], to: "verified" },
};

/**
 * Verifies, suspends or reinstates a cooperative, always with a reason. A suspension hides
 * every listing of the shop from buyers at once (visibility is computed from the status);
 * its open shop orders stay visible to the buyer and the shop.
 */
export async function changeCooperativeStatus(
  db: Executor,
  input: { cooperativeId: number; staffId: number; change: StatusChange; reason: string },
): Promise<Outcome<object, "not_allowed" | "not_found">> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(cooperatives)
      .where(eq(cooperatives.id, input.cooperativeId))
      .for("update");
    if (!before) return { ok: false, error: "not_found" } as const;
    const rule = transitions[input.change];
    if (!rule.from.includes(before.status)) return { ok: false, error: "not_allowed" } as const;
    const now = new Date();
    await tx
      .update(cooperatives)
      .set({
        status: rule.to,
        verifiedAt: input.change === "verify" ? now : before.verifiedAt,
        updatedAt: now,
      })
      .where(eq(cooperatives.id, input.cooperativeId));
    await recordAudit(tx, {
      actorUserId: input.staffId,
      action: `cooperative.${input.change}`,
      entityType: "cooperative",
      entityId: input.cooperativeId,
      reason: input.reason,
      before: { status: before.status },
      after: { status: rule.to },
    });
    return { ok: true } as const;
  });
}

/** RIB: 24 digits (bank 3, town 3, account 16, key 2); the key makes the number ≡ 0 (mod 97). */
export function isValidRib(value: string): boolean {
  const digits = value.replace(/[\s-]/g, "");
  if (!/^\d{24}$/.test(digits)) return false;
  return BigInt(digits) % 97n === 0n;
}

export async function setCooperativeRib(
  db: Executor,
  input: { cooperativeId: number; staffId: number; rib: string },
): Promise<Outcome<object, "not_found">> {
  const rib = input.rib.replace(/[\s-]/g, "");
  const [before] = await db
    .select({ rib: cooperatives.rib })
    .from(cooperatives)
    .where(eq(cooperatives.id, input.cooperativeId));
  if (!before) return { ok: false, error: "not_found" };
  await db.update(cooperatives).set({ rib }).where(eq(cooperatives.id, input.cooperativeId));
  await recordAudit(db, {
    actorUserId: input.staffId,
    action: "cooperative.rib.set",
    entityType: "cooperative",
    entityId: input.cooperativeId,
    before,
    after: { rib },
  });
  return { ok: true };
}

// ─── Applications ("join Hirfa") ────────────────────────────────────────────

export type ApplicationInput = {
  name: string;
  registrationNumber: string;
  provinceSlug: string;
  city: string;
  craftSlugs: string[];
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  message: string;
  locale: Locale;
};

export async function submitApplication(db: Executor, input: ApplicationInput) {
  const [row] = await db
    .insert(cooperativeApplications)
    .values(input)
    .returning({ id: cooperativeApplications.id });
  return row.id;
}

export async function listApplications(
  db: Executor,
  status: "pending" | "approved" | "rejected" = "pending",
) {
  const rows = await db
    .select()
    .from(cooperativeApplications)
    .where(eq(cooperativeApplications.status, status))
    .orderBy(asc(cooperativeApplications.createdAt));
  return rows.map((r) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
  }));
}

export async function getApplication(db: Executor, id: number) {
  if (!Number.isSafeInteger(id)) return null;
  const [row] = await db.select().from(cooperativeApplications).where(eq(cooperativeApplications.id, id));
  return row ?? null;
}

/**
 * Approving an application creates the cooperative, verified by the chamber, with its crafts;
 * the caller then invites its owner by email. Rejecting records the reason.
 */
export async function decideApplication(
  db: Executor,
  input: { applicationId: number; staffId: number; approve: boolean; reason: string },
): Promise<Outcome<{ cooperativeId: number | null }, "already_decided" | "not_found" | "duplicate">> {
  return db.transaction(async (tx) => {
    const [application] = await tx
      .select()
      .from(cooperativeApplications)
      .where(eq(cooperativeApplications.id, input.applicationId))
      .for("update");
    if (!application) return { ok: false, error: "not_found" } as const;
    if (application.status !== "pending") return { ok: false, error: "already_decided" } as const;
    const now = new Date();
    let cooperativeId: number | null = null;
    if (input.approve) {
      const [taken] = await tx
        .select({ id: cooperatives.id })
        .from(cooperatives)
        .where(eq(cooperatives.registrationNumber, application.registrationNumber));
      if (taken) return { ok: false, error: "duplicate" } as const;
      const base = slugify(application.name) || "cooperative";
      const [clash] = await tx
        .select({ id: cooperatives.id })
        .from(cooperatives)
        .where(eq(cooperatives.slug, base));
      const name: Localized = { [application.locale]: application.name };
      const [created] = await tx
        .insert(cooperatives)
        .values({
          slug: clash ? `${base}-${application.id}` : base,
          name,
          story: {},
          registrationNumber: application.registrationNumber,
          provinceSlug: application.provinceSlug,
          city: application.city ? { [application.locale]: application.city } : {},
          phone: application.contactPhone,
          email: application.contactEmail,
          status: "verified",
          verifiedAt: now,
        })
        .returning({ id: cooperatives.id });
      cooperativeId = created.id;
      if (application.craftSlugs.length > 0) {
        const craftRows = await tx.select({ id: crafts.id, slug: crafts.slug }).from(crafts);
        const ids = craftRows.filter((c) => application.craftSlugs.includes(c.slug)).map((c) => c.id);
        if (ids.length)
          await tx
            .insert(cooperativeCrafts)
            .values(ids.map((craftId) => ({ cooperativeId: created.id, craftId })));
      }
      await recordAudit(tx, {
        actorUserId: input.staffId,
        action: "cooperative.verify",
        entityType: "cooperative",
        entityId: created.id,
        reason: input.reason,
        before: null,
        after: { status: "verified", applicationId: application.id },
      });
    }
    await tx
      .update(cooperativeApplications)
      .set({
        status: input.approve ? "approved" : "rejected",
        decidedBy: input.staffId,
        decidedAt: now,
        decisionReason: input.reason,
        cooperativeId,
      })
      .where(eq(cooperativeApplications.id, application.id));
    await recordAudit(tx, {
      actorUserId: input.staffId,
      action: `application.${input.approve ? "approve" : "reject"}`,
      entityType: "cooperative_application",
      entityId: application.id,
      reason: input.reason,
      before: { status: "pending" },
      after: { status: input.approve ? "approved" : "rejected", cooperativeId },
    });
    return { ok: true, cooperativeId } as const;
  });
}

// ─── Reports from buyers ────────────────────────────────────────────────────

export const reportReasons = [
  "counterfeit",
  "not_handmade",
  "wrong_information",
  "offensive",
  "prohibited",
  "other",
] as const;

export async function reportListing(
  db: Executor,
  input: { productId: number; reason: string; note: string; reporterEmail: string | null },
) {
  await db.insert(listingReports).values(input);
}

export async function listOpenReports(db: Executor, locale: Locale) {
  const rows = await db
    .select({
      report: listingReports,
      title: products.title,
      slug: products.slug,
      status: products.status,
      cooperative: cooperatives.name,
    })
    .from(listingReports)
    .innerJoin(products, eq(products.id, listingReports.productId))
    .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
    .where(eq(listingReports.status, "open"))
    .orderBy(asc(listingReports.createdAt));
  return rows.map((r) => ({
    id: r.report.id,
    reason: r.report.reason,
    note: r.report.note,
    createdAt: r.report.createdAt.toISOString(),
    productSlug: r.slug,
    productStatus: r.status,
    title: pickLocalized(r.title, locale),
    cooperative: pickLocalized(r.cooperative, locale),
  }));
}

/** Dismisses a report, or unpublishes the listing it is about (back to rejected, with the reason). */
export async function decideReport(
  db: Executor,
  input: { reportId: number; staffId: number; unpublish: boolean; reason: string },
): Promise<Outcome<object, "already_decided" | "not_found">> {
  return db.transaction(async (tx) => {
    const [report] = await tx
      .select()
      .from(listingReports)
      .where(eq(listingReports.id, input.reportId))
      .for("update");
    if (!report) return { ok: false, error: "not_found" } as const;
    if (report.status !== "open") return { ok: false, error: "already_decided" } as const;
    const now = new Date();
    await tx
      .update(listingReports)
      .set({
        status: input.unpublish ? "actioned" : "dismissed",
        decidedBy: input.staffId,
        decidedAt: now,
        decisionNote: input.reason,
      })
      .where(eq(listingReports.id, report.id));
    if (input.unpublish) {
      const [before] = await tx
        .select({ status: products.status })
        .from(products)
        .where(eq(products.id, report.productId));
      await tx
        .update(products)
        .set({
          status: "rejected",
          reviewReason: "other",
          reviewNote: input.reason,
          reviewedAt: now,
          updatedAt: now,
        })
        .where(eq(products.id, report.productId));
      await recordAudit(tx, {
        actorUserId: input.staffId,
        action: "listing.unpublish",
        entityType: "product",
        entityId: report.productId,
        reason: input.reason,
        before,
        after: { status: "rejected", reportId: report.id },
      });
    } else {
      await recordAudit(tx, {
        actorUserId: input.staffId,
        action: "report.dismiss",
        entityType: "listing_report",
        entityId: report.id,
        reason: input.reason,
        before: { status: "open" },
        after: { status: "dismissed" },
      });
    }
    return { ok: true } as const;
  });
}

// ─── Crafts ─────────────────────────────────────────────────────────────────

export async function listCraftsForStaff(db: Executor) {
  return db.select().from(crafts).orderBy(asc(crafts.sortOrder), asc(crafts.id));
}

export async function saveCraft(
  db: Executor,
  input: { staffId: number; id?: number; slug: string; name: Localized; attributeKeys: string[] },
): Promise<Outcome<object, "slug_taken" | "not_found">> {
  return db.transaction(async (tx) => {
    const [clash] = await tx.select({ id: crafts.id }).from(crafts).where(eq(crafts.slug, input.slug));
    if (clash && clash.id !== input.id) return { ok: false, error: "slug_taken" } as const;
    if (input.id) {
      const [before] = await tx.select().from(crafts).where(eq(crafts.id, input.id));
      if (!before) return { ok: false, error: "not_found" } as const;
      await tx
        .update(crafts)
        .set({ slug: input.slug, name: input.name, attributeKeys: input.attributeKeys })
        .where(eq(crafts.id, input.id));
      await refreshSearchIndex(tx, { craftId: input.id });
      await recordAudit(tx, {
        actorUserId: input.staffId,
        action: "craft.update",
        entityType: "craft",
        entityId: input.id,
        before: { slug: before.slug, name: before.name, attributeKeys: before.attributeKeys },
        after: { slug: input.slug, name: input.name, attributeKeys: input.attributeKeys },
      });
    } else {
      const [{ max }] = await tx
        .select({ max: sql<number>`coalesce(max(${crafts.sortOrder}), 0)` })
        .from(crafts);
      const [created] = await tx
        .insert(crafts)
        .values({
          slug: input.slug,
          name: input.name,
          attributeKeys: input.attributeKeys,
          sortOrder: Number(max) + 1,
        })
        .returning({ id: crafts.id });
      await recordAudit(tx, {
        actorUserId: input.staffId,
        action: "craft.create",
        entityType: "craft",
        entityId: created.id,
        before: null,
        after: { slug: input.slug, name: input.name, attributeKeys: input.attributeKeys },
      });
    }
    return { ok: true } as const;
  });
}

// ─── Staff roles and settings ───────────────────────────────────────────────

export async function listStaff(db: Executor) {
  return db
    .select({ id: users.id, name: users.name, email: users.email, staffRole: users.staffRole })
    .from(users)
    .where(sql`${users.staffRole} is not null`)
    .orderBy(asc(users.email));
}

export async function setStaffRole(
  db: Executor,
  input: { adminId: number; email: string; role: StaffRole | null; reason: string },
): Promise<Outcome<object, "not_found" | "self">> {
  return db.transaction(async (tx) => {
    const user = await findUserByEmail(tx, input.email);
    if (!user) return { ok: false, error: "not_found" } as const;
    if (user.id === input.adminId) return { ok: false, error: "self" } as const;
    await tx.update(users).set({ staffRole: input.role }).where(eq(users.id, user.id));
    await recordAudit(tx, {
      actorUserId: input.adminId,
      action: "staff.role.set",
      entityType: "user",
      entityId: user.id,
      reason: input.reason,
      before: { staffRole: user.staffRole },
      after: { staffRole: input.role },
    });
    return { ok: true } as const;
  });
}
