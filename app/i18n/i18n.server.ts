import { createCookie } from "@remix-run/node";
import { createInstance, type i18n, type TFunction } from "i18next";
import { initReactI18next } from "react-i18next";
import { RemixI18Next } from "remix-i18next/server";
import { defaultLocale, defaultNamespace, locales, namespaces, type Locale } from "./config";
import { resources } from "./resources.server";

/** Remembers the buyer's language for `/` (and is set whenever a locale page is seen). */
export const localeCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

export const i18nOptions = {
  supportedLngs: [...locales],
  fallbackLng: false as const,
  defaultNS: defaultNamespace,
  ns: [...namespaces],
  resources,
  interpolation: { escapeValue: false },
};

export const i18nServer = new RemixI18Next({
  detection: {
    supportedLanguages: [...locales],
    fallbackLanguage: defaultLocale,
    cookie: localeCookie,
    order: ["cookie", "header"],
  },
  i18next: i18nOptions,
});

/**
 * One i18next instance per locale for the whole process, made on first use. Each is fixed to
 * its language and never changes it, so requests can share it safely; making a fresh instance
 * per request cost about 5 % of a page's server time.
 */
const instances = new Map<Locale, Promise<i18n>>();
export function getI18n(locale: Locale): Promise<i18n> {
  let instance = instances.get(locale);
  if (!instance) {
    const created = createInstance().use(initReactI18next);
    instance = created.init({ ...i18nOptions, lng: locale }).then(() => created);
    instances.set(locale, instance);
  }
  return instance;
}

export async function getFixedT(locale: Locale): Promise<TFunction> {
  return (await getI18n(locale)).t;
}
