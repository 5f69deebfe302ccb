/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser), with axe-core
 * injected for accessibility checks and a screenshot helper.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

export type BrowserSession = { context: BrowserContext; close: () => Promise<void> };

export async function launchBrowser(
  options: { javaScriptEnabled?: boolean; locale?: string } = {},
): Promise<BrowserSession> {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), "hirfa-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    locale: options.locale,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * One browser for a whole test file, in which each test opens contexts of its own
 * (a phone's viewport and touch, a desktop's, a signed-in member's cookie).
 */
export async function launchSharedBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
}

const axeSource = readFileSync(path.resolve(__dirname, "../../node_modules/axe-core/axe.min.js"), "utf8");

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/** Runs axe-core in the page; returns serious and critical violations. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, so the page's CSP (rightly) does not block it.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const w = window as unknown as {
      __axeRunning?: boolean;
      axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> };
    };
    w.__axeRunning = true;
    const result = await w.axe.run(document, { resultTypes: ["violations"] }).finally(() => {
      // Violation events are dispatched asynchronously: stop ignoring them a moment later.
      setTimeout(() => (w.__axeRunning = false), 100);
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

export async function screenshot(page: Page, name: string) {
  const dir = process.env.SCREENSHOT_DIR ?? path.resolve("test-results/screenshots");
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: false });
}

/** Collects console errors and CSP violations seen by a page. */
export function watchPage(page: Page) {
  const errors: string[] = [];
  // Installed through DevTools before any page script, so the page's CSP cannot block it.
  void page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      // axe-core, injected by the tests, probes eval; only the app's own violations count.
      if ((window as unknown as { __axeRunning?: boolean }).__axeRunning) return;
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  page.on("pageerror", (err) => errors.push(err.message));
  return errors;
}

/** Waits until the page has hydrated (root.tsx marks <html data-hydrated>). */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === "true");
}
