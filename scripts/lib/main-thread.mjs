/**
 * What a page costs the browser's main thread while it loads, in CPU time rather than wall
 * time (decision 024): Chromium (playwright-core, Debian's /usr/bin/chromium) loads the page at
 * a phone's size, unthrottled, with a trace; each main-thread task is counted by its thread
 * time (`tdur`), which a busy machine does not stretch, where Lighthouse's simulated Total
 * Blocking Time multiplies each task's wall time by 4. From it: the page's main-thread CPU
 * until 2.5 s after load, its longest task after the first contentful paint, and an estimated
 * TBT on Lighthouse's terms (Σ max(0, 4 × task − 50 ms) after FCP). Not a budget: the figure
 * that says whether a missed Lighthouse TBT comes from the page or from the machine.
 */
import { readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function once(browser, url) {
  const trace = path.join(os.tmpdir(), `hirfa-main-thread-${process.pid}-${Date.now()}.json`);
  const context = await browser.newContext({
    viewport: { width: 412, height: 823 },
    isMobile: true,
    deviceScaleFactor: 1.75,
  });
  const page = await context.newPage();
  await browser.startTracing(page, {
    path: trace,
    categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "loading"],
  });
  await page.goto(url, { waitUntil: "load" });
  await page.waitForTimeout(2500);
  await browser.stopTracing();
  await context.close();
  const events = JSON.parse(readFileSync(trace, "utf8")).traceEvents;
  rmSync(trace, { force: true });
  const origin = new URL(url).origin;
  // The renderer's main thread: the one whose events name the page's origin most.
  let main = null;
  let most = 0;
  for (const thread of events.filter((e) => e.name === "thread_name" && e.args.name === "CrRendererMain")) {
    const count = events.filter(
      (e) =>
        e.pid === thread.pid && e.tid === thread.tid && JSON.stringify(e.args?.data ?? {}).includes(origin),
    ).length;
    if (count > most) [main, most] = [thread, count];
  }
  if (!main) throw new Error(`no renderer thread for ${url}`);
  const fcp = events.find((e) => e.name === "firstContentfulPaint" && e.pid === main.pid)?.ts ?? 0;
  let cpuMs = 0;
  let longestMs = 0;
  let estTbtMs = 0;
  for (const task of events) {
    if (task.pid !== main.pid || task.tid !== main.tid || task.name !== "RunTask" || task.ph !== "X")
      continue;
    const ms = (task.tdur ?? task.dur) / 1000;
    cpuMs += ms;
    if (task.ts + task.dur < fcp) continue;
    longestMs = Math.max(longestMs, ms);
    estTbtMs += Math.max(0, 4 * ms - 50);
  }
  return { cpuMs, longestMs, estTbtMs };
}

/** Medians over `runs` fresh browser contexts. */
export async function mainThreadCost(url, runs = 3) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-dev-shm-usage"],
  });
  try {
    const results = [];
    for (let i = 0; i < runs; i++) results.push(await once(browser, url));
    const pick = (key) => Math.round(median(results.map((r) => r[key])));
    return { cpuMs: pick("cpuMs"), longestTaskMs: pick("longestMs"), estTbtMs: pick("estTbtMs") };
  } finally {
    await browser.close();
  }
}
