/** The locales Hirfa speaks. Adding one means adding it here and a folder in locales/. */
export const locales = ["ar", "fr"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "ar";
/** The namespaces pages use (the browser may load them); `mail` is the server's alone. */
export const pageNamespaces = ["common", "account", "shop", "checkout", "fulfilment", "chamber", "search"] as const;
export const defaultNamespace = "common";

const rtlLocales = new Set<string>(["ar"]);

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

export function directionOf(locale: Locale): "rtl" | "ltr" {
  return rtlLocales.has(locale) ? "rtl" : "ltr";
}

/** Region-specific tag for Intl: Moroccan conventions in either language. */
export function intlLocaleOf(locale: Locale): string {
  return `${locale}-MA`;
}

/** The other locales, in order, for fallbacks and language switchers. */
export function otherLocales(locale: Locale): Locale[] {
  return locales.filter((l) => l !== locale);
}
