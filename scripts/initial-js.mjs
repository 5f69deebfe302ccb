#!/usr/bin/env node
/**
 * npm run bench:js [-- --check] [--no-build]
 *
 * The JavaScript budget of issue 13 without a server or a database: builds the app and the
 * bench's hello page (bench/hello: Remix + React + i18next + react-i18next, one route, one
 * translated string), then prints the initial JS (gzip) of the main page types beside the
 * hello page's, read from each build's manifest (scripts/lib/initial-js.mjs). `--check`
 * exits 1 when the product page is over 115 kB or more than 30 kB over the hello page.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import { initialJsKb, loadsManifest } from "./lib/initial-js.mjs";

export const JS_BUDGETS = { productKb: 115, overHelloKb: 30 };

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const remix = path.join(root, "node_modules/@remix-run/dev/dist/cli.js");

export function buildHello() {
  const out = spawnSync(process.execPath, [remix, "build", "bench/hello"], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (out.status !== 0) throw new Error("the hello page did not build");
}

export async function measure() {
  const withManifest = await loadsManifest(path.join(root, "remix.config.js"));
  const page = (route) => initialJsKb(path.join(root, "public"), ["root", route], { withManifest });
  return {
    hello: await helloInitialJsKb(),
    home: page("routes/$lang._index"),
    craft: page("routes/$lang.crafts.$craft"),
    product: page("routes/$lang.products.$slug"),
    cooperative: page("routes/$lang.cooperatives.$slug"),
    search: page("routes/$lang.search"),
    cart: page("routes/$lang.cart"),
    checkout: page("routes/$lang.checkout"),
  };
}

/** The hello page's initial JS (its own remix.config.js says whether it loads the manifest). */
export async function helloInitialJsKb() {
  const withManifest = await loadsManifest(path.join(root, "bench/hello/remix.config.js"));
  return initialJsKb(path.join(root, "bench/hello/public"), ["root", "routes/_index"], { withManifest });
}

export function jsBudgetsMissed(kb) {
  const missed = [];
  if (kb.product > JS_BUDGETS.productKb)
    missed.push(`product initial JS ${kb.product} kB gzip (budget ≤ ${JS_BUDGETS.productKb} kB)`);
  if (kb.product > kb.hello + JS_BUDGETS.overHelloKb)
    missed.push(
      `product initial JS ${kb.product} kB gzip is more than ${JS_BUDGETS.overHelloKb} kB over the hello page (${kb.hello} kB)`,
    );
  return missed;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values: args } = parseArgs({
    options: { check: { type: "boolean", default: false }, "no-build": { type: "boolean", default: false } },
  });
  if (!args["no-build"]) {
    const app = spawnSync(process.execPath, [remix, "build"], {
      cwd: root,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, NODE_ENV: "production" },
    });
    if (app.status !== 0) throw new Error("the app did not build");
    buildHello();
  }
  const kb = await measure();
  console.log(
    `initial JS (gzip, kB): ${Object.entries(kb)
      .map(([k, v]) => `${k} ${v}`)
      .join(" · ")}`,
  );
  console.log(
    `product − hello: ${Math.round((kb.product - kb.hello) * 10) / 10} kB (budget ≤ ${JS_BUDGETS.overHelloKb}); product ≤ ${JS_BUDGETS.productKb} kB`,
  );
  const missed = jsBudgetsMissed(kb);
  console.log(
    missed.length === 0
      ? "JS budgets: met"
      : `JS budgets missed:\n${missed.map((m) => `  ✗ ${m}`).join("\n")}`,
  );
  if (args.check && missed.length > 0) process.exit(1);
}
