import { createCookie } from "@remix-run/node";
import { defaultLocale, isLocale, locales, type Locale } from "./config";
import { resources } from "./resources.server";
import { createTranslator, type TFunction, type Translator } from "./translator";

/** Remembers the buyer's language for `/` (and is set whenever a locale page is seen). */
export const localeCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

/** The language for `/`: the cookie, then the browser's `Accept-Language`, else Arabic. */
export async function preferredLocale(request: Request): Promise<Locale> {
  const remembered = await localeCookie.parse(request.headers.get("Cookie"));
  if (isLocale(remembered)) return remembered;
  const ranked = (request.headers.get("Accept-Language") ?? "")
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { language: tag.trim().toLowerCase().split("-")[0], quality: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((x) => Number.isFinite(x.quality) && x.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return ranked.map((x) => x.language).find(isLocale) ?? defaultLocale;
}

/**
 * One translator per locale for the whole process, made on first use: strings never change
 * at run time, so requests share it.
 */
const translators = new Map<Locale, Translator>(locales.map((l) => [l, createTranslator(l, resources[l])]));
export function getTranslator(locale: Locale): Translator {
  return translators.get(locale)!;
}

export function getFixedT(locale: Locale): TFunction {
  return getTranslator(locale).t;
}
