/**
 * Settings are checked once, at start: a bad environment variable stops the server (and the
 * scripts `npm start` runs first) with a message naming it, before anything listens or opens
 * the database, and without echoing its value (it may be a secret).
 */
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");

/** Runs a command to its end with these variables over a harmless base; its exit code and output. */
function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const dataDir = mkdtempSync(path.join(process.env.TEST_TMP_DIR ?? os.tmpdir(), "settings-"));
  return new Promise((resolve, reject) => {
    const child = spawn(args[0], args.slice(1), {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: "production",
        DATA_DIR: dataDir,
        HOST: "127.0.0.1",
        PORT: "39217", // never listened on: each run stops before
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (d: Buffer) => chunks.push(d));
    child.stderr.on("data", (d: Buffer) => chunks.push(d));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`still running after 30 s:\n${Buffer.concat(chunks).toString("utf8")}`));
    }, 30_000);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output: Buffer.concat(chunks).toString("utf8") });
    });
  });
}

const server = (env: Record<string, string>) => run([process.execPath, "server.mjs"], env);

describe("settings checked at start", () => {
  it("the server refuses a port that is not a number, and names PORT", async () => {
    const { code, output } = await server({ PORT: "eighty" });
    expect(code).toBe(1);
    expect(output).toMatch(/Hirfa cannot start: invalid environment variable:\n\s+PORT: /);
    expect(output).not.toContain("listening");
  });

  it("names each bad variable, and only those, without echoing their values", async () => {
    const { code, output } = await server({
      DATABASE_URL: "not-a-url-s3cr3t",
      PAGE_CACHE_MB: "-1",
      TRUST_PROXY: "yes",
      MAIL_FROM: "Hirfa <mail@hirfa.test>",
    });
    expect(code).toBe(1);
    expect(output).toMatch(/^\s+DATABASE_URL: /m);
    expect(output).toMatch(/^\s+PAGE_CACHE_MB: /m);
    expect(output).toMatch(/^\s+TRUST_PROXY: /m);
    expect(output).not.toMatch(/^\s+(MAIL_FROM|PORT|HOST|DATA_DIR):/m);
    expect(output).not.toContain("s3cr3t");
  });

  it("the database set-up `npm start` runs first refuses a bad variable too, by name", async () => {
    const { code, output } = await run([path.join(root, "node_modules/.bin/tsx"), "scripts/migrate.ts"], {
      LOG_LEVEL: "chatty",
    });
    expect(code).not.toBe(0);
    expect(output).toMatch(/EnvError: invalid environment variable:\n\s+LOG_LEVEL: /);
  });
});
