/**
 * Delivery estimates as pages show them (decision 020): the holidays from the database, the
 * dates written as text by the server in the page's language (so hydration finds the same
 * words), for each destination zone of a cooperative.
 */
import { asc, eq, inArray } from "drizzle-orm";
import type { Executor } from "#db/client";
import type { Outcome } from "~/utils/outcome";
import { recordAudit } from "./audit.server";
import { cooperatives, publicHolidays, type Localized } from "#db/schema";
import type { Locale } from "~/i18n/config";
import { formatDate } from "~/i18n/format";
import { pickLocalized } from "~/i18n/localized";
import { catalogueMemo } from "~/services/catalogue-changes.server";
import {
  DELIVERY_ZONES,
  estimateDelivery,
  moroccoToday,
  type Day,
  type DeliveryLine,
  type DeliveryZone,
  type TransitDays,
  zoneOf,
} from "./delivery";

type TransitColumns = Pick<
  typeof cooperatives.$inferSelect,
  | "processingDays"
  | "transitRegionMinDays"
  | "transitRegionMaxDays"
  | "transitMoroccoMinDays"
  | "transitMoroccoMaxDays"
  | "transitAbroadMinDays"
  | "transitAbroadMaxDays"
>;

export const transitColumns = {
  processingDays: cooperatives.processingDays,
  transitRegionMinDays: cooperatives.transitRegionMinDays,
  transitRegionMaxDays: cooperatives.transitRegionMaxDays,
  transitMoroccoMinDays: cooperatives.transitMoroccoMinDays,
  transitMoroccoMaxDays: cooperatives.transitMoroccoMaxDays,
  transitAbroadMinDays: cooperatives.transitAbroadMinDays,
  transitAbroadMaxDays: cooperatives.transitAbroadMaxDays,
};

export function transitOf(c: TransitColumns): TransitDays {
  return {
    region: { min: c.transitRegionMinDays, max: c.transitRegionMaxDays },
    morocco: { min: c.transitMoroccoMinDays, max: c.transitMoroccoMaxDays },
    abroad: { min: c.transitAbroadMinDays, max: c.transitAbroadMaxDays },
  };
}

// Every product page needs the holidays: kept in memory until the catalogue (this table) changes.
const holidaysOf = new WeakMap<Executor, () => Promise<Set<Day>>>();

export async function loadHolidays(db: Executor): Promise<Set<Day>> {
  let load = holidaysOf.get(db);
  if (!load) {
    load = catalogueMemo(async () => {
      const rows = await db.select({ day: publicHolidays.day }).from(publicHolidays);
      return new Set(rows.map((r) => r.day));
    });
    holidaysOf.set(db, load);
  }
  return load();
}

/** A calendar day as text: noon UTC is the same day in Morocco (UTC+0/+1). */
function dayText(day: Day, locale: Locale, withMonth: boolean, withYear: boolean): string {
  return formatDate(new Date(`${day}T12:00:00Z`), locale, {
    day: "numeric",
    ...(withMonth ? { month: "long" } : {}),
    ...(withYear ? { year: "numeric" } : {}),
  });
}

/** "4" and "7 décembre"; "28 décembre" and "4 janvier 2027" across a year end. */
export function rangeText(from: Day, to: Day, locale: Locale, today: Day) {
  const sameMonth = from.slice(0, 7) === to.slice(0, 7);
  const otherYear = to.slice(0, 4) !== today.slice(0, 4);
  return {
    fromText: dayText(from, locale, !sameMonth, otherYear && from.slice(0, 4) !== to.slice(0, 4)),
    toText: dayText(to, locale, true, otherYear),
  };
}

/** Estimates for each zone (or the given ones) of a cooperative's parcels started on `start`. */
export function deliveryLines(
  coop: TransitColumns,
  holidays: ReadonlySet<Day>,
  locale: Locale,
  options: { start?: Day; today?: Day; zones?: readonly DeliveryZone[]; alreadyShipped?: boolean } = {},
): DeliveryLine[] {
  const today = options.today ?? moroccoToday();
  const start = options.start ?? today;
  const transit = transitOf(coop);
  return (options.zones ?? DELIVERY_ZONES).map((zone) => {
    const range = estimateDelivery(
      { start, processingDays: options.alreadyShipped ? 0 : coop.processingDays, transit: transit[zone] },
      holidays,
    );
    return { zone, ...range, ...rangeText(range.from, range.to, locale, today) };
  });
}

/**
 * Today's estimates for several cooperatives (a cart, a checkout), by cooperative id: every
 * zone, for the page to show the destination's.
 */
export async function deliveryByCooperative(
  db: Executor,
  cooperativeIds: number[],
  locale: Locale,
): Promise<Record<number, DeliveryLine[]>> {
  if (cooperativeIds.length === 0) return {};
  const [rows, holidays] = await Promise.all([
    db
      .select({ id: cooperatives.id, ...transitColumns })
      .from(cooperatives)
      .where(inArray(cooperatives.id, cooperativeIds)),
    loadHolidays(db),
  ]);
  const today = moroccoToday();
  return Object.fromEntries(rows.map((r) => [r.id, deliveryLines(r, holidays, locale, { today })]));
}

/**
 * An order's parts still on their way: when each arrives at the order's address, counted from
 * the day it was ordered (or shipped, once shipped). Parts delivered or cancelled have none.
 */
export async function orderDelivery(
  db: Executor,
  input: {
    orderedAt: Date;
    address: { country: string; city: string };
    parts: { id: number; cooperativeId: number; status: string; shippedAt: Date | null }[];
  },
  locale: Locale,
): Promise<Record<number, DeliveryLine>> {
  const open = input.parts.filter((p) => ["pending", "confirmed", "shipped"].includes(p.status));
  if (open.length === 0) return {};
  const [rows, holidays] = await Promise.all([
    db
      .select({ id: cooperatives.id, ...transitColumns })
      .from(cooperatives)
      .where(
        inArray(
          cooperatives.id,
          open.map((p) => p.cooperativeId),
        ),
      ),
    loadHolidays(db),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const zone = zoneOf(input.address.country, input.address.city);
  const today = moroccoToday();
  const result: Record<number, DeliveryLine> = {};
  for (const part of open) {
    const coop = byId.get(part.cooperativeId);
    if (!coop) continue;
    const shipped = part.status === "shipped" && part.shippedAt !== null;
    const [line] = deliveryLines(coop, holidays, locale, {
      start: moroccoToday(shipped ? part.shippedAt! : input.orderedAt),
      today,
      zones: [zone],
      alreadyShipped: shipped,
    });
    result[part.id] = line;
  }
  return result;
}

// ─── The chamber's list ─────────────────────────────────────────────────────

export async function listHolidays(db: Executor, locale: Locale) {
  const rows = await db.select().from(publicHolidays).orderBy(asc(publicHolidays.day));
  return rows.map((r) => ({
    day: r.day,
    name: pickLocalized(r.name, locale),
    dayText: formatDate(new Date(`${r.day}T12:00:00Z`), locale, {
      weekday: "long",
      day: "numeric",
      month: "long",
      year: "numeric",
    }),
  }));
}

/** Adds a holiday, or renames the one already on that day. */
export async function saveHoliday(db: Executor, input: { day: Day; name: Localized; actorUserId: number }) {
  await db.transaction(async (tx) => {
    await tx
      .insert(publicHolidays)
      .values({ day: input.day, name: input.name })
      .onConflictDoUpdate({ target: publicHolidays.day, set: { name: input.name } });
    await recordAudit(tx, {
      actorUserId: input.actorUserId,
      action: "holiday.save",
      entityType: "public_holiday",
      entityId: input.day,
      after: { name: input.name },
    });
  });
}

export async function deleteHoliday(
  db: Executor,
  input: { day: Day; actorUserId: number },
): Promise<Outcome<object, "not_found">> {
  return db.transaction(async (tx) => {
    const deleted = await tx
      .delete(publicHolidays)
      .where(eq(publicHolidays.day, input.day))
      .returning({ name: publicHolidays.name });
    if (deleted.length === 0) return { ok: false, error: "not_found" } as const;
    await recordAudit(tx, {
      actorUserId: input.actorUserId,
      action: "holiday.delete",
      entityType: "public_holiday",
      entityId: input.day,
      before: { name: deleted[0].name },
    });
    return { ok: true } as const;
  });
}
