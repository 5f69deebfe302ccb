/**
 * npm run lint runs ESLint (eslint.config.js: TypeScript, React hooks, jsx-a11y, and the
 * layering rules — routes never touch the database, only *.server.ts files import Node, the
 * database, sharp, pg, zod or drizzle-orm values), Prettier's check, and this script: the
 * project's own rules that no ESLint rule checks:
 *  1. layout uses logical properties: no left/right in CSS or inline styles;
 *  4. every literal translation key used with t("…") exists in every locale;
 *  5. components use no values of *.server modules;
 *  6. actions read form bodies through readForm (app/utils/form-body.server.ts, decision 011);
 *  7. components translate through react-i18next's useTranslation (decision 015): no other hook.
 * Exits 1 and lists each problem as file:line: message.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const problems: string[] = [];

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

const appFiles = walk(path.join(root, "app"));
const rel = (f: string) => path.relative(root, f);

// 1. Logical properties only.
const PHYSICAL =
  /\b(margin|padding|border|inset)-(left|right)\b|(^|[\s;{])(left|right)\s*:|text-align\s*:\s*(left|right)|float\s*:\s*(left|right)|\b(marginLeft|marginRight|paddingLeft|paddingRight|textAlign:\s*["'](left|right))/;
for (const file of appFiles.filter((f) => /\.(css|tsx)$/.test(f))) {
  readFileSync(file, "utf8")
    .split("\n")
    .forEach((line, i) => {
      if (PHYSICAL.test(line) && !line.includes("lint-allow-physical")) {
        problems.push(
          `${rel(file)}:${i + 1}: use logical properties (start/end, inline/block), not left/right`,
        );
      }
    });
}

// 5. Values from *.server modules are empty in the browser: components may not use them.
for (const file of appFiles.filter(
  (f) => /\.tsx$/.test(f) && !/\.server\.tsx$/.test(f) && !f.endsWith("entry.server.tsx"),
)) {
  const source = readFileSync(file, "utf8");
  const componentStart = source.search(/export default function|^function [A-Z]|^export function [A-Z]/m);
  if (componentStart < 0) continue;
  const componentCode = source
    .slice(componentStart)
    .replace(/export (async )?function (loader|action)[\s\S]*?\n}\n/g, "");
  for (const match of source.matchAll(/^import\s+\{([^}]*)\}\s+from\s+["']([^"']+\.server)["']/gm)) {
    for (const raw of match[1].split(",")) {
      const name = raw.trim();
      if (!name || name.startsWith("type ")) continue;
      const local = name.split(/\s+as\s+/).pop()!;
      if (new RegExp(`\\b${local}\\b`).test(componentCode)) {
        problems.push(
          `${rel(file)}: "${local}" comes from ${match[2]} and is undefined in the browser; move it to a shared module`,
        );
      }
    }
  }
  // A namespace import reads as an object in both places, empty in the browser: allowed only
  // where the line above says that is what the code relies on (hydrateLater tells the server
  // from the browser by it).
  for (const match of source.matchAll(
    /^(.*)\n\s*import\s+\*\s+as\s+(\w+)\s+from\s+["']([^"']+\.server)["']/gm,
  )) {
    if (/^\s*\/\/ Empty in the browser/.test(match[1])) continue;
    if (new RegExp(`\\b${match[2]}\\b`).test(componentCode)) {
      problems.push(
        `${rel(file)}: "${match[2]}" is ${match[3]}, empty in the browser; import what the component needs from a shared module (or say "// Empty in the browser…" on the line above when that is the point)`,
      );
    }
  }
}

// 4. Translation keys.
function flatten(value: unknown, prefix = "", out = new Set<string>()): Set<string> {
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === "object") flatten(v, key, out);
    else out.add(key.replace(/_(zero|one|two|few|many|other)$/, ""));
  }
  return out;
}
const localesDir = path.join(root, "locales");
const keysByLocale = new Map<string, Set<string>>();
for (const locale of readdirSync(localesDir)) {
  const keys = new Set<string>();
  for (const file of readdirSync(path.join(localesDir, locale))) {
    const ns = file.replace(/\.json$/, "");
    for (const key of flatten(JSON.parse(readFileSync(path.join(localesDir, locale, file), "utf8")))) {
      keys.add(ns === "common" ? key : `${ns}:${key}`);
    }
  }
  keysByLocale.set(locale, keys);
}
const T_CALL = /\bt\(\s*["']([A-Za-z0-9_.:-]+)["']/g;
for (const file of appFiles.filter((f) => /\.(ts|tsx)$/.test(f))) {
  const source = readFileSync(file, "utf8");
  for (const match of source.matchAll(T_CALL)) {
    const key = match[1];
    const line = source.slice(0, match.index).split("\n").length;
    for (const [locale, keys] of keysByLocale) {
      if (!keys.has(key))
        problems.push(`${rel(file)}:${line}: translation key "${key}" missing in locales/${locale}`);
    }
  }
}

// 6. One reader for form bodies, with its types and limits: never the body parsers of Request.
for (const file of appFiles.filter((f) => rel(f).startsWith(path.join("app", "routes")))) {
  const source = readFileSync(file, "utf8");
  for (const match of source.matchAll(
    /request\.formData\(\)|unstable_parseMultipartFormData|request\.json\(\)/g,
  )) {
    const line = source.slice(0, match.index).split("\n").length;
    problems.push(
      `${rel(file)}:${line}: read forms with readForm (app/utils/form-body.server.ts), not ${match[0]}`,
    );
  }
}

// 7. One way to translate in components: react-i18next's useTranslation.
for (const file of appFiles.filter((f) => /\.tsx?$/.test(f))) {
  const source = readFileSync(file, "utf8");
  for (const match of source.matchAll(
    /import\s*\{[^}]*\buseTranslation\b[^}]*\}\s*from\s*["']([^"']+)["']/g,
  )) {
    if (match[1] === "react-i18next") continue;
    const line = source.slice(0, match.index).split("\n").length;
    problems.push(`${rel(file)}:${line}: useTranslation comes from react-i18next, not ${match[1]}`);
  }
}

if (problems.length > 0) {
  console.error(problems.join("\n"));
  console.error(`\nlint: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log(`lint: ${appFiles.length} files checked, no problems`);
