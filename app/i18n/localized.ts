import type { Localized } from "#db/schema";
import { fallbackLocales, type Locale } from "./config";

/** Text in the language it is written in; `fallback` when that is not the page's language. */
export type LocalizedText = { text: string; lang: Locale; fallback: boolean };

/**
 * The page's language if the content has it, else the first fallback locale that does
 * (English pages: French, then Arabic). Content with no text at all yields an empty string
 * in the page's language.
 */
export function pickLocalized(value: Localized | null | undefined, locale: Locale): LocalizedText {
  const own = value?.[locale]?.trim();
  if (own) return { text: own, lang: locale, fallback: false };
  for (const other of fallbackLocales(locale)) {
    const text = value?.[other]?.trim();
    if (text) return { text, lang: other, fallback: true };
  }
  return { text: "", lang: locale, fallback: false };
}
