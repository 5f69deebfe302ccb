#!/usr/bin/env node
/**
 * npm start — builds the app when the build is missing or older than the sources,
 * migrates (and on first run seeds) the database, then serves it.
 *   --no-build   serve the existing build as it is
 */
import { spawnSync, spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { remixBuild } from "./lib/remix-build.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);
// Settings from .env when there is one (.env.example lists them); the shell's own win.
if (existsSync(".env")) process.loadEnvFile(".env");
const env = { ...process.env, NODE_ENV: process.env.NODE_ENV ?? "production" };

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const info = statSync(target);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

function run(command, args) {
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const bin = (name) => path.join(root, "node_modules", ".bin", name);

if (!process.argv.includes("--no-build")) {
  const built = existsSync("build/index.js") ? statSync("build/index.js").mtimeMs : 0;
  const sources = Math.max(...["app", "db", "locales", "remix.config.js", "package.json"].map(newestMtime));
  if (built < sources) {
    console.log("[start] building…");
    const status = remixBuild(bin("remix"), { env });
    if (status !== 0) process.exit(status);
  }
}
run(bin("tsx"), ["scripts/setup.ts"]);

const server = spawn(process.execPath, ["server.mjs"], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
