/**
 * Hirfa's translation function, the same on the server and in the browser (decision 006).
 *
 * It reads i18next's resource format (`locales/<lang>/<namespace>.json`) with the features
 * the project uses: `namespace:key.path` keys (default namespace `common`), `{{name}}`
 * interpolation (no escaping: React escapes), plurals by `count` with the CLDR suffixes
 * (`_zero` for 0 when present, then `Intl.PluralRules`: `_one`, `_two`, `_few`, `_many`,
 * `_other`), and `defaultValue`. A missing key shows as the key, without its namespace.
 */
import { defaultNamespace, intlLocaleOf, type Locale } from "./config";

export type StringTree = { [key: string]: string | StringTree };
export type Resources = Record<string, StringTree>;
export type TOptions = { count?: number; defaultValue?: string; [name: string]: unknown };
export type TFunction = (key: string, options?: TOptions) => string;

export type Translator = {
  language: Locale;
  t: TFunction;
  exists: (key: string) => boolean;
  hasNamespace: (namespace: string) => boolean;
  addNamespace: (namespace: string, strings: StringTree) => void;
};

const INTERPOLATION = /\{\{\s*([\w.]+)\s*\}\}/g;

export function createTranslator(language: Locale, resources: Resources): Translator {
  const bundles: Resources = { ...resources };
  const plurals = new Intl.PluralRules(intlLocaleOf(language));

  const lookup = (key: string): string | undefined => {
    const colon = key.indexOf(":");
    const namespace = colon > 0 ? key.slice(0, colon) : defaultNamespace;
    let node: string | StringTree | undefined = bundles[namespace];
    for (const part of (colon > 0 ? key.slice(colon + 1) : key).split(".")) {
      if (node === undefined || typeof node === "string") return undefined;
      node = node[part];
    }
    return typeof node === "string" ? node : undefined;
  };

  const t: TFunction = (key, options) => {
    let text: string | undefined;
    const count = options?.count;
    if (typeof count === "number") {
      text = (count === 0 ? lookup(`${key}_zero`) : undefined) ?? lookup(`${key}_${plurals.select(count)}`) ?? lookup(`${key}_other`);
    }
    // Missing: the default value, else the key without its namespace (as i18next shows it).
    text ??= lookup(key) ?? options?.defaultValue ?? key.slice(key.indexOf(":") + 1);
    if (!options || !text.includes("{{")) return text;
    return text.replace(INTERPOLATION, (whole, name: string) => {
      const value = options[name];
      return value === undefined || value === null ? whole : String(value);
    });
  };

  return {
    language,
    t,
    exists: (key) => lookup(key) !== undefined,
    hasNamespace: (namespace) => namespace in bundles,
    addNamespace: (namespace, strings) => {
      bundles[namespace] = strings;
    },
  };
}
