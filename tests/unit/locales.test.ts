import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { locales } from "~/i18n/config";

const dir = path.resolve(__dirname, "../../locales");
const PLURAL_SUFFIXES = ["zero", "one", "two", "few", "many", "other"] as const;
const REQUIRED_FORMS: Record<string, string[]> = {
  ar: new Intl.PluralRules("ar").resolvedOptions().pluralCategories,
  fr: new Intl.PluralRules("fr").resolvedOptions().pluralCategories,
};

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
  for (const f of files) Object.assign(all, flatten(JSON.parse(readFileSync(path.join(dir, locale, f), "utf8")), f.replace(/\.json$/, "")));
  return { files: files.sort(), keys: all };
}

/** `a.b_few` → ["a.b", "few"]; non-plural keys → [key, null]. */
function splitPlural(key: string): [string, string | null] {
  const m = key.match(/^(.*)_(zero|one|two|few|many|other)$/);
  return m ? [m[1], m[2]] : [key, null];
}

describe("locales", () => {
  const loaded = Object.fromEntries(locales.map((l) => [l, load(l)]));

  it("has the same namespaces in every locale", () => {
    expect(loaded.ar.files).toEqual(loaded.fr.files);
    expect(loaded.ar.files.length).toBeGreaterThan(0);
  });

  it("has the same keys (ignoring plural forms) in ar and fr", () => {
    const base = (l: string) => new Set(Object.keys(loaded[l].keys).map((k) => splitPlural(k)[0]));
    const ar = base("ar");
    const fr = base("fr");
    expect([...ar].filter((k) => !fr.has(k))).toEqual([]);
    expect([...fr].filter((k) => !ar.has(k))).toEqual([]);
  });

  it("gives every counted key all the plural forms of its language (six in Arabic)", () => {
    expect(REQUIRED_FORMS.ar.sort()).toEqual([...PLURAL_SUFFIXES].sort());
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

  it("has no empty strings and keeps interpolations in both languages", () => {
    for (const locale of locales) {
      for (const [key, value] of Object.entries(loaded[locale].keys)) {
        expect(value.trim(), `${locale}:${key}`).not.toBe("");
      }
    }
    const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).filter((v) => v !== "count").sort();
    for (const [key, value] of Object.entries(loaded.fr.keys)) {
      const [base, form] = splitPlural(key);
      const arValue = loaded.ar.keys[form ? `${base}_other` : key];
      if (arValue !== undefined) expect(vars(arValue), `ar:${key}`).toEqual(vars(value));
    }
  });
});
