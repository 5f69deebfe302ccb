/**
 * More processes of the built app, beside the one `npm test` started: same build, same
 * PostgreSQL database (APP_DATABASE_URL) and mail server (HIRFA_SMTP_URL: every process's mail
 * worker may send the suite's mail), each with its own port and data folder, for tests of
 * what several machines behind one load balancer must share. `env` overrides any of it (e.g.
 * another DATABASE_URL, or SMTP_URL "" for mail written to the log).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { migrateDatabase, openDatabase, type Database } from "#db/client";

export type AppProcess = { url: string; output: () => string; stop: () => Promise<void> };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
    server.on("error", reject);
  });
}

/** `env` overrides the process's settings; `undefined` leaves one unset (e.g. PUBLIC_URL). */
export async function startAppProcess(env: Record<string, string | undefined> = {}): Promise<AppProcess> {
  const databaseUrl = process.env.APP_DATABASE_URL;
  if (!databaseUrl) throw new Error("APP_DATABASE_URL is not set: run the suite with `npm test`");
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(path.join(process.env.TEST_TMP_DIR ?? os.tmpdir(), "app-process-"));
  const child: ChildProcess = spawn(process.execPath, ["server.mjs"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: url,
      INSECURE_COOKIES: "1",
      PAYMENT_SWEEP_MINUTES: "0",
      HOUSEKEEPING_MINUTES: "0",
      ...(process.env.HIRFA_SMTP_URL ? { SMTP_URL: process.env.HIRFA_SMTP_URL } : {}),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const chunks: Buffer[] = [];
  child.stdout!.on("data", (d: Buffer) => chunks.push(d));
  child.stderr!.on("data", (d: Buffer) => chunks.push(d));
  const output = () => Buffer.concat(chunks).toString("utf8");
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`app process exited with ${child.exitCode}:\n${output()}`);
    const healthy = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) return { url, output, stop };
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`app process did not answer on ${url}:\n${output()}`);
}

/**
 * A server of its own on an embedded PGlite database in a fresh folder: migrated, then given
 * what `prepare` writes, then closed before the server opens it (PGlite is one process's).
 * Stopping the server removes the folder.
 */
export async function startPGliteAppProcess<T>(
  label: string,
  prepare: (db: Database) => Promise<T>,
  env: Record<string, string | undefined> = {},
): Promise<{ server: AppProcess; prepared: T }> {
  const dir = mkdtempSync(path.join(process.env.TEST_TMP_DIR ?? os.tmpdir(), `${label}-`));
  mkdirSync(path.join(dir, "media"), { recursive: true });
  try {
    const handle = openDatabase({ dataDir: path.join(dir, "pglite") });
    let prepared: T;
    try {
      await migrateDatabase(handle);
      prepared = await prepare(handle.db);
    } finally {
      await handle.close();
    }
    const server = await startAppProcess({ DATABASE_URL: undefined, DATA_DIR: dir, ...env });
    const stop = async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    };
    return { server: { ...server, stop }, prepared };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
