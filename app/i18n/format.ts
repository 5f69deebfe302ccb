/**
 * The one place that turns numbers, money and dates into text for a locale.
 * Amounts are integer centimes; the division happens only for display.
 */
import { intlLocaleOf, type Locale } from "./config";

/** Hirfa's dates are Morocco's, on the server and in every browser. */
export const TIME_ZONE = "Africa/Casablanca";

const moneyFormatters = new Map<string, Intl.NumberFormat>();

export function formatMoney(centimes: number, currency: string, locale: Locale): string {
  if (!Number.isSafeInteger(centimes)) throw new TypeError(`money must be integer centimes, got ${centimes}`);
  // Whole dirhams are shown without decimals ("350 MAD"), others with two.
  const fractionDigits = centimes % 100 === 0 ? 0 : 2;
  const key = `${locale}|${currency}|${fractionDigits}`;
  let formatter = moneyFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(intlLocaleOf(locale), {
      style: "currency",
      currency,
      minimumFractionDigits: fractionDigits,
      maximumFractionDigits: fractionDigits,
    });
    moneyFormatters.set(key, formatter);
  }
  return formatter.format(centimes / 100);
}

// Making an Intl formatter costs far more than using one (a search page formats ~60 counts).
const numberFormatters = new Map<string, Intl.NumberFormat>();
const dateFormatters = new Map<string, Intl.DateTimeFormat>();

export function formatNumber(value: number, locale: Locale, options?: Intl.NumberFormatOptions): string {
  const key = `${locale}|${options ? JSON.stringify(options) : ""}`;
  let formatter = numberFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(intlLocaleOf(locale), options);
    numberFormatters.set(key, formatter);
  }
  return formatter.format(value);
}

/**
 * Dates in Morocco's time zone whatever the machine's or the browser's, so the server's
 * text and the browser's (hydration) are the same. A missing or invalid date is an error,
 * never "1 January 1970": show it as missing with <DateTime> instead.
 */
export function formatDate(
  date: Date | string,
  locale: Locale,
  options: Intl.DateTimeFormatOptions = { dateStyle: "long" },
): string {
  const value = typeof date === "string" ? new Date(date) : date;
  if (!(value instanceof Date) || Number.isNaN(value.getTime()))
    throw new TypeError(`not a date: ${String(date)}`);
  const key = `${locale}|${JSON.stringify(options)}`;
  let formatter = dateFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(intlLocaleOf(locale), { ...options, timeZone: TIME_ZONE });
    dateFormatters.set(key, formatter);
  }
  return formatter.format(value);
}

/** A moment as the server wrote it: the machine-readable instant and the text to show. */
export type DateText = { iso: string; text: string };

/**
 * Formats a date for a loader to send. Pages show the server's text instead of formatting
 * again in the browser: Morocco's summer-time rules are forecasts that differ between time
 * zone databases (Node's and Chromium's disagree about November 2026), so the browser's
 * own formatting could write another hour than the server's HTML and break hydration.
 */
export function dateText(
  date: Date | string | null | undefined,
  locale: Locale,
  options?: Intl.DateTimeFormatOptions,
): DateText | null {
  if (date == null || date === "") return null;
  const value = typeof date === "string" ? new Date(date) : date;
  return { iso: value.toISOString(), text: formatDate(value, locale, options) };
}

/**
 * User text put inside a translated sentence ("Thank you, {{name}}!"), wrapped in Unicode's
 * first-strong isolate (U+2068 … U+2069): the plain-text <bdi>, so a Latin name keeps its
 * "!" on the sentence's side in Arabic, and an Arabic name its own order in French.
 */
export function isolated(text: string): string {
  return `\u2068${text}\u2069`;
}

const relativeFormatters = new Map<string, Intl.RelativeTimeFormat>();

/**
 * How long ago, from whole minutes the server computed (so the server's and the browser's
 * render agree): "il y a 5 minutes", "il y a 5 heures", "hier", "قبل 3 أيام".
 */
export function formatAge(minutes: number, locale: Locale): string {
  let formatter = relativeFormatters.get(locale);
  if (!formatter) {
    formatter = new Intl.RelativeTimeFormat(intlLocaleOf(locale), { numeric: "auto" });
    relativeFormatters.set(locale, formatter);
  }
  const m = Math.max(0, Math.floor(minutes));
  if (m < 60) return formatter.format(-m, "minute");
  if (m < 24 * 60) return formatter.format(-Math.floor(m / 60), "hour");
  return formatter.format(-Math.floor(m / (24 * 60)), "day");
}

/** Whole minutes from `date` to `now` (never negative). */
export function minutesSince(date: Date | string, now = Date.now()): number {
  return Math.max(0, Math.floor((now - new Date(date).getTime()) / 60_000));
}
