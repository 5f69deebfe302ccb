import { useTranslation } from "react-i18next";
import { defaultLocale, isLocale, type Locale } from "./config";

/** The page's locale, from the i18next instance the page was rendered with. */
export function useLocale(): Locale {
  const { i18n } = useTranslation();
  return isLocale(i18n.language) ? i18n.language : defaultLocale;
}
