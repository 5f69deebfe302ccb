/**
 * Every namespace of every locale (app/i18n/config.ts), read once from `locales/<lang>/<ns>.json`
 * at start: the server renders any page in any locale; the browser receives only the current
 * locale's strings of the namespaces its page needs (root.tsx). `mail` is the server's alone.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ResourceLanguage } from "i18next";
import { defaultLocale, locales, namespaces, type Locale } from "./config";

/** The project's `locales/` folder, found from this module (the server build or the sources). */
function localesDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, "locales");
    if (existsSync(path.join(candidate, defaultLocale))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("locales/ not found above the server build");
    dir = parent;
  }
}

function load(): Record<Locale, ResourceLanguage> {
  const dir = localesDir();
  return Object.fromEntries(
    locales.map((locale) => [
      locale,
      Object.fromEntries(
        namespaces.map((ns) => [ns, JSON.parse(readFileSync(path.join(dir, locale, `${ns}.json`), "utf8"))]),
      ),
    ]),
  ) as Record<Locale, ResourceLanguage>;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * Frozen: every request's i18next instance is built over these same objects (no copy per
 * request), so none may change them; an attempt throws instead of reaching other requests.
 */
export const resources = deepFreeze(load());
