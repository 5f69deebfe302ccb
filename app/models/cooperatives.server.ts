/** A cooperative as its own members see and change it: profile and members. */
import { and, asc, count, eq, gt, inArray, isNull } from "drizzle-orm";
import { refreshSearchIndex } from "./search.server";
import type { Executor } from "#db/client";
import { cooperatives, images, memberships, provinces, userTokens, users, type Localized } from "#db/schema";
import type { Locale } from "~/i18n/config";
import { pickLocalized } from "~/i18n/localized";
import { recordAudit } from "./audit.server";
import type { Outcome } from "~/utils/outcome";

export async function getShopSummary(db: Executor, cooperativeId: number, locale: Locale) {
  const [row] = await db.select().from(cooperatives).where(eq(cooperatives.id, cooperativeId)).limit(1);
  if (!row) return null;
  return { id: row.id, slug: row.slug, name: pickLocalized(row.name, locale), status: row.status };
}

export async function getCooperativeProfile(db: Executor, cooperativeId: number) {
  const [row] = await db
    .select({ cooperative: cooperatives, logo: images })
    .from(cooperatives)
    .leftJoin(images, eq(images.id, cooperatives.logoImageId))
    .where(eq(cooperatives.id, cooperativeId))
    .limit(1);
  return row ?? null;
}

export type ProfileFields = {
  name: Localized;
  story: Localized;
  city: Localized;
  provinceSlug: string;
  phone: string | null;
  processingDays: number;
  shippingFeeMa: number;
  shippingFeeIntl: number;
  acceptsCod: boolean;
  /** "Who we are" and delivery times (decision 020). */
  foundedYear?: number | null;
  memberCount?: number;
  womenMemberCount?: number | null;
  transitRegionMinDays?: number;
  transitRegionMaxDays?: number;
  transitMoroccoMinDays?: number;
  transitMoroccoMaxDays?: number;
  transitAbroadMinDays?: number;
  transitAbroadMaxDays?: number;
};

export async function updateCooperativeProfile(
  db: Executor,
  input: { cooperativeId: number; userId: number; fields: ProfileFields },
) {
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(cooperatives)
      .where(eq(cooperatives.id, input.cooperativeId))
      .for("update");
    if (!before) return;
    await tx
      .update(cooperatives)
      .set({ ...input.fields, updatedAt: new Date() })
      .where(eq(cooperatives.id, input.cooperativeId));
    await refreshSearchIndex(tx, { cooperativeId: input.cooperativeId });
    await recordAudit(tx, {
      actorUserId: input.userId,
      action: "cooperative.profile.update",
      entityType: "cooperative",
      entityId: String(input.cooperativeId),
      before: {
        name: before.name,
        provinceSlug: before.provinceSlug,
        acceptsCod: before.acceptsCod,
        shippingFeeMa: before.shippingFeeMa,
        shippingFeeIntl: before.shippingFeeIntl,
        processingDays: before.processingDays,
        foundedYear: before.foundedYear,
        memberCount: before.memberCount,
        womenMemberCount: before.womenMemberCount,
      },
      after: input.fields,
    });
  });
}

export async function setCooperativeLogo(db: Executor, input: { cooperativeId: number; imageId: number }) {
  await db
    .update(cooperatives)
    .set({ logoImageId: input.imageId, updatedAt: new Date() })
    .where(eq(cooperatives.id, input.cooperativeId));
}

/** Whether a province slug from a form is one of the options (a foreign key never fails on it). */
export async function isKnownProvince(db: Executor, slug: string) {
  const [row] = await db
    .select({ slug: provinces.slug })
    .from(provinces)
    .where(eq(provinces.slug, slug))
    .limit(1);
  return row !== undefined;
}

export async function listProvinceOptions(db: Executor, locale: Locale) {
  const rows = await db.select().from(provinces).orderBy(asc(provinces.sortOrder));
  return rows.map((p) => ({ slug: p.slug, name: pickLocalized(p.name, locale) }));
}

export async function listMembers(db: Executor, cooperativeId: number) {
  const [members, invitations] = await Promise.all([
    db
      .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.cooperativeId, cooperativeId))
      .orderBy(asc(memberships.role), asc(users.name)),
    db
      .select({ email: userTokens.email, role: userTokens.role, expiresAt: userTokens.expiresAt })
      .from(userTokens)
      .where(
        and(
          eq(userTokens.cooperativeId, cooperativeId),
          eq(userTokens.purpose, "invitation"),
          isNull(userTokens.usedAt),
          gt(userTokens.expiresAt, new Date()),
        ),
      )
      .orderBy(asc(userTokens.createdAt)),
  ]);
  return { members, invitations: invitations.map((i) => ({ ...i, expiresAt: i.expiresAt.toISOString() })) };
}

export type RemoveMemberResult = Outcome<object, "not_found" | "last_owner">;

/** Removes a member; a cooperative always keeps at least one owner. */
export async function removeMember(
  db: Executor,
  input: { cooperativeId: number; actorId: number; userId: number },
): Promise<RemoveMemberResult> {
  return db.transaction(async (tx) => {
    const [member] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.cooperativeId, input.cooperativeId), eq(memberships.userId, input.userId)))
      .for("update");
    if (!member) return { ok: false, error: "not_found" } as const;
    if (member.role === "owner") {
      const [{ owners }] = await tx
        .select({ owners: count() })
        .from(memberships)
        .where(and(eq(memberships.cooperativeId, input.cooperativeId), eq(memberships.role, "owner")));
      if (owners <= 1) return { ok: false, error: "last_owner" } as const;
    }
    await tx
      .delete(memberships)
      .where(and(eq(memberships.cooperativeId, input.cooperativeId), eq(memberships.userId, input.userId)));
    await recordAudit(tx, {
      actorUserId: input.actorId,
      action: "membership.remove",
      entityType: "cooperative",
      entityId: String(input.cooperativeId),
      before: { userId: input.userId, role: member.role },
    });
    return { ok: true } as const;
  });
}

export async function listCooperativeOptions(db: Executor, locale: Locale) {
  const rows = await db
    .select({ id: cooperatives.id, slug: cooperatives.slug, name: cooperatives.name })
    .from(cooperatives)
    .orderBy(asc(cooperatives.slug));
  return rows.map((r) => ({ id: r.id, slug: r.slug, name: pickLocalized(r.name, locale) }));
}

/** The cooperatives' own contact data, for their order mails. */
export async function cooperativeContacts(db: Executor, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: cooperatives.id, email: cooperatives.email, name: cooperatives.name })
    .from(cooperatives)
    .where(inArray(cooperatives.id, ids));
}
