/**
 * What the test run and the bench share: a free local port, a throwaway PostgreSQL cluster
 * (initdb refuses root, so the cluster belongs to the `postgres` user) and waiting for the
 * server's health check.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const isRoot = process.getuid?.() === 0;

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export function findPostgresBin() {
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return null;
  for (const v of readdirSync(base).sort((a, b) => Number(b) - Number(a))) {
    const dir = path.join(base, v, "bin");
    if (existsSync(path.join(dir, "initdb"))) return dir;
  }
  return null;
}

function run(command, args) {
  const result = spawnSync(command, args, { stdio: ["ignore", "ignore", "inherit"] });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited with ${result.status}`);
}

/**
 * Starts a PostgreSQL cluster under `tmp/pg` on a free port, with one database `database`.
 * `prefix` goes before pg_ctl (e.g. "taskset -c 0 " to pin it to a core).
 * Returns the URLs, a psql helper and `stop()`.
 */
export async function startPostgres(tmp, { database, prefix = "", maxConnections = 300 }) {
  const pgBin = findPostgresBin();
  if (!pgBin) throw new Error("PostgreSQL is not installed (apt-get install postgresql)");
  const dir = path.join(tmp, "pg");
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const asPostgres = (cmd) =>
    isRoot ? ["su", ["postgres", "-s", "/bin/bash", "-c", cmd]] : ["bash", ["-c", cmd]];
  if (isRoot) {
    chmodSync(tmp, 0o755);
    execFileSync("chown", ["-R", "postgres:postgres", dir]);
  }
  run(
    ...asPostgres(
      `${pgBin}/initdb -D ${dir}/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null`,
    ),
  );
  // Durability is not what a throwaway cluster is for: fsync off keeps the runs fast.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=${maxConnections}`;
  run(
    ...asPostgres(
      `${prefix}${pgBin}/pg_ctl -D ${dir}/data -o '${options}' -l ${dir}/log -w start >/dev/null`,
    ),
  );
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const url = `postgres://postgres@127.0.0.1:${port}/${database}`;
  run(`${pgBin}/psql`, [adminUrl, "-q", "-c", `create database ${database}`]);
  return {
    port,
    adminUrl,
    url,
    psql: (sql) => execFileSync(`${pgBin}/psql`, [url, "-Atqc", sql], { encoding: "utf8" }),
    stop: () =>
      spawnSync(...asPostgres(`${pgBin}/pg_ctl -D ${dir}/data -m immediate -w stop >/dev/null`), {
        stdio: "ignore",
      }),
  };
}

export async function waitForHealth(url, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // Not listening yet: try again until the deadline.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("server did not become healthy in time");
}

/**
 * A throwaway folder for a run and, inside it, a `DATA_DIR` whose media folder is the cache
 * kept between runs (media are content-addressed: keeping them only saves re-encoding the
 * seed). The caller removes `tmp` when done.
 */
export function makeRunDirectory(root, prefix) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), prefix));
  const dataDir = path.join(tmp, "data");
  mkdirSync(dataDir, { recursive: true });
  const mediaCache = path.join(root, "node_modules", ".cache", "hirfa-test-media");
  mkdirSync(mediaCache, { recursive: true });
  symlinkSync(mediaCache, path.join(dataDir, "media"));
  return { tmp, dataDir };
}
