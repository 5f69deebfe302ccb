/**
 * Fairs and exhibitions (decision 021): the chamber publishes them, cooperatives ask for a
 * stand from their back office, staff accept (with a stand number) or decline, audited. Public
 * pages list upcoming and past fairs and the cooperatives present; buyers may collect an order
 * at a stand (checkout.server.ts). Dates are calendar days in Morocco: a fair is upcoming before
 * its first day, in progress until the end of its last, past after.
 */
import { createEvent } from "ics";
import { and, asc, desc, eq, gte, inArray, isNotNull, lt, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { cooperatives, fairStands, fairs, images, provinces, type Localized } from "#db/schema";
import type { FairInput } from "~/forms/fairs.server";
import { localizedValue } from "~/forms/fields.server";
import type { Locale } from "~/i18n/config";
import { pickLocalized, type LocalizedText } from "~/i18n/localized";
import { slugify } from "~/utils/slug";
import { localePath } from "~/utils/urls";
import { recordAudit as audit } from "./audit.server";
import type { PictureData } from "./catalogue.server";
import type { Outcome } from "~/utils/outcome";

/** Today in Morocco, as the database sees it: the day fairs are compared with. */
const TODAY = sql`(now() at time zone 'Africa/Casablanca')::date`;
const published = isNotNull(fairs.publishedAt);
/** Not over yet: upcoming or in progress. */
const notOver = gte(fairs.endsOn, TODAY);

export type FairPhase = "upcoming" | "ongoing" | "past";

export type FairSummary = {
  id: number;
  slug: string;
  name: LocalizedText;
  city: LocalizedText;
  venue: LocalizedText;
  province: LocalizedText;
  startsOn: string;
  endsOn: string;
  phase: FairPhase;
  poster: PictureData | null;
  standCount: number;
};

const phaseSql = sql<FairPhase>`case when ${fairs.startsOn} > ${TODAY} then 'upcoming' when ${fairs.endsOn} < ${TODAY} then 'past' else 'ongoing' end`;

const summaryColumns = {
  id: fairs.id,
  slug: fairs.slug,
  name: fairs.name,
  city: fairs.city,
  venue: fairs.venue,
  province: provinces.name,
  startsOn: fairs.startsOn,
  endsOn: fairs.endsOn,
  phase: phaseSql,
  posterImageId: fairs.posterImageId,
  standCount: sql<number>`(select count(*)::int from ${fairStands} s join ${cooperatives} c on c.id = s.cooperative_id where s.fair_id = ${fairs.id} and s.status = 'accepted' and c.status = 'verified')`,
};

type SummaryRow = {
  id: number;
  slug: string;
  name: Localized;
  city: Localized;
  venue: Localized;
  province: Localized;
  startsOn: string;
  endsOn: string;
  phase: FairPhase;
  posterImageId: number | null;
  standCount: number;
};

async function posters(db: Executor, ids: number[], locale: Locale, alts: Map<number, Localized>) {
  const map = new Map<number, PictureData>();
  if (ids.length === 0) return map;
  const rows = await db.select().from(images).where(inArray(images.id, ids));
  for (const row of rows)
    map.set(row.id, {
      width: row.width,
      height: row.height,
      dominantColor: row.dominantColor,
      variants: row.variants,
      alt: pickLocalized(alts.get(row.id) ?? {}, locale),
    });
  return map;
}

async function toSummaries(db: Executor, rows: SummaryRow[], locale: Locale): Promise<FairSummary[]> {
  const alts = new Map(rows.flatMap((r) => (r.posterImageId ? [[r.posterImageId, r.name] as const] : [])));
  const pics = await posters(db, [...alts.keys()], locale, alts);
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: pickLocalized(r.name, locale),
    city: pickLocalized(r.city, locale),
    venue: pickLocalized(r.venue, locale),
    province: pickLocalized(r.province, locale),
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    phase: r.phase,
    poster: r.posterImageId ? (pics.get(r.posterImageId) ?? null) : null,
    standCount: Number(r.standCount),
  }));
}

/** The public list: fairs not over (soonest first), then past ones (latest first). */
export async function listPublicFairs(db: Executor, locale: Locale) {
  const base = () =>
    db
      .select(summaryColumns)
      .from(fairs)
      .innerJoin(provinces, eq(provinces.slug, fairs.provinceSlug))
      .$dynamic();
  const [coming, past] = await Promise.all([
    base().where(and(published, notOver)).orderBy(asc(fairs.startsOn), asc(fairs.id)),
    base()
      .where(and(published, lt(fairs.endsOn, TODAY)))
      .orderBy(desc(fairs.endsOn), desc(fairs.id))
      .limit(50),
  ]);
  return {
    coming: await toSummaries(db, coming, locale),
    past: await toSummaries(db, past, locale),
  };
}

/** The next fair (in progress, else the soonest upcoming): the home page's banner. */
export async function nextFair(db: Executor, locale: Locale): Promise<FairSummary | null> {
  const rows = await db
    .select(summaryColumns)
    .from(fairs)
    .innerJoin(provinces, eq(provinces.slug, fairs.provinceSlug))
    .where(and(published, notOver))
    .orderBy(asc(fairs.startsOn), asc(fairs.id))
    .limit(1);
  return (await toSummaries(db, rows, locale))[0] ?? null;
}

export type FairStandView = {
  standNumber: string;
  cooperative: { slug: string; name: LocalizedText; city: LocalizedText; province: LocalizedText };
};

export type FairDetail = FairSummary & {
  description: LocalizedText;
  mapUrl: string | null;
  /** The name in every locale (the .ics file, the other-language links). */
  names: Localized;
  stands: FairStandView[];
  updatedAt: Date;
};

/** A published fair and its accepted, verified cooperatives, by stand number. */
export async function getPublicFair(db: Executor, slug: string, locale: Locale): Promise<FairDetail | null> {
  const [row] = await db
    .select({
      ...summaryColumns,
      description: fairs.description,
      mapUrl: fairs.mapUrl,
      updatedAt: fairs.updatedAt,
    })
    .from(fairs)
    .innerJoin(provinces, eq(provinces.slug, fairs.provinceSlug))
    .where(and(eq(fairs.slug, slug), published))
    .limit(1);
  if (!row) return null;
  const [summary] = await toSummaries(db, [row], locale);
  const standRows = await db
    .select({
      standNumber: fairStands.standNumber,
      slug: cooperatives.slug,
      name: cooperatives.name,
      city: cooperatives.city,
      province: provinces.name,
    })
    .from(fairStands)
    .innerJoin(cooperatives, eq(cooperatives.id, fairStands.cooperativeId))
    .innerJoin(provinces, eq(provinces.slug, cooperatives.provinceSlug))
    .where(
      and(
        eq(fairStands.fairId, row.id),
        eq(fairStands.status, "accepted"),
        eq(cooperatives.status, "verified"),
      ),
    );
  // Stand numbers as people read them: 2 before 10.
  const collator = new Intl.Collator("fr", { numeric: true });
  standRows.sort((a, b) => collator.compare(a.standNumber ?? "", b.standNumber ?? ""));
  return {
    ...summary,
    description: pickLocalized(row.description, locale),
    mapUrl: row.mapUrl,
    names: row.name,
    updatedAt: row.updatedAt,
    stands: standRows.map((s) => ({
      standNumber: s.standNumber ?? "",
      cooperative: {
        slug: s.slug,
        name: pickLocalized(s.name, locale),
        city: pickLocalized(s.city, locale),
        province: pickLocalized(s.province, locale),
      },
    })),
  };
}

/** Where a cooperative will be (or is) present: its accepted stands at fairs not over. */
export async function standsOfCooperative(db: Executor, slug: string, locale: Locale) {
  const rows = await db
    .select({
      slug: fairs.slug,
      name: fairs.name,
      city: fairs.city,
      startsOn: fairs.startsOn,
      endsOn: fairs.endsOn,
      standNumber: fairStands.standNumber,
    })
    .from(fairStands)
    .innerJoin(fairs, eq(fairs.id, fairStands.fairId))
    .innerJoin(cooperatives, eq(cooperatives.id, fairStands.cooperativeId))
    .where(and(eq(cooperatives.slug, slug), eq(fairStands.status, "accepted"), published, notOver))
    .orderBy(asc(fairs.startsOn), asc(fairs.id));
  return rows.map((r) => ({
    slug: r.slug,
    name: pickLocalized(r.name, locale),
    city: pickLocalized(r.city, locale),
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    standNumber: r.standNumber ?? "",
  }));
}

/** Public fair pages for the sitemap. */
export async function listFairSitemapEntries(db: Executor) {
  const rows = await db
    .select({ slug: fairs.slug, updatedAt: fairs.updatedAt })
    .from(fairs)
    .where(published)
    .orderBy(asc(fairs.id));
  return [
    { path: "/fairs", lastModified: null },
    ...rows.map((r) => ({ path: `/fairs/${r.slug}`, lastModified: r.updatedAt })),
  ];
}

// ─── Calendar file ───────────────────────────────────────────────────────────

function dayParts(day: string): [number, number, number] {
  const [y, m, d] = day.split("-").map(Number);
  return [y, m, d];
}

/** The day after (an all-day event's DTEND is exclusive). */
function nextDay(day: string): [number, number, number] {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
}

/** One all-day event for the fair's days, in the page's language (RFC 5545, through `ics`). */
export function fairCalendar(fair: FairDetail, input: { origin: string; locale: Locale }): string {
  const host = new URL(input.origin).hostname;
  const url = `${input.origin}${localePath(input.locale, `/fairs/${fair.slug}`)}`;
  const { error, value } = createEvent({
    productId: "hirfa/fairs",
    uid: `fair-${fair.id}@${host}`,
    title: fair.name.text,
    description: [fair.description.text, url].filter(Boolean).join("\n\n"),
    location: [fair.venue.text, fair.city.text].filter(Boolean).join(", "),
    url,
    start: dayParts(fair.startsOn),
    end: nextDay(fair.endsOn),
    status: "CONFIRMED",
    busyStatus: "FREE",
  });
  if (error || !value) throw error ?? new Error("could not write the calendar file");
  return value;
}

// ─── Chamber ─────────────────────────────────────────────────────────────────

export async function listFairsForStaff(db: Executor, locale: Locale) {
  const rows = await db
    .select({
      id: fairs.id,
      slug: fairs.slug,
      name: fairs.name,
      startsOn: fairs.startsOn,
      endsOn: fairs.endsOn,
      phase: phaseSql,
      publishedAt: fairs.publishedAt,
      pending: sql<number>`(select count(*)::int from ${fairStands} s where s.fair_id = ${fairs.id} and s.status = 'pending')`,
      accepted: sql<number>`(select count(*)::int from ${fairStands} s where s.fair_id = ${fairs.id} and s.status = 'accepted')`,
    })
    .from(fairs)
    .orderBy(desc(fairs.startsOn), desc(fairs.id));
  return rows.map((r) => ({
    ...r,
    name: pickLocalized(r.name, locale),
    published: r.publishedAt !== null,
    pending: Number(r.pending),
    accepted: Number(r.accepted),
  }));
}

/** A fair as staff edit it, with every stand request. */
export async function getFairForStaff(db: Executor, id: number, locale: Locale) {
  const [fair] = await db.select().from(fairs).where(eq(fairs.id, id)).limit(1);
  if (!fair) return null;
  const stands = await db
    .select({
      id: fairStands.id,
      status: fairStands.status,
      standNumber: fairStands.standNumber,
      message: fairStands.message,
      decisionReason: fairStands.decisionReason,
      createdAt: fairStands.createdAt,
      cooperativeId: cooperatives.id,
      cooperativeSlug: cooperatives.slug,
      cooperativeName: cooperatives.name,
    })
    .from(fairStands)
    .innerJoin(cooperatives, eq(cooperatives.id, fairStands.cooperativeId))
    .where(eq(fairStands.fairId, id))
    .orderBy(asc(fairStands.createdAt), asc(fairStands.id));
  const poster = fair.posterImageId
    ? ((await posters(db, [fair.posterImageId], locale, new Map([[fair.posterImageId, fair.name]]))).get(
        fair.posterImageId,
      ) ?? null)
    : null;
  return {
    fair,
    poster,
    stands: stands.map((s) => ({ ...s, cooperativeName: pickLocalized(s.cooperativeName, locale) })),
  };
}

function fairValues(input: FairInput) {
  return {
    name: localizedValue(input, "name"),
    city: localizedValue(input, "city"),
    venue: localizedValue(input, "venue"),
    description: localizedValue(input, "description"),
    provinceSlug: input.provinceSlug,
    mapUrl: input.mapUrl || null,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
  };
}

export type SaveFairResult = Outcome<{ id: number; slug: string }, "slug_taken" | "not_found">;

/** Creates (no id) or updates a fair; the slug comes from the French name unless given. */
export async function saveFair(
  db: Executor,
  input: { staffId: number; id?: number; fair: FairInput },
): Promise<SaveFairResult> {
  const values = fairValues(input.fair);
  const base =
    input.fair.slug ||
    slugify(values.name.fr ?? values.name.en ?? "") ||
    `salon-${input.fair.startsOn.replace(/-/g, "")}`;
  return db.transaction(async (tx) => {
    if (input.id === undefined) {
      // A free slug: the name, then name-2, name-3… (an explicit slug must be free itself).
      let slug = base;
      for (let n = 2; ; n += 1) {
        const [taken] = await tx.select({ id: fairs.id }).from(fairs).where(eq(fairs.slug, slug)).limit(1);
        if (!taken) break;
        if (input.fair.slug) return { ok: false, error: "slug_taken" } as const;
        slug = `${base}-${n}`;
      }
      const [row] = await tx
        .insert(fairs)
        .values({
          ...values,
          slug,
          publishedAt: input.fair.published ? new Date() : null,
          createdBy: input.staffId,
        })
        .returning({ id: fairs.id });
      await audit(tx, {
        actorUserId: input.staffId,
        action: "fair.create",
        entityType: "fair",
        entityId: row.id,
        after: { slug, published: input.fair.published, ...values },
      });
      return { ok: true, id: row.id, slug } as const;
    }
    const [before] = await tx.select().from(fairs).where(eq(fairs.id, input.id)).for("update");
    if (!before) return { ok: false, error: "not_found" } as const;
    const slug = input.fair.slug || before.slug;
    if (slug !== before.slug) {
      const [taken] = await tx.select({ id: fairs.id }).from(fairs).where(eq(fairs.slug, slug)).limit(1);
      if (taken) return { ok: false, error: "slug_taken" } as const;
    }
    await tx
      .update(fairs)
      .set({
        ...values,
        slug,
        publishedAt: input.fair.published ? (before.publishedAt ?? new Date()) : null,
        updatedAt: new Date(),
      })
      .where(eq(fairs.id, input.id));
    await audit(tx, {
      actorUserId: input.staffId,
      action: "fair.update",
      entityType: "fair",
      entityId: input.id,
      before: {
        slug: before.slug,
        published: before.publishedAt !== null,
        startsOn: before.startsOn,
        endsOn: before.endsOn,
      },
      after: { slug, published: input.fair.published, startsOn: values.startsOn, endsOn: values.endsOn },
    });
    return { ok: true, id: input.id, slug } as const;
  });
}

export async function setFairPoster(
  db: Executor,
  input: { fairId: number; imageId: number },
): Promise<Outcome<object, "not_found">> {
  const rows = await db
    .update(fairs)
    .set({ posterImageId: input.imageId, updatedAt: new Date() })
    .where(eq(fairs.id, input.fairId))
    .returning({ id: fairs.id });
  return rows.length > 0 ? { ok: true } : { ok: false, error: "not_found" };
}

export type StandDecisionResult = Outcome<object, "not_found" | "number_taken">;

/** Accepts a stand request with its number, or declines it with a reason; written to the audit log. */
export async function decideStand(
  db: Executor,
  input: {
    staffId: number;
    fairId: number;
    standId: number;
    decision: "accept" | "decline";
    standNumber: string;
    reason: string;
  },
): Promise<StandDecisionResult> {
  return db.transaction(async (tx) => {
    const [stand] = await tx
      .select({ id: fairStands.id, status: fairStands.status, standNumber: fairStands.standNumber })
      .from(fairStands)
      .where(and(eq(fairStands.id, input.standId), eq(fairStands.fairId, input.fairId)))
      .for("update");
    if (!stand) return { ok: false, error: "not_found" } as const;
    if (input.decision === "accept") {
      const [clash] = await tx
        .select({ id: fairStands.id })
        .from(fairStands)
        .where(
          and(
            eq(fairStands.fairId, input.fairId),
            eq(fairStands.status, "accepted"),
            eq(fairStands.standNumber, input.standNumber),
            sql`${fairStands.id} <> ${input.standId}`,
          ),
        )
        .limit(1);
      if (clash) return { ok: false, error: "number_taken" } as const;
    }
    const status = input.decision === "accept" ? ("accepted" as const) : ("declined" as const);
    await tx
      .update(fairStands)
      .set({
        status,
        standNumber: input.decision === "accept" ? input.standNumber : stand.standNumber,
        decidedBy: input.staffId,
        decidedAt: new Date(),
        decisionReason: input.decision === "decline" ? input.reason : input.reason || null,
        updatedAt: new Date(),
      })
      .where(eq(fairStands.id, input.standId));
    await audit(tx, {
      actorUserId: input.staffId,
      action: `fair_stand.${input.decision}`,
      entityType: "fair_stand",
      entityId: input.standId,
      reason: input.reason || null,
      before: { status: stand.status, standNumber: stand.standNumber },
      after: { status, ...(input.decision === "accept" ? { standNumber: input.standNumber } : {}) },
    });
    return { ok: true } as const;
  });
}

// ─── Cooperative back office ─────────────────────────────────────────────────

/** Published fairs not over, with this cooperative's request at each (if any). */
export async function listFairsForCooperative(db: Executor, cooperativeId: number, locale: Locale) {
  const rows = await db
    .select({
      id: fairs.id,
      slug: fairs.slug,
      name: fairs.name,
      city: fairs.city,
      startsOn: fairs.startsOn,
      endsOn: fairs.endsOn,
      phase: phaseSql,
      standStatus: fairStands.status,
      standNumber: fairStands.standNumber,
      decisionReason: fairStands.decisionReason,
    })
    .from(fairs)
    .leftJoin(fairStands, and(eq(fairStands.fairId, fairs.id), eq(fairStands.cooperativeId, cooperativeId)))
    .where(and(published, notOver))
    .orderBy(asc(fairs.startsOn), asc(fairs.id));
  return rows.map((r) => ({
    ...r,
    name: pickLocalized(r.name, locale),
    city: pickLocalized(r.city, locale),
  }));
}

export type StandRequestResult = Outcome<object, "not_found" | "already">;

/** A cooperative asks for a stand at a published fair that is not over; once per fair. */
export async function requestStand(
  db: Executor,
  input: { cooperativeId: number; fairId: number; userId: number; message: string },
): Promise<StandRequestResult> {
  return db.transaction(async (tx) => {
    const [fair] = await tx
      .select({ id: fairs.id })
      .from(fairs)
      .where(and(eq(fairs.id, input.fairId), published, notOver))
      .limit(1);
    if (!fair) return { ok: false, error: "not_found" } as const;
    const inserted = await tx
      .insert(fairStands)
      .values({
        fairId: input.fairId,
        cooperativeId: input.cooperativeId,
        appliedBy: input.userId,
        message: input.message,
      })
      .onConflictDoNothing()
      .returning({ id: fairStands.id });
    if (inserted.length === 0) return { ok: false, error: "already" } as const;
    await audit(tx, {
      actorUserId: input.userId,
      action: "fair_stand.request",
      entityType: "fair_stand",
      entityId: inserted[0].id,
      after: { fairId: input.fairId, cooperativeId: input.cooperativeId },
    });
    return { ok: true } as const;
  });
}

// ─── Collect at the stand ────────────────────────────────────────────────────

export type PickupOption = {
  id: number;
  slug: string;
  name: LocalizedText;
  venue: LocalizedText;
  city: LocalizedText;
  startsOn: string;
  endsOn: string;
  /** The cart's cooperatives present at this fair, with their stand. */
  cooperatives: { id: number; standNumber: string }[];
};

/** Fairs not over where at least one of these cooperatives has an accepted stand. */
export async function pickupOptions(
  db: Executor,
  cooperativeIds: number[],
  locale: Locale,
): Promise<PickupOption[]> {
  if (cooperativeIds.length === 0) return [];
  const rows = await db
    .select({
      id: fairs.id,
      slug: fairs.slug,
      name: fairs.name,
      venue: fairs.venue,
      city: fairs.city,
      startsOn: fairs.startsOn,
      endsOn: fairs.endsOn,
      cooperativeId: fairStands.cooperativeId,
      standNumber: fairStands.standNumber,
    })
    .from(fairStands)
    .innerJoin(fairs, eq(fairs.id, fairStands.fairId))
    .where(
      and(
        inArray(fairStands.cooperativeId, cooperativeIds),
        eq(fairStands.status, "accepted"),
        published,
        notOver,
      ),
    )
    .orderBy(asc(fairs.startsOn), asc(fairs.id));
  const byFair = new Map<number, PickupOption>();
  for (const r of rows) {
    const option = byFair.get(r.id) ?? {
      id: r.id,
      slug: r.slug,
      name: pickLocalized(r.name, locale),
      venue: pickLocalized(r.venue, locale),
      city: pickLocalized(r.city, locale),
      startsOn: r.startsOn,
      endsOn: r.endsOn,
      cooperatives: [],
    };
    option.cooperatives.push({ id: r.cooperativeId, standNumber: r.standNumber ?? "" });
    byFair.set(r.id, option);
  }
  return [...byFair.values()];
}

/**
 * The cooperatives that may hand over at this fair, read in the checkout's transaction (the
 * stand rows are locked: a stand withdrawn meanwhile cannot slip an order through).
 */
export async function pickupCooperativesIn(tx: Executor, fairId: number, cooperativeIds: number[]) {
  if (cooperativeIds.length === 0) return new Set<number>();
  const rows = await tx
    .select({ cooperativeId: fairStands.cooperativeId })
    .from(fairStands)
    .innerJoin(fairs, eq(fairs.id, fairStands.fairId))
    .where(
      and(
        eq(fairStands.fairId, fairId),
        inArray(fairStands.cooperativeId, cooperativeIds),
        eq(fairStands.status, "accepted"),
        published,
        notOver,
      ),
    )
    .for("share", { of: fairStands });
  return new Set(rows.map((r) => r.cooperativeId));
}
