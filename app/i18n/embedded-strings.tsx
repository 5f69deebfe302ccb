import { createContext, useContext } from "react";
import type { Locale } from "./config";

/**
 * The page's strings as JSON, for the browser's translator. On the server the context gives a
 * function reading the locale files (entry.server.tsx); in the browser the strings are
 * already in the document, so the locale files never enter the JavaScript bundle.
 */
export type StringsSource = (locale: Locale, namespaces: Set<string>) => string;
const StringsContext = createContext<StringsSource | null>(null);
export const StringsProvider = StringsContext.Provider;

export const STRINGS_ELEMENT_ID = "i18n-resources";

export function useEmbeddedStrings(locale: Locale, namespaces: Set<string>): string {
  const source = useContext(StringsContext);
  if (source) return source(locale, namespaces);
  return typeof document === "undefined" ? "{}" : (document.getElementById(STRINGS_ELEMENT_ID)?.textContent ?? "{}");
}
