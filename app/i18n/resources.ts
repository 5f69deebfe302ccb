// Every namespace of every locale, bundled: the server renders any page in any locale
// and the browser receives only the current locale's strings (see root loader).
import arCommon from "../../locales/ar/common.json";
import frCommon from "../../locales/fr/common.json";
import type { Locale } from "./config";

export const resources: Record<Locale, Record<string, Record<string, unknown>>> = {
  ar: { common: arCommon },
  fr: { common: frCommon },
};
