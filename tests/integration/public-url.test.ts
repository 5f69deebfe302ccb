/**
 * A server started as `npm start` starts it on a fresh machine: no PUBLIC_URL, no SMTP_URL
 * (mail goes to the log), no TRUST_PROXY. Links in mail and canonical URLs then use
 * http://localhost:PORT, whatever Host or X-Forwarded-Host a request names, and the server
 * says so once at start (decision 010). It shares the suite's database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { startAppProcess, type AppProcess } from "../support/app-process";
import { openAppDatabase } from "../support/db";
import { makeUser } from "../support/fixtures";
import { attr, newVisitorAddress, requestFrom } from "../support/http";

let app: DatabaseHandle;
let server: AppProcess;

beforeAll(async () => {
  app = openAppDatabase();
  // Spawned without these (undefined drops a variable from the child's environment).
  server = await startAppProcess({ PUBLIC_URL: undefined, SMTP_URL: undefined, TRUST_PROXY: undefined });
});

afterAll(async () => {
  await server?.stop();
  await app?.close();
});

const origin = () => server.url;
const port = () => new URL(server.url).port;

/** The first reset link the log mailer printed (this server sends one mail in its life). */
async function loggedResetLink(): Promise<string> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const link = server.output().match(/https?:\/\/[^\s"\\]+\/reset-password\/[\w-]+/)?.[0];
    if (link) return link;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("no reset link in the server log");
}

describe("without PUBLIC_URL", () => {
  it("says once at start that links use http://localhost:PORT", () => {
    const notes = server.output().split("\n").filter((line) => line.includes("PUBLIC_URL is not set"));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain(`http://localhost:${port()}`);
  });

  it("mails a reset link on http://localhost:PORT whatever Host and X-Forwarded-Host say", async () => {
    const user = await makeUser(app.db, { prefix: "no-public-url" });
    const body = new URLSearchParams({ email: user.email }).toString();
    const res = await requestFrom(newVisitorAddress(), "/fr/forgot-password", {
      origin: origin(),
      method: "POST",
      body,
      headers: {
        Host: "evil.example",
        Origin: "http://evil.example",
        "X-Forwarded-Host": "evil.example:8443",
        "Content-Type": "application/x-www-form-urlencoded",
        "Content-Length": String(body.length),
      },
    });
    expect(res.status).toBe(200);
    expect(await loggedResetLink()).toMatch(new RegExp(`^http://localhost:${port()}/fr/reset-password/[\\w-]+$`));
  });

  it("keeps canonical URLs on http://localhost:PORT when X-Forwarded-Host is sent without TRUST_PROXY", async () => {
    const res = await requestFrom(newVisitorAddress(), "/fr/crafts/pottery", { origin: origin(), headers: { "X-Forwarded-Host": "evil.example:8443" } });
    expect(res.status).toBe(200);
    expect(attr(res.body, /<link[^>]*rel="canonical"[^>]*>/, "href")).toBe(`http://localhost:${port()}/fr/crafts/pottery`);
  });
});
