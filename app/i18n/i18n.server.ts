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
 * The i18next instance of a page's render: the page's locale and the page's namespaces only,
 * exactly what the browser's instance will start with (so a string missing from a route's
 * `handle.i18n` shows on the server too, not only after hydration).
 *
 * One initialised instance per locale and set of namespaces, made on first use and shared by
 * every render that asks for the same pair (decision 016): building and initialising one per
 * request cost 2–3 % of a page's CPU, and each new instance also made its own `Intl.PluralRules`.
 * Sharing is safe because nothing changes it after init: renders only translate (react-i18next's
 * `useTranslation` reads, `I18nextProvider` passes it down), the language is bound at init and
 * never switched on the server, and the strings are frozen (resources.server.ts). The number
 * of instances is bounded by the locales × the namespace sets of the routes.
 */
const pageInstances = new Map<string, i18n>();

export function createRequestI18n(locale: Locale, pageNamespaces: readonly string[]): i18n {
  const present = pageNamespaces.filter((ns) => ns in resources[locale]);
  const key = `${locale}:${[...present].sort().join(",")}`;
  let instance = pageInstances.get(key);
  if (!instance) {
    instance = createInstance();
    const bundles = Object.fromEntries(present.map((ns) => [ns, resources[locale][ns]]));
    // Frozen all the way down (the strings already are): adding or changing a bundle throws.
    void instance.init({
      ...baseOptions,
      lng: locale,
      ns: present,
      resources: Object.freeze({ [locale]: Object.freeze(bundles) }),
    });
    // Nor may a render switch the language of an instance other renders use.
    instance.changeLanguage = () => {
      throw new TypeError("a page's i18next instance is shared: its language never changes");
    };
    memoisePlainStrings(instance);
    pageInstances.set(key, instance);
  }
  return instance;
}

/**
 * A shared page instance never changes, so a key translated without options always gives the
 * same string: its `t` functions (what react-i18next's `useTranslation` gets from `getFixedT`)
 * keep those strings, one map lookup instead of i18next's resolution (namespaces, plural and
 * context suffixes, nesting, interpolation) for most of a page's labels. Calls with options
 * (counts, values, defaults) go to i18next every time.
 */
function memoisePlainStrings(instance: i18n) {
  const getFixedTOf = instance.getFixedT.bind(instance);
  const fixedTs = new Map<string, TFunction>();
  instance.getFixedT = ((
    lng: string | readonly string[] | null,
    ns?: string | readonly string[] | null,
    keyPrefix?: string,
  ) => {
    const key = JSON.stringify([lng ?? null, ns ?? null, keyPrefix ?? null]);
    let fixedT = fixedTs.get(key);
    if (!fixedT) {
      // i18next's fixed t, as the untyped function it is (its TFunction type is an overload set).
      const translate = getFixedTOf(lng as string, ns as string, keyPrefix) as unknown as ((
        ...args: unknown[]
      ) => unknown) & { lng?: string; ns?: unknown; keyPrefix?: string };
      const strings = new Map<string, unknown>();
      const memoised = (...args: unknown[]) => {
        const [textKey] = args;
        if (args.length !== 1 || typeof textKey !== "string") return translate(...args);
        if (strings.has(textKey)) return strings.get(textKey);
        const text = translate(textKey);
        // Keys come from the code (and a few from listing attributes): a bound all the same.
        if (strings.size < 5000) strings.set(textKey, text);
        return text;
      };
      fixedT = Object.assign(memoised, {
        lng: translate.lng,
        lngs: (translate as { lngs?: unknown }).lngs,
        ns: translate.ns,
        keyPrefix: translate.keyPrefix,
      }) as unknown as TFunction;
      fixedTs.set(key, fixedT);
    }
    return fixedT;
  }) as i18n["getFixedT"];
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
