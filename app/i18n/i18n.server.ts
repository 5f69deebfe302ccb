import { createCookie } from "@remix-run/node";
import { createInstance, type TFunction } from "i18next";
import { RemixI18Next } from "remix-i18next/server";
import { defaultLocale, defaultNamespace, locales, namespaces, type Locale } from "./config";
import { resources } from "./resources";

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

/** A fresh i18next instance per call: requests never share language state. */
export async function getFixedT(locale: Locale): Promise<TFunction> {
  const instance = createInstance();
  await instance.init({ ...i18nOptions, lng: locale });
  return instance.t;
}
