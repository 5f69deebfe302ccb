/**
 * Delivery estimates (decision 020): a cooperative's preparation time and its transit time to
 * the buyer's zone, counted in working days (Monday to Friday, Morocco's public holidays
 * excluded) from a calendar day in Morocco. Pure functions on `YYYY-MM-DD` strings, shared by
 * the server (which writes the dates as text) and the browser (which only picks a zone).
 */
import { normalizeText } from "~/utils/normalize";

export type DeliveryZone = "region" | "morocco" | "abroad";
export const DELIVERY_ZONES: readonly DeliveryZone[] = ["region", "morocco", "abroad"];

/** A calendar day, `YYYY-MM-DD`. */
export type Day = string;
export type DayRange = { from: Day; to: Day };
/** An estimate as pages show it: the days, and their text written by the server. */
export type DeliveryLine = { zone: DeliveryZone; from: Day; to: Day; fromText: string; toText: string };
export type TransitDays = Record<DeliveryZone, { min: number; max: number }>;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

function toUtc(day: Day): number {
  const m = DAY.exec(day);
  if (!m) throw new TypeError(`not a day: ${day}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

function fromUtc(ms: number): Day {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addCalendarDays(day: Day, n: number): Day {
  return fromUtc(toUtc(day) + n * MS_PER_DAY);
}

/** Saturday and Sunday: Morocco's weekend for carriers and administrations. */
export function isWeekend(day: Day): boolean {
  const weekday = new Date(toUtc(day)).getUTCDay();
  return weekday === 0 || weekday === 6;
}

export function isWorkingDay(day: Day, holidays: ReadonlySet<Day>): boolean {
  return !isWeekend(day) && !holidays.has(day);
}

/**
 * The day `n` working days after `day` (`day` itself not counted); with `n` = 0, `day` when it
 * is a working day, else the next one.
 */
export function addWorkingDays(day: Day, n: number, holidays: ReadonlySet<Day>): Day {
  if (!Number.isSafeInteger(n) || n < 0)
    throw new RangeError(`working days must be a whole number ≥ 0: ${n}`);
  let current = day;
  if (n === 0) {
    while (!isWorkingDay(current, holidays)) current = addCalendarDays(current, 1);
    return current;
  }
  let left = n;
  while (left > 0) {
    current = addCalendarDays(current, 1);
    if (isWorkingDay(current, holidays)) left -= 1;
  }
  return current;
}

// en-CA writes dates as YYYY-MM-DD. Made once: every cached page's key asks for today.
let todayFormat: Intl.DateTimeFormat | null = null;

/** Today in Morocco, whatever the machine's time zone. */
export function moroccoToday(now: Date = new Date()): Day {
  todayFormat ??= new Intl.DateTimeFormat("en-CA", {
    timeZone: "Africa/Casablanca",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  });
  return todayFormat.format(now);
}

/**
 * When a parcel prepared from `start` reaches the zone: preparation, then transit, both in
 * working days. `start` is the day of the order (today on product and cart pages).
 */
export function estimateDelivery(
  input: { start: Day; processingDays: number; transit: { min: number; max: number } },
  holidays: ReadonlySet<Day>,
): DayRange {
  const shipped = addWorkingDays(input.start, input.processingDays, holidays);
  return {
    from: addWorkingDays(shipped, input.transit.min, holidays),
    to: addWorkingDays(shipped, input.transit.max, holidays),
  };
}

/** The provinces' cities (and their usual spellings) that count as the Fès-Meknès region. */
const REGION_CITIES = [
  "fes",
  "fez",
  "فاس",
  "meknes",
  "مكناس",
  "moulay yacoub",
  "مولاي يعقوب",
  "sefrou",
  "صفرو",
  "boulemane",
  "بولمان",
  "missour",
  "ميسور",
  "el hajeb",
  "الحاجب",
  "ifrane",
  "افران",
  "azrou",
  "ازرو",
  "taounate",
  "تاونات",
  "taza",
  "تازة",
  "imouzzer kandar",
  "ايموزار كندر",
  "guercif",
  "جرسيف",
].map(normalizeText);
const REGION = new Set(REGION_CITIES);

/** The zone of an address: abroad outside Morocco, the region when the city is one of its own. */
export function zoneOf(country: string, city: string): DeliveryZone {
  if (country.trim().toUpperCase() !== "MA") return "abroad";
  return REGION.has(normalizeText(city)) ? "region" : "morocco";
}

/** The zones a page shows for a destination country before it knows the city: Morocco has two. */
export function zonesForCountry(country: string): DeliveryZone[] {
  return country.trim().toUpperCase() === "MA" ? ["region", "morocco"] : ["abroad"];
}
