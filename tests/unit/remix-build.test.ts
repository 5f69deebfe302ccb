/**
 * The build wrapper `npm start` and `npm test` use drops esbuild's Go deadlock dump printed
 * after a finished build (README), and nothing else: other errors still show, and the exit
 * code is Remix's own.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const wrapper = path.resolve(__dirname, "../../scripts/lib/remix-build.mjs");

/** Runs the wrapper over a stand-in `remix` that prints `stderr` and exits with `code`. */
function buildWith(stderr: string, code: number) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "remix-build-"));
  const fake = path.join(dir, "remix");
  writeFileSync(fake, `#!/bin/sh\necho "[info] built"\nprintf '%s' '${stderr}' >&2\nexit ${code}\n`);
  chmodSync(fake, 0o755);
  const script = `import(${JSON.stringify(wrapper)}).then((m) => process.exit(m.remixBuild(${JSON.stringify(fake)}, { env: process.env })))`;
  return spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
}

describe("remixBuild", () => {
  it("drops the Go deadlock dump esbuild's service prints after a finished build", () => {
    const run = buildWith(
      "real warning\nfatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [chan receive]:\nmain.runService(0x1)\n",
      0,
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("[info] built");
    expect(run.stderr).toBe("real warning\n");
  });

  it("keeps every other error and Remix's exit code", () => {
    const run = buildWith("✘ [ERROR] Build failed with 1 error\n", 1);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe("✘ [ERROR] Build failed with 1 error\n");
  });
});
