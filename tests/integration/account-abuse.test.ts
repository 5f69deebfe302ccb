/**
 * Accounts against abuse, over HTTP against the built server (on PostgreSQL): links in mail
 * that a forged Host cannot redirect, redirects that stay on the site, sign-in throttled per
 * account *and* address with growing delays, limited reset requests and registrations, and a
 * registration that does not tell who has an account (decision 010). Each test that counts
 * per address comes from a loopback address of its own (`newVisitorAddress`).
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { rateLimitEvents, userTokens, users } from "#db/schema";
import { LOGIN_LIMITS, REGISTRATION_LIMITS, RESET_LIMITS } from "~/models/users.server";
import { decodeEntities } from "../support/client";
import { openAppDatabase } from "../support/db";
import { makeUser, PASSWORD, signIn, uniqueEmail } from "../support/fixtures";
import { startAppProcess, type AppProcess } from "../support/app-process";
import {
  attr,
  baseUrl,
  browserFormHeaders,
  newVisitorAddress,
  postFrom,
  postFrom as postFromSuite,
  requestFrom,
} from "../support/http";
import { readMailbox, waitForMail, type ReceivedMail } from "../support/mailbox";

let app: DatabaseHandle;
beforeAll(() => {
  app = openAppDatabase();
});
afterAll(async () => {
  await app?.close();
});

/** Waits until `count` mails to `to` matching `predicate` have arrived. */
async function waitForMails(to: string, count: number, predicate: (m: ReceivedMail) => boolean) {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const found = readMailbox().filter((m) => m.to.includes(to.toLowerCase()) && predicate(m));
    if (found.length >= count) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`fewer than ${count} mails to ${to}`);
}

const resetTokensOf = (userId: number) =>
  app.db
    .select()
    .from(userTokens)
    .where(and(eq(userTokens.userId, userId), eq(userTokens.purpose, "password_reset")));
const resetPath = (mail: ReceivedMail) =>
  new URL(mail.text.match(/https?:\/\/\S+\/reset-password\/[\w-]+/)![0]).pathname;

describe("links in mail come from PUBLIC_URL, never from the request", () => {
  it("mails a reset link on the public origin whatever Host and X-Forwarded-Host say", async () => {
    const user = await makeUser(app.db, { prefix: "host" });
    // A script, not a browser: it names any host it likes and says it is same-origin.
    const body = new URLSearchParams({ email: user.email }).toString();
    const res = await requestFrom(newVisitorAddress(), "/fr/forgot-password", {
      method: "POST",
      body,
      headers: {
        Host: "evil.example",
        "X-Forwarded-Host": "evil.example:8443",
        "X-Forwarded-Proto": "https",
        "Sec-Fetch-Site": "same-origin",
        "Content-Type": "application/x-www-form-urlencoded",
        "Content-Length": String(body.length),
      },
    });
    expect(res.status).toBe(200);
    const [mail] = await waitForMail(user.email, (m) => m.subject.includes("nouveau mot de passe"));
    expect(mail.text).toContain(`${baseUrl()}/fr/reset-password/`);
    expect(mail.text).not.toContain("evil.example");
  });
});

describe("redirects after sign-in stay on the site", () => {
  // Each is read by a browser (or by URL parsing) as another site, or is not a path at all.
  const hostile = [
    "//evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "\t//evil.example",
    "/.//evil.example",
    "/fr/..//evil.example",
    "javascript:alert(1)",
    "https://evil.example/",
    "http:evil.example",
    "",
  ];

  it("answers every hostile redirectTo as if none were given (a buyer lands on the locale's home), by GET and by POST", async () => {
    const user = await makeUser(app.db, { prefix: "redirect" });
    const { cookie } = await signIn(app.db, user.id);
    for (const value of hostile) {
      const query = `?redirectTo=${encodeURIComponent(value)}`;
      // Signed in: the login page sends the visitor on at once.
      const signedIn = await fetch(`${baseUrl()}/fr/login${query}`, {
        headers: { Cookie: cookie },
        redirect: "manual",
      });
      expect([signedIn.status, signedIn.headers.get("location")], JSON.stringify(value)).toEqual([
        302,
        "/fr",
      ]);
      // Signed out: the form carries the target on to its POST.
      const page = await fetch(`${baseUrl()}/ar/login${query}`);
      expect(page.status, JSON.stringify(value)).toBe(200);
      // No target kept: after sign-in this buyer lands on the home page (see the POST below).
      // (The sign-in form's own field: the header's currency switch carries a redirectTo too.)
      const signInForm =
        (await page.text()).split("<form").find((form) => form.includes('name="password"')) ?? "";
      expect(attr(signInForm, /<input[^>]*name="redirectTo"[^>]*>/, "value"), JSON.stringify(value)).toBe("");
      const posted = await fetch(`${baseUrl()}/fr/login`, {
        method: "POST",
        headers: browserFormHeaders(),
        body: new URLSearchParams({ email: user.email, password: PASSWORD, redirectTo: value }),
        redirect: "manual",
      });
      expect([posted.status, posted.headers.get("location")], JSON.stringify(value)).toEqual([302, "/fr"]);
    }
  });

  it("keeps a path on the site, with its query, and never lets CR/LF reach the Location header", async () => {
    const user = await makeUser(app.db, { prefix: "redirect-ok" });
    const { cookie } = await signIn(app.db, user.id);
    const go = (to: string) =>
      fetch(`${baseUrl()}/fr/login?redirectTo=${encodeURIComponent(to)}`, {
        headers: { Cookie: cookie },
        redirect: "manual",
      });
    expect((await go("/fr/crafts/pottery?page=2")).headers.get("location")).toBe("/fr/crafts/pottery?page=2");
    // URL parsing drops CR and LF: what is left is a harmless path on the site, not a header.
    const injected = await go("/fr/x\r\nSet-Cookie: hijacked=1");
    expect(injected.status).toBe(302);
    expect(injected.headers.get("location")).toBe("/fr/xSet-Cookie:%20hijacked=1");
    expect(injected.headers.getSetCookie().join()).not.toContain("hijacked");
  });
});

describe("sign-in throttling", () => {
  const { free } = LOGIN_LIMITS.accountFromAddress;
  /*
   * On a process of its own whose rate limits count a real second as a millisecond: on a
   * loaded machine a guess (argon2 included) can take longer than the first 1 s wait, which
   * would then run out between two guesses. Waiting is made by moving the events back in time.
   */
  const CLOCK_RATE = 0.001;
  let server: AppProcess;
  beforeAll(async () => {
    server = await startAppProcess({ RATE_LIMIT_CLOCK_RATE: String(CLOCK_RATE) });
  });
  afterAll(async () => {
    await server?.stop();
  });
  const postFrom = (address: string, path: string, form: Record<string, string>) =>
    postFromSuite(address, path, form, {}, server.url);

  /** The wait the server asked for, then that much time made to pass for this account and address. */
  async function waitAsked(res: { status: number; headers: Headers }, email: string, address: string) {
    expect(res.status).toBe(429);
    const seconds = Number(res.headers.get("retry-after"));
    await app.db
      .update(rateLimitEvents)
      .set({ at: sql`${rateLimitEvents.at} - ${seconds / CLOCK_RATE} * interval '1 second'` })
      .where(eq(rateLimitEvents.key, `login:${email}|${address}`));
    return seconds;
  }

  it("slows one account from one address with growing delays, and the owner still signs in from elsewhere", async () => {
    const user = await makeUser(app.db, { prefix: "throttle" });
    const attacker = newVisitorAddress();
    const wrong = () => postFrom(attacker, "/fr/login", { email: user.email, password: "not the password" });
    for (let i = 0; i < free; i++) expect((await wrong()).status).toBe(400);
    // Locked for this address only: the owner, elsewhere, is not.
    expect((await postFrom(attacker, "/fr/login", { email: user.email, password: PASSWORD })).status).toBe(
      429,
    );
    expect(
      (await postFrom(newVisitorAddress(), "/fr/login", { email: user.email, password: PASSWORD })).status,
    ).toBe(302);
    // Each further failure doubles the wait: a delay, not a lock.
    const waits = [await waitAsked(await wrong(), user.email, attacker)];
    for (let i = 0; i < 3; i++) {
      expect((await wrong()).status).toBe(400);
      waits.push(await waitAsked(await wrong(), user.email, attacker));
    }
    expect(waits).toEqual([1, 2, 4, 8]);
    // Once the wait is over, the right password works and the slate is clean.
    expect((await postFrom(attacker, "/fr/login", { email: user.email, password: PASSWORD })).status).toBe(
      302,
    );
    const left = await app.db
      .select()
      .from(rateLimitEvents)
      .where(eq(rateLimitEvents.key, `login:${user.email}|${attacker}`));
    expect(left).toEqual([]);
  });

  it("is not undone by slow guesses: 1.5 s spent hashing still leaves the 6th guess waiting", async () => {
    const user = await makeUser(app.db, { prefix: "slow-guesses" });
    const attacker = newVisitorAddress();
    for (let i = 0; i < free; i++)
      expect(
        (await postFrom(attacker, "/fr/login", { email: user.email, password: "not the password" })).status,
      ).toBe(400);
    // What a loaded machine does between two guesses, without waiting for it.
    await app.db
      .update(rateLimitEvents)
      .set({ at: sql`${rateLimitEvents.at} - interval '1.5 seconds'` })
      .where(eq(rateLimitEvents.key, `login:${user.email}|${attacker}`));
    const sixth = await postFrom(attacker, "/fr/login", { email: user.email, password: PASSWORD });
    expect(sixth.status).toBe(429);
    expect(sixth.headers.get("retry-after")).toBe("1");
  });

  it("counts a burst of parallel guesses in full", async () => {
    const user = await makeUser(app.db, { prefix: "burst" });
    const attacker = newVisitorAddress();
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        postFrom(attacker, "/fr/login", { email: user.email, password: `guess number ${i}` }),
      ),
    );
    // Judged one after the other, however they arrive: exactly `free` passwords were checked.
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([...Array(free).fill(400), ...Array(12 - free).fill(429)]);
  });

  it(`slows one address trying many accounts after ${LOGIN_LIMITS.address.free} failures`, async () => {
    const user = await makeUser(app.db, { prefix: "spray" });
    const sprayer = newVisitorAddress();
    for (let i = 0; i < LOGIN_LIMITS.address.free; i++) {
      expect(
        (await postFrom(sprayer, "/fr/login", { email: uniqueEmail(`spray-${i}`), password: "Summer2026!" }))
          .status,
      ).toBe(400);
    }
    expect((await postFrom(sprayer, "/fr/login", { email: user.email, password: PASSWORD })).status).toBe(
      429,
    );
    expect(
      (await postFrom(newVisitorAddress(), "/fr/login", { email: user.email, password: PASSWORD })).status,
    ).toBe(302);
  });
});

describe("password reset requests", () => {
  it(`sends at most ${RESET_LIMITS.account.max} links an hour to one account, with the same page every time`, async () => {
    const user = await makeUser(app.db, { prefix: "reset-flood" });
    const answers = [];
    for (let i = 0; i < RESET_LIMITS.account.max + 3; i++) {
      answers.push(await postFrom(newVisitorAddress(), "/fr/forgot-password", { email: user.email }));
    }
    for (const a of answers) {
      expect(a.status).toBe(200);
      expect(decodeEntities(a.body)).toContain("Si un compte existe pour cette adresse");
    }
    expect(await resetTokensOf(user.id)).toHaveLength(RESET_LIMITS.account.max);
    const mails = await waitForMails(user.email, RESET_LIMITS.account.max, (m) =>
      m.subject.includes("nouveau mot de passe"),
    );
    expect(mails).toHaveLength(RESET_LIMITS.account.max);
  });

  it(`answers one address's requests beyond ${RESET_LIMITS.address.max} an hour without sending anything`, async () => {
    const address = newVisitorAddress();
    for (let i = 0; i < RESET_LIMITS.address.max; i++) {
      expect((await postFrom(address, "/fr/forgot-password", { email: uniqueEmail("nobody") })).status).toBe(
        200,
      );
    }
    const user = await makeUser(app.db, { prefix: "reset-address" });
    const limited = await postFrom(address, "/fr/forgot-password", { email: user.email });
    expect(limited.status).toBe(200);
    expect(decodeEntities(limited.body)).toContain("Si un compte existe pour cette adresse");
    expect(await resetTokensOf(user.id)).toEqual([]);
  });

  it("voids an older reset link once a newer one has been used", async () => {
    const user = await makeUser(app.db, { prefix: "reset-older" });
    await postFrom(newVisitorAddress(), "/fr/forgot-password", { email: user.email });
    await postFrom(newVisitorAddress(), "/fr/forgot-password", { email: user.email });
    const mails = await waitForMails(user.email, 2, (m) => m.subject.includes("nouveau mot de passe"));
    const [older, newer] = mails.map(resetPath);
    const used = await postFrom(newVisitorAddress(), newer, {
      password: "the newest passphrase",
      confirm: "the newest passphrase",
    });
    expect(used.status).toBe(302);
    expect((await fetch(`${baseUrl()}${older}`)).status).toBe(410);
    const replay = await postFrom(newVisitorAddress(), older, {
      password: "an attacker's passphrase",
      confirm: "an attacker's passphrase",
    });
    expect(replay.status).toBe(410);
    expect(
      (
        await postFrom(newVisitorAddress(), "/fr/login", {
          email: user.email,
          password: "an attacker's passphrase",
        })
      ).status,
    ).toBe(400);
  });
});

describe("registration", () => {
  const form = (email: string, password = PASSWORD) => ({
    name: "Amina Tazi",
    email,
    password,
    confirm: password,
  });
  const notice = (body: string) =>
    decodeEntities(body).match(/<p class="notice" role="status">([^<]*)<\/p>/)?.[1] ?? null;

  it("answers a known address as it answers a new one, and mails the owner instead", async () => {
    const owner = await makeUser(app.db, { prefix: "known" });
    const newcomer = uniqueEmail("newcomer");
    const known = await postFrom(
      newVisitorAddress(),
      "/fr/register",
      form(owner.email, "an attacker's passphrase"),
    );
    const fresh = await postFrom(newVisitorAddress(), "/fr/register", form(newcomer));
    expect(known.status).toBe(200);
    expect(fresh.status).toBe(200);
    expect(notice(known.body)).toContain("Vérifiez votre boîte mail");
    expect(notice(known.body)!.replace(owner.email, "X")).toBe(notice(fresh.body)!.replace(newcomer, "X"));
    // The owner hears of it; their account is untouched.
    const [told] = await waitForMail(owner.email, (m) => m.subject.includes("déjà un compte"));
    expect(told.text).toContain(`${baseUrl()}/fr/forgot-password`);
    expect(
      (
        await postFrom(newVisitorAddress(), "/fr/login", {
          email: owner.email,
          password: "an attacker's passphrase",
        })
      ).status,
    ).toBe(400);
    expect(
      (await postFrom(newVisitorAddress(), "/fr/login", { email: owner.email, password: PASSWORD })).status,
    ).toBe(302);
    // The newcomer gets the link that makes the account.
    await waitForMail(newcomer, (m) => m.subject.includes("confirmez votre adresse"));
  });

  it(`refuses more than ${REGISTRATION_LIMITS.address.max} registrations an hour from one address`, async () => {
    const address = newVisitorAddress();
    for (let i = 0; i < REGISTRATION_LIMITS.address.max; i++) {
      expect((await postFrom(address, "/fr/register", form(uniqueEmail(`many-${i}`)))).status).toBe(200);
    }
    const refused = await postFrom(address, "/ar/register", form(uniqueEmail("one-more")));
    expect(refused.status).toBe(429);
    expect(refused.body).toContain("طلبات تسجيل كثيرة");
    expect((await postFrom(newVisitorAddress(), "/fr/register", form(uniqueEmail("elsewhere")))).status).toBe(
      200,
    );
  });

  it("makes one account from five concurrent registrations of one address, without an error", async () => {
    const email = uniqueEmail("twice");
    const registered = await Promise.all(
      Array.from({ length: 5 }, () => postFrom(newVisitorAddress(), "/fr/register", form(email))),
    );
    expect(registered.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    // At most REGISTRATION_LIMITS.mailbox mails to one mailbox; follow every link at once.
    const mails = await waitForMails(email, REGISTRATION_LIMITS.mailbox.max, (m) =>
      m.subject.includes("confirmez votre adresse"),
    );
    const links = mails.map(
      (m) => new URL(m.text.match(/https?:\/\/\S+\/fr\/register\/[\w-]+/)![0]).pathname,
    );
    const confirmed = await Promise.all(
      links.map((path) =>
        requestFrom(newVisitorAddress(), path, { method: "POST", headers: browserFormHeaders() }),
      ),
    );
    const outcomes = confirmed.map((r) => `${r.status} ${r.headers.get("location")}`).sort();
    expect(outcomes).toEqual(
      ["302 /fr", ...Array(links.length - 1).fill("302 /fr/login?notice=account-exists")].sort(),
    );
    expect(await app.db.select().from(users).where(eq(users.email, email))).toHaveLength(1);
  });
});
