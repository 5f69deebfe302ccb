import type { Locale } from "~/i18n/config";

/** A path under a locale: localePath("fr", "/products/x") → "/fr/products/x". */
export function localePath(locale: Locale, path = ""): string {
  const rest = path === "" || path === "/" ? "" : path.startsWith("/") ? path : `/${path}`;
  return `/${locale}${rest}`;
}

/** The same page in another locale: swaps the first segment, keeps the query. */
export function switchLocalePath(pathname: string, search: string, to: Locale): string {
  const parts = pathname.split("/");
  parts[1] = to;
  return `${parts.join("/")}${search}`;
}

export function mediaUrl(key: string): string {
  return `/media/${key}`;
}
