#!/usr/bin/env node
/**
 * npm run bench [-- --check] [--products N] [--duration S] [--skip-lighthouse] [--lighthouse-runs N]
 *
 * One command, one run, every figure side by side:
 *   1. builds the app; starts a throwaway PostgreSQL; seeds 10,000 products into it and
 *      into a PGlite database (pictures come from the shared media cache);
 *   2. for each engine, starts the production server (server.mjs) pinned to core 0 and
 *      measures with autocannon pinned to core 1 (no pipelining, fixed connections):
 *      home, craft page, product page, search, and a bare Remix route returning a constant;
 *      a raw node:http hello world gives the constant route's own yardstick;
 *   3. search latency (p50/p95/p99) over a mix of Arabic and French queries, one at a time;
 *   4. initial JavaScript per page type (gzip): the modules each served page preloads and imports,
 *      beside the hello page's (bench/hello: Remix + React + i18next + react-i18next, one route);
 *   5. Lighthouse 12 (mobile preset) on home, craft and product pages in ar, fr and en, and on
 *      the hello page (served by bench/hello/server.mjs) in the same minutes: its Total Blocking
 *      Time is the yardstick of the pages' (decision 017);
 *   6. the image pipeline (scripts/bench-images.ts);
 *   7. checkouts/s: 50 concurrent buyers placing COD orders through the checkout model
 *      on PostgreSQL (scripts/bench-checkout.ts), when a checkout exists (else "n/a").
 * Prints one table, writes bench/results/latest.json and the summary block of
 * docs/performance.md. `--check` exits 1 when a budget is missed. Traffic goes to
 * 127.0.0.1 only; everything started is stopped at the end.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";

import { freePort, startPostgres, waitForHealth, makeRunDirectory } from "./lib/harness.mjs";
import { buildHello, helloInitialJsKb, JS_BUDGETS } from "./initial-js.mjs";
import { mainThreadCost } from "./lib/main-thread.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);

const { values: args } = parseArgs({
  options: {
    check: { type: "boolean", default: false },
    products: { type: "string", default: "10000" },
    duration: { type: "string", default: "5" },
    "lighthouse-runs": { type: "string", default: "3" },
    connections: { type: "string", default: "10" },
    "skip-lighthouse": { type: "boolean", default: false },
  },
});
const PRODUCTS = Number(args.products);
const DURATION = Number(args.duration);
const LIGHTHOUSE_RUNS = Math.max(1, Number(args["lighthouse-runs"]));
const CONNECTIONS = Number(args.connections);

const BUDGETS = {
  pageToConstantRatio: 0.5, // anonymous product and craft pages (page cache) ≥ 50 % of the constant route
  sessionPageToConstantRatio: 0.25, // the same pages for a signed-in buyer with a cart ≥ 25 %
  searchToConstantRatio: 0.25, // search at 10 connections ≥ 25 % of the constant route
  searchP95Ms: 20,
  productInitialJsKb: JS_BUDGETS.productKb,
  productOverHelloKb: JS_BUDGETS.overHelloKb, // ≤ the hello page (bench/hello) + 30 kB
  lighthousePerformance: 95,
  lighthouseAccessibility: 100,
  lighthouseSeo: 100,
  // Total Blocking Time ≤ 5 × the hello page's (median of its runs in the same minutes). A hello
  // TBT under 50 ms counts as 50: TBT is what tasks spend over 50 ms, so 0 means "no long task"
  // (it swings between 0 and ~100 ms here), and no multiple of 0 is a budget anyone can meet.
  tbtOverHello: 5,
  helloTbtFloorMs: 50,
  lcpMs: 2500,
  cls: 0.1,
};

const log = (m) => console.error(`[bench] ${m}`);
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const cores = os.cpus().length;
const SERVER_CORE = "0";
const LOAD_CORE = cores > 1 ? "1" : "0";
const hasTaskset = spawnSync("taskset", ["-V"]).status === 0;
const pinned = (core, command, argv) =>
  hasTaskset ? ["taskset", ["-c", core, command, ...argv]] : [command, argv];

const cleanups = [];
async function cleanup() {
  for (const fn of cleanups.reverse()) {
    try {
      await fn();
    } catch {
      // One failed cleanup must not keep the others from running.
    }
  }
  cleanups.length = 0;
}
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    void cleanup().then(() => process.exit(130));
  });
}

function sh(command, argv, options = {}) {
  const result = spawnSync(command, argv, { stdio: ["ignore", "inherit", "inherit"], ...options });
  if (result.status !== 0) throw new Error(`${command} ${argv.join(" ")} exited with ${result.status}`);
  return result;
}

function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** The CPU time (user + system, ms) a process has used so far, from /proc (Linux). */
function cpuMsOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
const CLOCK_TICKS = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;

async function startServer(env) {
  const port = await freePort();
  const [command, argv] = pinned(SERVER_CORE, process.execPath, ["server.mjs"]);
  const child = spawn(command, argv, {
    env: {
      ...process.env,
      ...env,
      NODE_ENV: "production",
      HIRFA_BENCH: "1",
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      INSECURE_COOKIES: "1",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const stop = () => stopChild(child);
  cleanups.push(stop);
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child);
  // taskset execs node: the child's pid is the server's.
  return { url, stop, cpuMs: () => cpuMsOf(child.pid) };
}

/** A raw node:http hello world on the server's core: the floor under every figure. */
async function startRawHello() {
  const port = await freePort();
  const code = `require("node:http").createServer((q, s) => { s.writeHead(200, { "Content-Type": "text/plain" }); s.end("ok"); }).listen(${port}, "127.0.0.1");`;
  const [command, argv] = pinned(SERVER_CORE, process.execPath, ["-e", code]);
  const child = spawn(command, argv, { stdio: "ignore" });
  const stop = () => stopChild(child);
  cleanups.push(stop);
  for (let i = 0; i < 50; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) break;
    } catch {
      // Not listening yet: try again.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url: `http://127.0.0.1:${port}`, stop, cpuMs: () => cpuMsOf(child.pid) };
}

/** The hello page (bench/hello: Remix + React + i18next, one route), on the server's core. */
async function startHelloServer() {
  const port = await freePort();
  const [command, argv] = pinned(SERVER_CORE, process.execPath, [path.join(root, "bench/hello/server.mjs")]);
  const child = spawn(command, argv, {
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1" },
    // Its 404s (Lighthouse asks for /robots.txt and /favicon.ico) are not the bench's news.
    stdio: "ignore",
  });
  const stop = () => stopChild(child);
  cleanups.push(stop);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${url}/`)).ok) return { url, stop };
    } catch {
      // Not listening yet: try again.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the hello page's server did not start");
}

/** autocannon on the load core: fixed connections, no pipelining; a short warm-up first. */
function autocannon(url, { duration = DURATION, connections = CONNECTIONS, cookie, cpuMs } = {}) {
  if (!url.startsWith("http://127.0.0.1:")) throw new Error(`refusing to send traffic to ${url}`);
  const run = (d, c) => {
    const [command, argv] = pinned(LOAD_CORE, process.execPath, [
      path.join(root, "node_modules/autocannon/autocannon.js"),
      "-c",
      String(c),
      "-p",
      "1",
      "-d",
      String(d),
      "-j",
      ...(cookie ? ["-H", `Cookie=${cookie}`] : []),
      url,
    ]);
    const out = spawnSync(command, argv, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (out.status !== 0) throw new Error(`autocannon failed: ${out.stderr}`);
    return JSON.parse(out.stdout);
  };
  run(1, Math.min(connections, 4));
  const cpuBefore = cpuMs?.() ?? null;
  const r = run(duration, connections);
  const cpuAfter = cpuMs?.() ?? null;
  return {
    rps: r.requests.average,
    // The server's CPU per request: on a shared machine it moves less than requests/s do.
    cpuMsPerRequest:
      cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / r.requests.total,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}

/** Search latency: a mix of queries, one request at a time, from the load core. */
function searchLatency(baseUrl, locale, rounds) {
  const queries = [
    "tapis",
    "زربية",
    "الزَّرْبِيَّة",
    "babouhces",
    "huile essentielle romarin",
    "ماء الورد",
    "بالأزرق الفاسي",
    "cèdre",
    "٢٥٠ مل",
    "broderie",
    "lanterne laiton",
    "poterie&province=fes",
    "tapis&stock=1&sort=price_asc",
    "&craft=carpets&price_min=500&price_max=3000",
    "أرز",
    "bleu de fes",
    "laine",
    "cuir&page=2",
    "تيغرمط",
    "xyzzy",
  ];
  const paths = queries.map((q) => {
    const [text, ...rest] = q.split("&");
    return `/${locale}/search?q=${encodeURIComponent(text)}${rest.length ? `&${rest.join("&")}` : ""}`;
  });
  const code = `
    const http = require("node:http");
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const paths = ${JSON.stringify(paths)};
    const base = new URL(${JSON.stringify(baseUrl)});
    const get = (p) => new Promise((resolve, reject) => {
      const t = process.hrtime.bigint();
      http.get({ host: base.hostname, port: base.port, path: p, agent }, (res) => {
        res.resume();
        res.on("end", () => resolve([res.statusCode, Number(process.hrtime.bigint() - t) / 1e6]));
      }).on("error", reject);
    });
    (async () => {
      for (const p of paths) await get(p);
      const times = []; let bad = 0;
      for (let r = 0; r < ${rounds}; r++) for (const p of paths) { const [s, ms] = await get(p); if (s !== 200) bad++; times.push(ms); }
      times.sort((a, b) => a - b);
      const q = (f) => times[Math.min(times.length - 1, Math.ceil(f * times.length) - 1)];
      console.log(JSON.stringify({ n: times.length, bad, p50: q(0.5), p95: q(0.95), p99: q(0.99), max: times[times.length - 1] }));
      agent.destroy();
    })();`;
  const [command, argv] = pinned(LOAD_CORE, process.execPath, ["-e", code]);
  const out = spawnSync(command, argv, { encoding: "utf8" });
  if (out.status !== 0) throw new Error(`latency run failed: ${out.stderr}`);
  return JSON.parse(out.stdout);
}

/**
 * Initial JS of each page type, gzipped: every module the served HTML makes the browser load
 * before any interaction — its modulepreload links, the imports of its inline module script,
 * and their static imports, followed to the end — read from the page, not the manifest.
 */
async function initialJs(serverUrl, pages) {
  const gz = (url) => gzipSync(readFileSync(path.join(root, "public", url))).length;
  // Static imports (`import … from "x"`, `import "x"`), and in the page's inline script the
  // dynamic `import("x")` of the entry. A module's own dynamic imports load on demand (parts
  // hydrated when scrolled into view, decision 024): not before the page is interactive.
  const importsOf = (code, dynamic = false) =>
    [...code.matchAll(/(?:^|[;\s}])import\s*(?:\(\s*"([^"]+)"|(?:[^"';()]*?from\s*)?"([^"]+)")/g)]
      .filter((m) => dynamic || m[1] === undefined)
      .map((m) => m[1] ?? m[2]);
  const result = {};
  for (const [name, p] of Object.entries(pages)) {
    const html = await (await fetch(`${serverUrl}${p}`)).text();
    const queue = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)].map((m) => m[1]);
    for (const script of html.matchAll(/<script[^>]*type="module"[^>]*>([\s\S]*?)<\/script>/g))
      queue.push(...importsOf(script[1], true));
    if (queue.length === 0) throw new Error(`no scripts found in ${p}`);
    const seen = new Set();
    while (queue.length > 0) {
      const url = queue.pop();
      if (seen.has(url)) continue;
      seen.add(url);
      queue.push(...importsOf(readFileSync(path.join(root, "public", url), "utf8")));
    }
    const bytes = [...seen].reduce((sum, u) => sum + gz(u), 0);
    result[name] = Math.round((bytes / 1024) * 10) / 10;
  }
  return result;
}

/**
 * Lighthouse's simulated throttling replays one observed load, and on this shared 2-core
 * machine a single run swings by ±1 s of LCP (measured: the same static page scored 87 to
 * 100). Lighthouse's own guidance is to take the median of several runs: we keep the run
 * with the median performance score and report every run's score and LCP beside it.
 */
function lighthouseMedian(url, outDir, runs = LIGHTHOUSE_RUNS) {
  const results = Array.from({ length: runs }, () => lighthouse(url, outDir));
  const sorted = [...results].sort((a, b) => a.performance - b.performance || b.lcpMs - a.lcpMs);
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  return {
    ...median,
    runs: results.map(runOf),
  };
}

/** One run, as the report lists it beside the median. */
const runOf = (r) => ({
  performance: r.performance,
  lcpMs: r.lcpMs,
  tbtMs: r.tbtMs,
  error: r.error ?? null,
  retried: r.retried ?? [],
});
const runText = (run) =>
  `${run.performance}/${run.lcpMs}/${run.tbtMs}${run.error ? ` (${run.error})` : ""}${
    run.retried?.length ? ` (after ${run.retried.join(", ")})` : ""
  }`;

/** The hello page's runs: median performance, LCP and TBT, each on its own. */
function helloSummary(runs) {
  const median = (key) => {
    const sorted = runs.map((r) => r[key]).sort((a, b) => a - b);
    return sorted[Math.floor((sorted.length - 1) / 2)];
  };
  return {
    performance: median("performance"),
    lcpMs: median("lcpMs"),
    tbtMs: median("tbtMs"),
    cls: median("cls"),
    runs: runs.map(runOf),
  };
}

/**
 * Lighthouse's own failures to trace a load, not a measurement of the page: seen here on 3 of
 * ~40 runs of the app's pages (NO_NAVSTART: the trace holds no navigation start for the main
 * frame; the page loaded, its accessibility and SEO audits passed). Such a run is made again,
 * twice at most, and the report names each retry.
 */
const LIGHTHOUSE_TOOL_ERRORS = new Set(["NO_NAVSTART"]);

function lighthouse(url, outDir) {
  const retried = [];
  for (;;) {
    const run = lighthouseOnce(url, outDir);
    if (!LIGHTHOUSE_TOOL_ERRORS.has(run.error) || retried.length >= 2) return { ...run, retried };
    retried.push(run.error);
  }
}

function lighthouseOnce(url, outDir) {
  if (!url.startsWith("http://127.0.0.1:")) throw new Error(`refusing to audit ${url}`);
  const out = path.join(outDir, `lh-${Math.random().toString(36).slice(2)}.json`);
  // Not pinned: Chromium on one core shares it with its own browser, network and raster
  // processes, and every main-thread task it stretches counts 4 times in the simulated TBT —
  // a phone has 4–8 cores. Nothing else runs during these audits (the load generator is done,
  // the pages come from the cache), so the server's core is free for Chromium too.
  const [command, argv] = [
    process.execPath,
    [
      path.join(root, "node_modules/lighthouse/cli/index.js"),
      url,
      "--quiet",
      "--output=json",
      `--output-path=${out}`,
      "--only-categories=performance,accessibility,best-practices,seo",
      "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --disable-background-networking --disable-component-update --disable-sync",
    ],
  ];
  const res = spawnSync(command, argv, {
    env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? "/usr/bin/chromium" },
    encoding: "utf8",
    timeout: 180_000,
  });
  if (!existsSync(out)) throw new Error(`lighthouse failed on ${url}: ${res.stderr?.slice(-2000)}`);
  const report = JSON.parse(readFileSync(out, "utf8"));
  const score = (c) => Math.round((report.categories[c]?.score ?? 0) * 100);
  // What keeps accessibility or SEO under 100, to say why a budget is missed.
  const failing = ["accessibility", "seo"]
    .flatMap((c) => report.categories[c]?.auditRefs ?? [])
    .filter(
      (ref) => ref.weight > 0 && report.audits[ref.id]?.score !== null && report.audits[ref.id]?.score < 1,
    )
    .map((ref) => ref.id);
  return {
    // A run Lighthouse could not measure (scores null, shown as 0) says why: NO_LCP,
    // PROTOCOL_TIMEOUT, … — Chromium's trouble or the page's, never a silent 0.
    error: report.runtimeError?.code ?? null,
    performance: score("performance"),
    accessibility: score("accessibility"),
    bestPractices: score("best-practices"),
    seo: score("seo"),
    lcpMs: Math.round(report.audits["largest-contentful-paint"].numericValue),
    tbtMs: Math.round(report.audits["total-blocking-time"].numericValue),
    cls: Math.round(report.audits["cumulative-layout-shift"].numericValue * 1000) / 1000,
    failing,
  };
}

const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
const fmt = (n, d = 0) => (typeof n === "number" && Number.isFinite(n) ? n.toFixed(d) : String(n));

/** The TBT the pages are judged against: the hello page's median, at least the floor. */
function helloTbtReference(r) {
  return Math.max(r.lighthouseHello?.tbtMs ?? 0, BUDGETS.helloTbtFloorMs);
}

function renderTable(r) {
  const lines = [];
  lines.push(
    `Hirfa bench — ${r.date} — ${r.machine} — ${r.products} products, ${r.connections} connections × ${r.duration} s, server on core ${SERVER_CORE}, load on core ${LOAD_CORE}${hasTaskset ? "" : " (taskset missing: not pinned)"}`,
  );
  lines.push("");
  lines.push(
    `${pad("throughput", 20)}${lpad("PG req/s", 10)}${lpad("p50", 7)}${lpad("p99", 7)}${lpad("×const", 8)}${lpad("cpu ms", 8)}   ${lpad("PGlite req/s", 12)}${lpad("p50", 7)}${lpad("p99", 7)}${lpad("×const", 8)}${lpad("cpu ms", 8)}`,
  );
  for (const name of [
    "constant",
    "home",
    "craft",
    "product",
    "craft (session)",
    "product (session)",
    "search",
  ]) {
    const pg = r.throughput.postgres[name];
    const pl = r.throughput.pglite[name];
    const cell = (x, base) =>
      `${lpad(fmt(x.rps), x === pl ? 12 : 10)}${lpad(fmt(x.p50), 7)}${lpad(fmt(x.p99), 7)}${lpad(fmt(x.rps / base.rps, 2), 8)}${lpad(x.cpuMsPerRequest == null ? "n/a" : fmt(x.cpuMsPerRequest, 2), 8)}`;
    lines.push(
      `${pad(name === "constant" ? "constant route" : name, 20)}${cell(pg, r.throughput.postgres.constant)}   ${cell(pl, r.throughput.pglite.constant)}`,
    );
  }
  lines.push(
    '(home, craft, product: anonymous visitors, served by the shared page cache; "(session)": a signed-in buyer with a cart, the page stored for their viewer state with their name spliced in (decision 022); search: one query, its page stored until the catalogue changes; cpu ms: the server\'s CPU time per request)',
  );
  lines.push(
    `${pad("raw node:http", 20)}${lpad(fmt(r.throughput.rawNode.rps), 10)}${lpad(fmt(r.throughput.rawNode.p50), 7)}${lpad(fmt(r.throughput.rawNode.p99), 7)}   constant route = ${fmt(r.throughput.postgres.constant.rps / r.throughput.rawNode.rps, 2)} (PG server) / ${fmt(r.throughput.pglite.constant.rps / r.throughput.rawNode.rps, 2)} (PGlite server) × raw node:http`,
  );
  lines.push("");
  lines.push(
    `search latency, one at a time, ${r.searchLatency.postgres.n} requests over 20 queries (ms):  PG p50 ${fmt(r.searchLatency.postgres.p50, 1)}  p95 ${fmt(r.searchLatency.postgres.p95, 1)}  p99 ${fmt(r.searchLatency.postgres.p99, 1)}   |   PGlite p50 ${fmt(r.searchLatency.pglite.p50, 1)}  p95 ${fmt(r.searchLatency.pglite.p95, 1)}  p99 ${fmt(r.searchLatency.pglite.p99, 1)}`,
  );
  lines.push("");
  lines.push(
    `initial JS (gzip, kB): ${Object.entries(r.initialJsKb)
      .map(([k, v]) => `${k} ${v}`)
      .join(" · ")}`,
  );
  lines.push("");
  if (r.lighthouse) {
    lines.push(
      `${pad(`Lighthouse (mobile, median of ${LIGHTHOUSE_RUNS})`, 34)}${lpad("perf", 6)}${lpad("a11y", 6)}${lpad("b-p", 6)}${lpad("SEO", 6)}${lpad("LCP ms", 8)}${lpad("TBT ms", 8)}${lpad("×hello", 8)}${lpad("CLS", 7)}   every run (perf/LCP ms/TBT ms)`,
    );
    const reference = helloTbtReference(r);
    const h = r.lighthouseHello;
    if (h) {
      lines.push(
        `${pad("hello page (bench/hello)", 34)}${lpad(h.performance, 6)}${lpad("", 6)}${lpad("", 6)}${lpad("", 6)}${lpad(h.lcpMs, 8)}${lpad(h.tbtMs, 8)}${lpad("1.0", 8)}${lpad(h.cls, 7)}   ${h.runs.map(runText).join("  ")}`,
      );
    }
    for (const [page, x] of Object.entries(r.lighthouse)) {
      const runs = (x.runs ?? []).map(runText).join("  ");
      lines.push(
        `${pad(page, 34)}${lpad(x.performance, 6)}${lpad(x.accessibility, 6)}${lpad(x.bestPractices, 6)}${lpad(x.seo, 6)}${lpad(x.lcpMs, 8)}${lpad(x.tbtMs, 8)}${lpad(fmt(x.tbtMs / reference, 1), 8)}${lpad(x.cls, 7)}   ${runs}`,
      );
    }
    if (h)
      lines.push(
        `(×hello: TBT ÷ ${reference} ms, the hello page's median TBT${h.tbtMs < BUDGETS.helloTbtFloorMs ? ` ${h.tbtMs} ms raised to the ${BUDGETS.helloTbtFloorMs} ms floor` : ""}; its runs are spread over the Lighthouse runs of the pages)`,
      );
    if (r.mainThread && Object.keys(r.mainThread).length > 0) {
      lines.push("");
      lines.push(
        `${pad("main thread, CPU time (median of 3)", 34)}${lpad("cpu ms", 8)}${lpad("longest", 9)}${lpad("est TBT", 9)}`,
      );
      for (const [page, m] of Object.entries(r.mainThread))
        lines.push(`${pad(page, 34)}${lpad(m.cpuMs, 8)}${lpad(m.longestTaskMs, 9)}${lpad(m.estTbtMs, 9)}`);
      lines.push(
        "(Chromium at 412×823, unthrottled; each task by its thread time, which a busy machine does not stretch; longest task after the first contentful paint; est TBT = Σ max(0, 4 × task − 50 ms) after it, Lighthouse's terms on CPU time: scripts/lib/main-thread.mjs)",
      );
    }
  } else lines.push("Lighthouse: skipped");
  lines.push("");
  const img = r.images;
  lines.push(
    `images: ${fmt(img.processImageMs)} ms per 12 MP JPEG for all ${img.variants} variants (processImage) · WebP ${fmt(img.webpPerSecond, 1)}/s vs sharp JPEG→JPEG resize ${fmt(img.jpegResizePerSecond, 1)}/s = ${fmt(img.webpToJpegRatio, 2)}×`,
  );
  lines.push(`checkouts/s (50 buyers, PostgreSQL): ${r.checkouts}`);
  lines.push("");
  lines.push(
    r.budgets.length === 0
      ? "budgets: all met"
      : `budgets missed:\n${r.budgets.map((b) => `  ✗ ${b}`).join("\n")}`,
  );
  return lines.join("\n");
}

function checkBudgets(r) {
  const missed = [];
  for (const engine of ["postgres", "pglite"]) {
    const t = r.throughput[engine];
    for (const [page, budget] of [
      ["product", BUDGETS.pageToConstantRatio],
      ["craft", BUDGETS.pageToConstantRatio],
      ["product (session)", BUDGETS.sessionPageToConstantRatio],
      ["craft (session)", BUDGETS.sessionPageToConstantRatio],
      ["search", BUDGETS.searchToConstantRatio],
    ]) {
      const ratio = t[page].rps / t.constant.rps;
      if (ratio < budget)
        missed.push(
          `${engine} ${page}: ${fmt(ratio * 100)} % of the constant route (budget ≥ ${budget * 100} %)`,
        );
    }
    for (const [page, x] of Object.entries(t))
      if (x.errors > 0 || x.non2xx > 0)
        missed.push(`${engine} ${page}: ${x.errors} errors, ${x.non2xx} non-2xx`);
    const p95 = r.searchLatency[engine].p95;
    if (p95 > BUDGETS.searchP95Ms)
      missed.push(`${engine} search p95 ${fmt(p95, 1)} ms (budget ≤ ${BUDGETS.searchP95Ms} ms)`);
    if (r.searchLatency[engine].bad > 0)
      missed.push(`${engine} search: ${r.searchLatency[engine].bad} non-200 answers`);
  }
  if (r.initialJsKb.product > BUDGETS.productInitialJsKb)
    missed.push(
      `product initial JS ${r.initialJsKb.product} kB gzip (budget ≤ ${BUDGETS.productInitialJsKb} kB)`,
    );
  if (r.initialJsKb.product > r.initialJsKb.hello + BUDGETS.productOverHelloKb) {
    missed.push(
      `product initial JS ${r.initialJsKb.product} kB gzip, more than ${BUDGETS.productOverHelloKb} kB over the hello page's ${r.initialJsKb.hello} kB`,
    );
  }
  for (const [page, x] of Object.entries(r.lighthouse ?? {})) {
    const tbtBudget = BUDGETS.tbtOverHello * helloTbtReference(r);
    if (!r.lighthouseHello) missed.push("Lighthouse on the hello page missing: TBT budgets unchecked");
    else if (x.tbtMs > tbtBudget)
      missed.push(
        `${page}: TBT ${x.tbtMs} ms (budget ≤ ${BUDGETS.tbtOverHello} × the hello page's ${helloTbtReference(r)} ms = ${tbtBudget} ms)`,
      );
    if (x.performance < BUDGETS.lighthousePerformance)
      missed.push(
        `${page}: Lighthouse performance ${x.performance} (budget ≥ ${BUDGETS.lighthousePerformance})`,
      );
    if (x.accessibility < BUDGETS.lighthouseAccessibility)
      missed.push(
        `${page}: accessibility ${x.accessibility} (budget ${BUDGETS.lighthouseAccessibility}; failing: ${x.failing.join(", ")})`,
      );
    if (x.seo < BUDGETS.lighthouseSeo)
      missed.push(
        `${page}: SEO ${x.seo} (budget ${BUDGETS.lighthouseSeo}; failing: ${x.failing.join(", ")})`,
      );
    if (x.lcpMs > BUDGETS.lcpMs) missed.push(`${page}: LCP ${x.lcpMs} ms (budget ≤ ${BUDGETS.lcpMs} ms)`);
    if (x.cls > BUDGETS.cls) missed.push(`${page}: CLS ${x.cls} (budget ≤ ${BUDGETS.cls})`);
  }
  if (!r.lighthouse) missed.push("Lighthouse skipped: its budgets are unchecked");
  return missed;
}

function writeSummary(r, table) {
  const doc = path.join(root, "docs/performance.md");
  if (!existsSync(doc)) return;
  const text = readFileSync(doc, "utf8");
  const start = "<!-- bench:latest:start -->";
  const end = "<!-- bench:latest:end -->";
  if (!text.includes(start) || !text.includes(end)) return;
  const block = `${start}\n\`\`\`text\n${table}\n\`\`\`\n${end}`;
  writeFileSync(
    doc,
    text.replace(new RegExp(`${start}[\\s\\S]*${end}`), () => block),
  );
}

async function main() {
  const started = Date.now();
  log(`building… (${cores} cores${hasTaskset ? "" : ", no taskset"})`);
  sh(bin("remix"), ["build"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NODE_ENV: "production" },
  });
  buildHello();
  let initialJsKb = null;

  const { tmp, dataDir } = makeRunDirectory(root, "hirfa-bench-");
  cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));

  // PostgreSQL shares the server's core: the load generator has the other one to itself.
  const pg = await startPostgres(tmp, {
    database: "hirfa_bench",
    prefix: hasTaskset ? `taskset -c ${SERVER_CORE} ` : "",
    maxConnections: 200,
  });
  cleanups.push(() => pg.stop());
  const engines = {
    postgres: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: pg.url },
    pglite: {
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== "DATABASE_URL")),
      DATA_DIR: dataDir,
    },
  };
  const sessionCookies = {};
  for (const [engine, env] of Object.entries(engines)) {
    const t = Date.now();
    sh(bin("tsx"), ["scripts/seed.ts", "--products", String(PRODUCTS)], {
      env: { ...env, NODE_ENV: "production" },
      stdio: ["ignore", "ignore", "inherit"],
    });
    log(`${engine}: seeded ${PRODUCTS} products in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    // A signed-in buyer with a cart of two listings, for the "(session)" rows.
    const session = spawnSync(bin("tsx"), ["scripts/bench-session.ts"], {
      env: { ...env, NODE_ENV: "production" },
      encoding: "utf8",
    });
    if (session.status !== 0) throw new Error(`bench session failed: ${session.stderr}`);
    sessionCookies[engine] = JSON.parse(session.stdout.trim().split("\n").pop()).cookie;
  }
  // A product and a craft that exist on both engines (the seed is deterministic).
  const cooperativeSlug = pg
    .psql("select slug from cooperatives where status = 'verified' order by id limit 1")
    .trim();
  const productSlug = pg
    .psql(
      "select p.slug from products p join cooperatives c on c.id = p.cooperative_id where p.status = 'published' and c.status = 'verified' order by p.id limit 1 offset 100",
    )
    .trim();

  const raw = await startRawHello();
  const rawNode = autocannon(`${raw.url}/`, { cpuMs: raw.cpuMs });
  await raw.stop();

  const throughput = { rawNode };
  const searchLatencyResult = {};
  let lighthouseResult = null;
  let lighthouseHelloResult = null;
  const mainThreadResult = {};
  for (const engine of ["postgres", "pglite"]) {
    const server = await startServer(engines[engine]);
    log(`${engine}: server on ${server.url}`);
    const pages = {
      constant: "/bench/constant",
      home: "/fr",
      craft: "/fr/crafts/carpets",
      product: `/fr/products/${productSlug}`,
      search: `/fr/search?q=${encodeURIComponent("tapis")}`,
      // A signed-in buyer with a cart: the page stored for their viewer state, their name spliced in (decision 022).
      "craft (session)": ["/fr/crafts/carpets", sessionCookies[engine]],
      "product (session)": [`/fr/products/${productSlug}`, sessionCookies[engine]],
    };
    if (engine === "postgres") {
      initialJsKb = {
        hello: await helloInitialJsKb(),
        ...(await initialJs(server.url, {
          home: "/fr",
          craft: "/fr/crafts/carpets",
          product: pages.product,
          cooperative: `/fr/cooperatives/${cooperativeSlug}`,
          search: pages.search,
        })),
      };
      log(`initial JS: ${JSON.stringify(initialJsKb)}`);
    }
    throughput[engine] = {};
    for (const [name, page] of Object.entries(pages)) {
      const [p, cookie] = Array.isArray(page) ? page : [page];
      throughput[engine][name] = autocannon(`${server.url}${p}`, { cookie, cpuMs: server.cpuMs });
      log(`${engine} ${name}: ${fmt(throughput[engine][name].rps)} req/s`);
    }
    searchLatencyResult[engine] = searchLatency(server.url, "fr", 15);
    log(`${engine} search p95: ${fmt(searchLatencyResult[engine].p95, 1)} ms`);
    if (engine === "postgres" && !args["skip-lighthouse"]) {
      lighthouseResult = {};
      const hello = await startHelloServer();
      const helloRuns = [];
      for (const locale of ["ar", "fr", "en"]) {
        // The hello page between the pages' runs: the yardstick sees the same machine they do.
        for (let i = 0; i < Math.ceil(LIGHTHOUSE_RUNS / 3); i++)
          helloRuns.push(lighthouse(`${hello.url}/`, tmp));
        for (const [name, p] of Object.entries({
          home: `/${locale}`,
          craft: `/${locale}/crafts/carpets`,
          product: `/${locale}/products/${productSlug}`,
        })) {
          lighthouseResult[`${name} (${locale})`] = lighthouseMedian(`${server.url}${p}`, tmp);
          log(`lighthouse ${name} ${locale}: ${JSON.stringify(lighthouseResult[`${name} (${locale})`])}`);
          mainThreadResult[`${name} (${locale})`] = await mainThreadCost(`${server.url}${p}`);
        }
      }
      mainThreadResult["hello page (bench/hello)"] = await mainThreadCost(`${hello.url}/`);
      log(`main thread: ${JSON.stringify(mainThreadResult)}`);
      await hello.stop();
      lighthouseHelloResult = helloSummary(helloRuns);
      log(`lighthouse hello: ${JSON.stringify(lighthouseHelloResult)}`);
    }
    await server.stop();
  }

  log("image pipeline…");
  const images = JSON.parse(
    execFileSync(bin("tsx"), ["scripts/bench-images.ts"], { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 })
      .trim()
      .split("\n")
      .pop(),
  );

  let checkouts = "n/a (no checkout yet)";
  if (existsSync(path.join(root, "app/models/checkout.server.ts"))) {
    log("checkouts…");
    // The load generator (50 buyers) on the load core, PostgreSQL on the server core.
    const [command, argv] = pinned(LOAD_CORE, bin("tsx"), ["scripts/bench-checkout.ts"]);
    const out = spawnSync(command, argv, {
      env: { ...engines.postgres, BENCH_BUYERS: "50", BENCH_SECONDS: String(DURATION) },
      encoding: "utf8",
    });
    if (out.status !== 0) throw new Error(`checkout bench failed: ${out.stderr}`);
    const c = JSON.parse(out.stdout.trim().split("\n").pop());
    checkouts = `${fmt(c.perSecond, 1)} (${c.placed} orders in ${fmt(c.seconds, 1)} s, ${c.refused} refused, ${c.failed} errors)`;
  }

  const result = {
    date: new Date().toISOString(),
    machine: `${os.cpus()[0]?.model ?? "cpu"} ×${cores}, node ${process.version}`,
    products: PRODUCTS,
    duration: DURATION,
    connections: CONNECTIONS,
    productSlug,
    throughput,
    searchLatency: searchLatencyResult,
    initialJsKb,
    lighthouse: lighthouseResult,
    lighthouseHello: lighthouseHelloResult,
    mainThread: mainThreadResult,
    images,
    checkouts,
    budgets: [],
    seconds: 0,
  };
  result.budgets = checkBudgets(result);
  result.seconds = Math.round((Date.now() - started) / 1000);
  const table = renderTable(result);
  mkdirSync(path.join(root, "bench/results"), { recursive: true });
  writeFileSync(path.join(root, "bench/results/latest.json"), `${JSON.stringify(result, null, 2)}\n`);
  writeSummary(result, table);
  console.log(table);
  log(`finished in ${result.seconds} s`);
  return result;
}

let exitCode = 0;
try {
  const result = await main();
  if (args.check && result.budgets.length > 0) exitCode = 1;
} catch (error) {
  console.error(`[bench] ${error instanceof Error ? error.stack : error}`);
  exitCode = 2;
} finally {
  await cleanup();
}
process.exit(exitCode);
