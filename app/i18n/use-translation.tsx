import { createContext, useContext } from "react";
import type { Translator } from "./translator";

const TranslatorContext = createContext<Translator | null>(null);

/** Set once around the app: by entry.server.tsx per request, by entry.client.tsx for the page. */
export const TranslatorProvider = TranslatorContext.Provider;

/** The page's translator: `const { t } = useTranslation()`; `i18n` for `exists` and `language`. */
export function useTranslation() {
  const translator = useContext(TranslatorContext);
  if (!translator) throw new Error("useTranslation outside TranslatorProvider");
  return { t: translator.t, i18n: translator };
}
