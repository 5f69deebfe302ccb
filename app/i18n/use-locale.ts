import { useTranslation } from "./use-translation";
import type { Locale } from "./config";

/** The page's locale, from the translator the page was rendered with. */
export function useLocale(): Locale {
  return useTranslation().i18n.language;
}
