import { spawnSync } from "node:child_process";

const GO_DEADLOCK = "fatal error: all goroutines are asleep - deadlock!";

/**
 * `remix build` without its one known piece of noise. Remix's CLI ends with process.exit(0)
 * as soon as the build is written, without stopping esbuild's service (0.17.6, started with
 * --ping: it asks the Node process every second whether it is still there). When that exit
 * lands while a ping waits for its answer, the Go service is left waiting forever and its
 * runtime prints "fatal error: all goroutines are asleep - deadlock!" and a goroutine dump.
 * The build is complete and Remix's exit code is the real outcome: only the dump is dropped
 * (README, docs/decisions/018-code-health.md). Returns the exit code.
 */
export function remixBuild(remixBin, { env, stdout = "inherit" }) {
  const result = spawnSync(remixBin, ["build"], {
    env,
    stdio: ["ignore", stdout, "pipe"],
    encoding: "utf8",
  });
  const stderr = result.stderr ?? "";
  const at = stderr.indexOf(GO_DEADLOCK);
  process.stderr.write(at >= 0 ? stderr.slice(0, at) : stderr);
  return result.status ?? 1;
}
