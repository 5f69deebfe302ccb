import { createCookie } from "@remix-run/node";
import { createInstance, type i18n, type InitOptions, type TFunction } from "i18next";
import { RemixI18Next } from "remix-i18next/server";
import {
  defaultLocale,
  defaultNamespace,
  foreignLocale,
  isLocale,
  locales,
  namespaces,
  type Locale,
} from "./config";
import { resources } from "./resources.server";

/** Remembers the buyer's language for `/` (and is set whenever a locale page is seen). */
export const localeCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

const baseOptions: InitOptions = {
  supportedLngs: [...locales],
  fallbackLng: false,
  defaultNS: defaultNamespace,
  ns: [...namespaces],
  interpolation: { escapeValue: false }, // React escapes
  // Resources are in memory: init (and so the per-request instance) is synchronous.
  initImmediate: false,
  react: { useSuspense: false },
};

/**
 * Language detection for `/` (remix-i18next): the cookie, then the browser's ranked
 * `Accept-Language` among ours; a header naming none of them gets English (a buyer abroad),
 * no header at all (or only "*") gets Arabic. The header goes to `findLocale` whole, because
 * remix-i18next's own "header" step keeps only the browser's first language and so would send
 * `de-DE, fr;q=0.8` to English instead of French.
 */
export const i18nServer = new RemixI18Next({
  detection: {
    supportedLanguages: [...locales],
    fallbackLanguage: foreignLocale,
    cookie: localeCookie,
    order: ["cookie", "custom"],
    findLocale: async (request) => {
      // "*" (what fetch clients send by default) names no language: like no header at all.
      const named = (request.headers.get("Accept-Language") ?? "")
        .split(",")
        .map((part) => part.trim())
        .filter((part) => part && !part.startsWith("*"));
      return named.length > 0 ? named.join(",") : defaultLocale;
    },
  },
  i18next: { ...baseOptions, resources },
});

export async function preferredLocale(request: Request): Promise<Locale> {
  const locale = await i18nServer.getLocale(request);
  return isLocale(locale) ? locale : defaultLocale;
}

/**
 * A fresh i18next instance for one request's render, with the page's locale and the page's
 * namespaces only, exactly what the browser's instance will start with (so a string missing
 * from a route's `handle.i18n` shows on the server too, not only after hydration). Nothing a
 * render does to it reaches another request.
 */
export function createRequestI18n(locale: Locale, pageNamespaces: readonly string[]): i18n {
  const instance = createInstance();
  const bundles = Object.fromEntries(
    pageNamespaces.filter((ns) => ns in resources[locale]).map((ns) => [ns, resources[locale][ns]]),
  );
  void instance.init({
    ...baseOptions,
    lng: locale,
    ns: Object.keys(bundles),
    resources: { [locale]: bundles },
  });
  return instance;
}

/**
 * For mails, page titles and plain refusal pages: one process-wide instance, never switched
 * (getFixedT binds the language), so sharing it is safe.
 */
const shared = createInstance();
void shared.init({ ...baseOptions, lng: defaultLocale, resources });

export function getFixedT(locale: Locale): TFunction {
  return shared.getFixedT(locale);
}
