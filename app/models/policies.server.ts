/**
 * The policy pages (returns, delivery, terms of sale, privacy, legal notice, contact): the
 * chamber's edited text when there is one, else the text the site ships with
 * (policy-defaults.ts). Admins edit them per locale; every edit is audited (decision 019).
 */
import { eq } from "drizzle-orm";
import type { Executor } from "#db/client";
import { policyPages, type Localized } from "#db/schema";
import type { Locale } from "~/i18n/config";
import { pickLocalized, type LocalizedText } from "~/i18n/localized";
import { recordAudit } from "./audit.server";
import { policyDefaults, policySlugs, type PolicySlug } from "./policy-defaults";

export type PolicyPage = {
  slug: PolicySlug;
  title: LocalizedText;
  body: LocalizedText;
  updatedAt: string | null;
};

export async function getPolicy(db: Executor, slug: PolicySlug, locale: Locale): Promise<PolicyPage> {
  const [row] = await db.select().from(policyPages).where(eq(policyPages.slug, slug));
  const source = row ?? policyDefaults[slug];
  return {
    slug,
    title: pickLocalized(source.title, locale),
    body: pickLocalized(source.body, locale),
    updatedAt: row?.updatedAt.toISOString() ?? null,
  };
}

/** Every locale's title and text of a page, for the chamber's editor. */
export async function getPolicyForEditing(db: Executor, slug: PolicySlug) {
  const [row] = await db.select().from(policyPages).where(eq(policyPages.slug, slug));
  const source = row ?? policyDefaults[slug];
  return { slug, title: source.title, body: source.body, edited: Boolean(row) };
}

/** The pages' titles, in the chamber's list and the footer's order. */
export async function listPolicies(db: Executor, locale: Locale) {
  const rows = await db
    .select({ slug: policyPages.slug, title: policyPages.title, updatedAt: policyPages.updatedAt })
    .from(policyPages);
  return policySlugs.map((slug) => {
    const row = rows.find((r) => r.slug === slug);
    return {
      slug,
      title: pickLocalized(row?.title ?? policyDefaults[slug].title, locale),
      updatedAt: row?.updatedAt.toISOString() ?? null,
    };
  });
}

/** Saves a page's texts; the audit entry keeps the whole before and after. */
export async function savePolicy(
  db: Executor,
  input: { slug: PolicySlug; title: Localized; body: Localized; staffId: number },
): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await getPolicyForEditing(tx, input.slug);
    const now = new Date();
    await tx
      .insert(policyPages)
      .values({
        slug: input.slug,
        title: input.title,
        body: input.body,
        updatedBy: input.staffId,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: policyPages.slug,
        set: { title: input.title, body: input.body, updatedBy: input.staffId, updatedAt: now },
      });
    await recordAudit(tx, {
      actorUserId: input.staffId,
      action: "policy.update",
      entityType: "policy_page",
      entityId: input.slug,
      before: { title: before.title, body: before.body },
      after: { title: input.title, body: input.body },
    });
  });
}
