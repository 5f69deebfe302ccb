/**
 * A second server process, for tests that need settings of their own (another SMTP_URL, no
 * SMTP at all): the built server.mjs on a free port, on a database the test gives (a fresh
 * one from `createTestDatabase("postgres")`, so that the suite's server never touches it),
 * its output kept for the test to read.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, waitForHealth } from "../../scripts/lib/harness.mjs";

export type AppServer = { url: string; output: () => string; stop: () => Promise<void> };

const root = path.resolve(import.meta.dirname, "../..");

export async function startAppServer(env: { DATABASE_URL: string } & Record<string, string | undefined>): Promise<AppServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "hirfa-app-server-"));
  const childEnv: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_URL: url,
    INSECURE_COOKIES: "1",
    DATA_DIR: dataDir,
    PAYMENT_SWEEP_MINUTES: "0",
    PAGE_CACHE_MB: "0",
    ...env,
  };
  const child = spawn(process.execPath, ["server.mjs"], {
    cwd: root,
    env: Object.fromEntries(Object.entries(childEnv).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const chunks: Buffer[] = [];
  child.stdout.on("data", (d: Buffer) => chunks.push(d));
  child.stderr.on("data", (d: Buffer) => chunks.push(d));
  const output = () => Buffer.concat(chunks).toString("utf8");
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(url, child);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${output().slice(-2000)}`);
  }
  return { url, output, stop };
}
