import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { locales } from "~/i18n/config";

const dir = path.resolve(__dirname, "../../locales");
const PLURAL_SUFFIXES = ["zero", "one", "two", "few", "many", "other"] as const;
const REQUIRED_FORMS: Record<string, string[]> = Object.fromEntries(
  locales.map((l) => [l, new Intl.PluralRules(l).resolvedOptions().pluralCategories]),
);

function flatten(value: unknown, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === "object") Object.assign(out, flatten(v, key));
    else out[key] = String(v);
  }
  return out;
}

function load(locale: string) {
  const files = readdirSync(path.join(dir, locale)).filter((f) => f.endsWith(".json"));
  const all: Record<string, string> = {};
  for (const f of files)
    Object.assign(
      all,
      flatten(JSON.parse(readFileSync(path.join(dir, locale, f), "utf8")), f.replace(/\.json$/, "")),
    );
  return { files: files.sort(), keys: all };
}

/** `a.b_few` → ["a.b", "few"]; non-plural keys → [key, null]. */
function splitPlural(key: string): [string, string | null] {
  const m = key.match(/^(.*)_(zero|one|two|few|many|other)$/);
  return m ? [m[1], m[2]] : [key, null];
}

describe("locales", () => {
  const loaded = Object.fromEntries(locales.map((l) => [l, load(l)]));

  it("covers Arabic, French and English", () => {
    expect([...locales].sort()).toEqual(["ar", "en", "fr"]);
  });

  it("has the same namespaces in every locale", () => {
    for (const locale of locales) expect(loaded[locale].files, locale).toEqual(loaded.ar.files);
    expect(loaded.ar.files.length).toBeGreaterThan(0);
  });

  it("has the same keys (ignoring plural forms) in every locale", () => {
    const base = (l: string) => new Set(Object.keys(loaded[l].keys).map((k) => splitPlural(k)[0]));
    for (const a of locales) {
      for (const b of locales) {
        if (a === b) continue;
        const other = base(b);
        expect(
          [...base(a)].filter((k) => !other.has(k)),
          `in ${a}, not in ${b}`,
        ).toEqual([]);
      }
    }
  });

  it("gives every counted key all the plural forms of its language (six in Arabic, one/other in English)", () => {
    expect(REQUIRED_FORMS.ar.sort()).toEqual([...PLURAL_SUFFIXES].sort());
    expect(REQUIRED_FORMS.en.sort()).toEqual(["one", "other"]);
    for (const locale of locales) {
      const forms = new Map<string, Set<string>>();
      for (const key of Object.keys(loaded[locale].keys)) {
        const [base, form] = splitPlural(key);
        if (form) forms.set(base, (forms.get(base) ?? new Set()).add(form));
      }
      // Keys counted in one locale must be counted in the other too.
      for (const other of locales) {
        for (const key of Object.keys(loaded[other].keys)) {
          const [base, form] = splitPlural(key);
          if (form) expect(forms.has(base), `${locale} lacks plural forms of ${base}`).toBe(true);
        }
      }
      for (const [base, present] of forms) {
        const missing = REQUIRED_FORMS[locale].filter((f) => !present.has(f));
        expect(missing, `${locale}: ${base} lacks ${missing.join(", ")}`).toEqual([]);
      }
    }
  });

  it("has no empty strings and keeps interpolations in every language", () => {
    for (const locale of locales) {
      for (const [key, value] of Object.entries(loaded[locale].keys)) {
        expect(value.trim(), `${locale}:${key}`).not.toBe("");
      }
    }
    const vars = (s: string) =>
      [...s.matchAll(/\{\{(\w+)\}\}/g)]
        .map((m) => m[1])
        .filter((v) => v !== "count")
        .sort();
    for (const locale of locales.filter((l) => l !== "fr")) {
      for (const [key, value] of Object.entries(loaded.fr.keys)) {
        const [base, form] = splitPlural(key);
        const other = loaded[locale].keys[form ? `${base}_other` : key];
        expect(other, `${locale}:${key}`).toBeDefined();
        expect(vars(other!), `${locale}:${key}`).toEqual(vars(value));
      }
    }
  });
});
