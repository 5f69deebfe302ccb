/**
 * A server started as `npm start` starts it on a fresh machine: no PUBLIC_URL, no TRUST_PROXY.
 * Links in mail and canonical URLs then use http://localhost:PORT, whatever Host or
 * X-Forwarded-Host a request names, and the server says so once at start (decision 010).
 * It shares the suite's database and SMTP server.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { startAppProcess, type AppProcess } from "../support/app-process";
import { openAppDatabase } from "../support/db";
import { makeUser } from "../support/fixtures";
import { attr, newVisitorAddress, requestFrom } from "../support/http";
import { waitForMail } from "../support/mailbox";

let app: DatabaseHandle;
let server: AppProcess;

beforeAll(async () => {
  app = openAppDatabase();
  // Spawned without these (undefined drops a variable from the child's environment). It keeps
  // the suite's SMTP server: its mail worker may send the suite's mail, and the suite's its own.
  server = await startAppProcess({ PUBLIC_URL: undefined, TRUST_PROXY: undefined });
});

afterAll(async () => {
  await server?.stop();
  await app?.close();
});

const origin = () => server.url;
const port = () => new URL(server.url).port;

describe("without PUBLIC_URL", () => {
  it("says once at start that links use http://localhost:PORT", () => {
    const notes = server
      .output()
      .split("\n")
      .filter((line) => line.includes("PUBLIC_URL is not set"));
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
    const [mail] = await waitForMail(user.email, (m) => m.subject.includes("nouveau mot de passe"));
    expect(mail.text).toMatch(new RegExp(`http://localhost:${port()}/fr/reset-password/[\\w-]+`));
    expect(mail.text).not.toContain("evil.example");
  });

  it("keeps canonical URLs on http://localhost:PORT when X-Forwarded-Host is sent without TRUST_PROXY", async () => {
    const res = await requestFrom(newVisitorAddress(), "/fr/crafts/pottery", {
      origin: origin(),
      headers: { "X-Forwarded-Host": "evil.example:8443" },
    });
    expect(res.status).toBe(200);
    expect(attr(res.body, /<link[^>]*rel="canonical"[^>]*>/, "href")).toBe(
      `http://localhost:${port()}/fr/crafts/pottery`,
    );
  });
});
