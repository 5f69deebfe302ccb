/**
 * Initial JavaScript of a Remix route read from a build's manifest (no server needed): the
 * entry, the root and the route modules with every static import, followed to the end, each
 * gzipped at zlib's default level (as `compression` serves it). The same modules the served
 * page modulepreloads. The manifest file is counted when the build loads it: without lazy route
 * discovery (the app since decision 017) every page imports it; with it (the hello page) none does.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

// Static imports only: a module's dynamic `import("…")` loads later, on demand (a route's
// parts that hydrate when scrolled into view, decision 024), not before the page is interactive.
const importsOf = (code) =>
  [...code.matchAll(/(?:^|[;\s}])import\s*(?:[^"';()]*?from\s*)?"([^"]+)"/g)].map((m) => m[1]);

export function readManifest(publicDir) {
  const buildDir = path.join(publicDir, "build");
  const file = readdirSync(buildDir).find((f) => /^manifest-.*\.js$/.test(f));
  if (!file) throw new Error(`no manifest in ${buildDir}`);
  const source = readFileSync(path.join(buildDir, file), "utf8");
  return JSON.parse(source.slice(source.indexOf("{"), source.lastIndexOf("}") + 1));
}

/** Whether the build's pages import the manifest: lazy route discovery off in its remix.config.js. */
export async function loadsManifest(configFile) {
  const config = (await import(pathToFileURL(configFile).href)).default;
  return config.future?.v3_lazyRouteDiscovery !== true;
}

/** kB gzip of what a page of `routeIds` (root first) loads before any interaction. */
export function initialJsKb(publicDir, routeIds, { withManifest = false } = {}) {
  const manifest = readManifest(publicDir);
  const queue = [manifest.entry.module, ...manifest.entry.imports];
  if (withManifest) queue.push(manifest.url);
  for (const id of routeIds) {
    const route = manifest.routes[id];
    if (!route) throw new Error(`no route ${id} in the manifest`);
    queue.push(route.module, ...(route.imports ?? []));
  }
  const seen = new Set();
  const resolve = (from, spec) =>
    spec.startsWith("/") ? spec : path.posix.join(path.posix.dirname(from), spec);
  while (queue.length > 0) {
    const url = queue.pop();
    if (seen.has(url)) continue;
    seen.add(url);
    const code = readFileSync(path.join(publicDir, url), "utf8");
    queue.push(...importsOf(code).map((spec) => resolve(url, spec)));
  }
  const bytes = [...seen].reduce((sum, u) => sum + gzipSync(readFileSync(path.join(publicDir, u))).length, 0);
  return Math.round((bytes / 1024) * 10) / 10;
}
