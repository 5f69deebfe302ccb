#!/usr/bin/env node
/**
 * npm test — the whole suite, on a fresh machine as on a developer's:
 *   1. installs Debian's chromium and postgresql when missing (as root, through apt-get);
 *   2. builds the app once;
 *   3. starts a throwaway PostgreSQL cluster on a free local port;
 *   4. migrates and seeds the app's database there and starts the built server on it;
 *   5. runs vitest (unit, integration on PGlite and PostgreSQL, browser tests in Chromium);
 *   6. stops everything and prints `tests: N passed, N failed[, N skipped]`.
 * Extra arguments go to vitest (e.g. `npm test -- --project unit`).
 */
import { spawn, spawnSync } from "node:child_process";
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";

import { remixBuild } from "./lib/remix-build.mjs";
import { findPostgresBin, freePort, startPostgres, waitForHealth, makeRunDirectory } from "./lib/harness.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const log = (m) => console.log(`[test] ${m}`);
const isRoot = process.getuid?.() === 0;
const cleanups = [];

function sh(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited with ${result.status}`);
}

function ensureSystemPackages() {
  const missing = [];
  if (!existsSync("/usr/bin/chromium")) missing.push("chromium");
  if (!findPostgresBin()) missing.push("postgresql");
  if (missing.length === 0) return;
  if (!isRoot) throw new Error(`missing system packages: ${missing.join(", ")} (install them with apt-get)`);
  log(`installing ${missing.join(", ")} from Debian…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  sh("apt-get", ["update", "-qq"], { env });
  sh(
    "apt-get",
    [
      "install",
      "-y",
      "-qq",
      "--no-install-recommends",
      ...missing,
      ...(missing.includes("chromium") ? ["fonts-noto-core"] : []),
    ],
    { env },
  );
}

/** A real SMTP server that files each message it receives as JSON, for the tests to read. */
async function startMailbox(dir) {
  const { SMTPServer } = await import("smtp-server");
  mkdirSync(dir, { recursive: true });
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks = [];
      stream.on("data", (c) => chunks.push(c));
      stream.on("end", () => {
        const mail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          raw: Buffer.concat(chunks).toString("utf8"),
        };
        const name = `${String(++count).padStart(6, "0")}.json`;
        writeFileSync(path.join(dir, `${name}.tmp`), JSON.stringify(mail));
        renameSync(path.join(dir, `${name}.tmp`), path.join(dir, name));
        callback();
      });
    },
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { dir, port: server.server.address().port, close: () => server.close() };
}

async function main() {
  const started = Date.now();
  const vitestArgs = process.argv.slice(2);
  ensureSystemPackages();

  log("building…");
  const built = remixBuild(bin("remix"), {
    env: { ...process.env, NODE_ENV: "production" },
    stdout: "ignore",
  });
  if (built !== 0) throw new Error(`remix build exited with ${built}`);

  const { tmp, dataDir } = makeRunDirectory(root, "hirfa-test-");
  cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));

  const pg = await startPostgres(tmp, { database: "hirfa_app" });
  cleanups.push(() => pg.stop());
  log(`PostgreSQL on port ${pg.port}`);

  const baseEnv = { ...process.env, DATA_DIR: dataDir, NODE_ENV: "production" };
  const appEnv = { ...baseEnv, DATABASE_URL: pg.url };
  const setupStarted = Date.now();
  sh(bin("tsx"), ["scripts/setup.ts"], { env: appEnv, stdio: ["ignore", "ignore", "inherit"] });
  log(`app database migrated and seeded in ${((Date.now() - setupStarted) / 1000).toFixed(1)} s`);

  const mailbox = await startMailbox(path.join(tmp, "mailbox"));
  cleanups.push(() => mailbox.close());
  log(`SMTP server on port ${mailbox.port}`);

  // A local Stripe API for the official SDK (card payments end to end, no network).
  const { startStripeServer } = await import("../tests/support/stripe-server.mjs");
  const stripe = await startStripeServer(path.join(tmp, "stripe"));
  cleanups.push(() => stripe.close());
  const stripeEnv = {
    STRIPE_SECRET_KEY: "sk_test_hirfa_local",
    STRIPE_WEBHOOK_SECRET: "whsec_test_hirfa_local_secret",
    STRIPE_API_URL: stripe.url,
  };
  log(`Stripe API stand-in on port ${stripe.port}`);

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const serverLog = path.join(tmp, "server.log");
  const server = spawn(process.execPath, ["server.mjs"], {
    env: {
      ...appEnv,
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: baseUrl,
      INSECURE_COOKIES: "1",
      SMTP_URL: `smtp://127.0.0.1:${mailbox.port}`,
      ...stripeEnv,
      CSP_FORM_ACTION: `https://checkout.stripe.com ${stripe.url}`,
      // The tests run `npm run sweep` themselves, when they expect it.
      PAYMENT_SWEEP_MINUTES: "0",
      HOUSEKEEPING_MINUTES: "0",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Also kept whole in a file the tests read (HIRFA_SERVER_LOG): one JSON object per line.
  const serverOutput = [];
  const serverLogFile = createWriteStream(serverLog);
  for (const stream of [server.stdout, server.stderr]) {
    stream.on("data", (d) => {
      serverOutput.push(d);
      serverLogFile.write(d);
    });
  }
  cleanups.push(() => server.exitCode === null && server.kill("SIGTERM"));
  await waitForHealth(baseUrl, server);
  log(`server on ${baseUrl}`);

  const report = path.join(tmp, "vitest.json");
  // Asynchronous: this process also serves the SMTP mailbox while the tests run.
  const vitestStatus = await new Promise((resolve) => {
    const child = spawn(
      bin("vitest"),
      ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...vitestArgs],
      {
        stdio: "inherit",
        env: {
          ...baseEnv,
          NODE_ENV: "test",
          HIRFA_BASE_URL: baseUrl,
          APP_DATABASE_URL: pg.url,
          TEST_DATABASE_URL: pg.adminUrl,
          TEST_TMP_DIR: tmp,
          HIRFA_MAILBOX_DIR: mailbox.dir,
          HIRFA_SERVER_LOG: serverLog,
          HIRFA_SERVER_PID: String(server.pid),
          HIRFA_SMTP_URL: `smtp://127.0.0.1:${mailbox.port}`,
          HIRFA_STRIPE_DIR: stripe.dir,
          ...stripeEnv,
          SCREENSHOT_DIR: path.join(root, "test-results", "screenshots"),
        },
      },
    );
    child.on("exit", (code) => resolve(code ?? 1));
  });

  let passed = 0;
  let failed = 0;
  let skipped = 0;
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, "utf8"));
    passed = json.numPassedTests ?? 0;
    skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
    // A file that fails to load has no tests but is a failure all the same.
    const brokenFiles = (json.testResults ?? []).filter(
      (f) => f.status === "failed" && (f.assertionResults ?? []).length === 0,
    ).length;
    failed = (json.numFailedTests ?? 0) + brokenFiles;
  } else {
    failed = 1;
  }
  if (vitestStatus !== 0 && failed === 0) failed = 1;
  if (failed > 0) {
    const text = Buffer.concat(serverOutput).toString("utf8");
    if (text.trim()) console.log(`[test] server log (last 4000 characters):\n${text.slice(-4000)}`);
  }
  log(`finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { passed, failed, skipped };
}

let summary = { passed: 0, failed: 1, skipped: 0 };
try {
  summary = await main();
} catch (error) {
  console.error(`[test] ${error instanceof Error ? error.message : error}`);
} finally {
  // Last registered, first undone: server, then PostgreSQL, then the temporary folder.
  for (const cleanup of cleanups.reverse()) {
    try {
      cleanup();
    } catch {
      // One failed cleanup must not keep the others from running.
    }
  }
}
const parts = [`${summary.passed} passed`, `${summary.failed} failed`];
if (summary.skipped > 0) parts.push(`${summary.skipped} skipped`);
console.log(`tests: ${parts.join(", ")}`);
process.exit(summary.failed > 0 ? 1 : 0);
