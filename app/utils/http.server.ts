import { data } from "@remix-run/node";
import { isLocale, type Locale } from "~/i18n/config";

export function notFound(): never {
  throw data({ reason: "not_found" }, { status: 404 });
}

export function forbidden(): never {
  throw data({ reason: "forbidden" }, { status: 403 });
}

/** The locale of a `/:lang/...` URL; anything else is a 404. */
export function requireLocale(params: { lang?: string }): Locale {
  if (!isLocale(params.lang)) notFound();
  return params.lang;
}

/** A row id from the URL or a form: a whole number within PostgreSQL's int4, else null. */
export function parseId(value: FormDataEntryValue | string | null | undefined): number | null {
  const n = typeof value === "string" && /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN;
  return Number.isSafeInteger(n) && n >= 1 && n <= 2_147_483_647 ? n : null;
}

/** A row id from the URL or a form: a positive whole number, anything else is a 404. */
export function requireId(value: FormDataEntryValue | string | null | undefined): number {
  return parseId(value) ?? notFound();
}

/** A positive page number from `?page=`, 1 when absent or nonsense. */
export function pageParam(url: URL, max = 10_000, name = "page"): number {
  const n = Number.parseInt(url.searchParams.get(name) ?? "1", 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, max) : 1;
}

/** Named cache policies, so each response says what it means rather than a header string. */
export const cachePolicy = {
  none: "no-store",
  page: "private, no-cache",
  immutable: "public, max-age=31536000, immutable",
  short: "public, max-age=300",
} as const;
