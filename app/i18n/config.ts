/** The locales Hirfa speaks. Adding one means adding it here and a folder in locales/. */
export const locales = ["ar", "fr", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "ar";
/** `/` for a browser whose Accept-Language names none of our locales (a buyer abroad). */
export const foreignLocale: Locale = "en";
/** The namespaces pages use (the browser may load them); `mail` is the server's alone. */
export const pageNamespaces = [
  "common",
  "account",
  "shop",
  "checkout",
  "fulfilment",
  "chamber",
  "search",
  "fairs",
  "trust",
  "policies",
  "trustadmin",
] as const;
/** `mail` and `trustmail` are the server's alone (mails). */
export const namespaces = [...pageNamespaces, "mail", "trustmail"] as const;
export const defaultNamespace = "common";

/**
 * The languages cooperatives write their content in: a listing or a profile needs a name in
 * one of them. Other locales (English) are optional translations.
 */
export const primaryContentLocales: readonly Locale[] = ["ar", "fr"];

/** Where content missing in a locale is taken from, in order (English readers: French first). */
const contentFallbacks: Record<Locale, readonly Locale[]> = {
  ar: ["fr", "en"],
  fr: ["ar", "en"],
  en: ["fr", "ar"],
};

const rtlLocales = new Set<string>(["ar"]);

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

export function directionOf(locale: Locale): "rtl" | "ltr" {
  return rtlLocales.has(locale) ? "rtl" : "ltr";
}

/** Region-specific tag for Intl: Moroccan conventions in every language. */
export function intlLocaleOf(locale: Locale): string {
  return `${locale}-MA`;
}

/** The other locales, in order, for language switchers. */
export function otherLocales(locale: Locale): Locale[] {
  return locales.filter((l) => l !== locale);
}

/** The locales content falls back to when it is missing in `locale`, best first. */
export function fallbackLocales(locale: Locale): readonly Locale[] {
  return contentFallbacks[locale];
}
