/**
 * The account limits' models on PGlite and on PostgreSQL (decision 010): limits counted in
 * the database, a burst of concurrent attempts judged one after the other, growing delays,
 * one account from concurrent registration links, and reset links voided by a newer one.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rateLimitEvents, users } from "#db/schema";
import { addressKey, backoffDelayMs, takeSlot, type BackoffLimit } from "~/models/rate-limits.server";
import {
  confirmRegistration,
  createPasswordReset,
  createUser,
  findUsableToken,
  requestRegistration,
  resetPassword,
  verifyLogin,
  LOGIN_LIMITS,
} from "~/models/users.server";
import { createTestDatabase, engines, type TestDatabase } from "../support/db";
import { PASSWORD, uniqueEmail } from "../support/fixtures";

describe("addresses", () => {
  it("counts an IPv4 address as itself and an IPv6 address by its /64", () => {
    expect(addressKey("203.0.113.7")).toBe("203.0.113.7");
    expect(addressKey("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(addressKey("2001:db8:85a3:1:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:85a3:1::/64");
    expect(addressKey("2001:db8:85a3:1::dddd")).toBe("2001:db8:85a3:1::/64");
    expect(addressKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
  });

  it("doubles the delay past the free attempts, up to the cap", () => {
    const limit: BackoffLimit = { kind: "backoff", free: 3, baseMs: 1000, capMs: 10_000, windowMs: 60_000 };
    expect([0, 2, 3, 4, 5, 6, 7, 100].map((n) => backoffDelayMs(limit, n))).toEqual([
      0, 0, 1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
  });
});

for (const engine of engines) {
  describe(`account limits on ${engine}`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await createTestDatabase(engine, { poolSize: 20 });
    });
    afterAll(async () => {
      await t?.destroy();
    });

    it("lets exactly `max` of a burst through a window limit, and records nothing for the rest", async () => {
      const limit = { kind: "window", max: 3, windowMs: 3_600_000 } as const;
      const slots = await Promise.all(
        Array.from({ length: 10 }, () => takeSlot(t.db, [{ key: "burst", limit }])),
      );
      expect(slots.filter((s) => s.ok)).toHaveLength(3);
      for (const s of slots.filter((s) => !s.ok))
        expect(s.ok ? 0 : s.retryAfterMs).toBeGreaterThan(3_500_000);
      const [{ n }] = await t.db
        .select({ n: sql<number>`count(*)::int` })
        .from(rateLimitEvents)
        .where(eq(rateLimitEvents.key, "burst"));
      expect(n).toBe(3);
    });

    it("refuses all keys together when one of them is over its limit", async () => {
      const one = { kind: "window", max: 1, windowMs: 3_600_000 } as const;
      expect((await takeSlot(t.db, [{ key: "full", limit: one }])).ok).toBe(true);
      expect(
        (
          await takeSlot(t.db, [
            { key: "free", limit: one },
            { key: "full", limit: one },
          ])
        ).ok,
      ).toBe(false);
      expect((await takeSlot(t.db, [{ key: "free", limit: one }])).ok).toBe(true);
    });

    it("throttles sign-in per account and address: others still get in, and success clears the slate", async () => {
      const user = await createUser(t.db, {
        email: uniqueEmail("limits"),
        name: "Limits",
        password: PASSWORD,
      });
      const { free } = LOGIN_LIMITS.accountFromAddress;
      for (let i = 0; i < free; i++) {
        expect(
          await verifyLogin(t.db, { email: user.email, password: "wrong password", address: "198.51.100.1" }),
        ).toEqual({ ok: false, error: "invalid" });
      }
      const limited = await verifyLogin(t.db, {
        email: user.email,
        password: PASSWORD,
        address: "198.51.100.1",
      });
      expect(limited).toMatchObject({ ok: false, error: "rate_limited" });
      expect(limited.ok ? 0 : "retryAfterMs" in limited ? limited.retryAfterMs : 0).toBeGreaterThan(0);
      expect(
        await verifyLogin(t.db, { email: user.email, password: PASSWORD, address: "198.51.100.2" }),
      ).toEqual({ ok: true, userId: user.id });
      // After the wait, the owner signs in from the first address too, and its count is gone.
      await t.db.update(rateLimitEvents).set({ at: sql`${rateLimitEvents.at} - interval '1 minute'` });
      expect(
        await verifyLogin(t.db, { email: user.email, password: PASSWORD, address: "198.51.100.1" }),
      ).toEqual({ ok: true, userId: user.id });
      expect(
        await t.db
          .select()
          .from(rateLimitEvents)
          .where(eq(rateLimitEvents.key, `login:${user.email}|198.51.100.1`)),
      ).toEqual([]);
    });

    it("makes one account from concurrent registration links of one address, the others told it exists", async () => {
      const email = uniqueEmail("concurrent");
      const requests = [];
      for (let i = 0; i < 3; i++)
        requests.push(await requestRegistration(t.db, { name: `Try ${i}`, email, password: PASSWORD }));
      const tokens = requests.map((r) => (r.kind === "confirm" ? r.token : ""));
      expect(tokens.every(Boolean)).toBe(true);
      const results = await Promise.all(
        tokens.map((token) => confirmRegistration(t.db, { token, locale: "fr" })),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok && r.error === "exists")).toHaveLength(2);
      expect(await t.db.select().from(users).where(eq(users.email, email))).toHaveLength(1);
      // Three mails an hour to one mailbox: a fourth request sends nothing.
      expect((await requestRegistration(t.db, { name: "Again", email, password: PASSWORD })).kind).toBe(
        "quiet",
      );
    });

    it("tells the owner instead when the address has an account", async () => {
      const user = await createUser(t.db, { email: uniqueEmail("owner"), name: "Owner", password: PASSWORD });
      expect(
        await requestRegistration(t.db, {
          name: "Intruder",
          email: user.email.toUpperCase(),
          password: "another passphrase",
        }),
      ).toMatchObject({ kind: "exists" });
    });

    it("voids every older reset link once one is used", async () => {
      const user = await createUser(t.db, { email: uniqueEmail("older"), name: "Older", password: PASSWORD });
      const first = await createPasswordReset(t.db, user.email);
      const second = await createPasswordReset(t.db, user.email);
      expect(await resetPassword(t.db, second!.token, "a newer passphrase")).toEqual({
        ok: true,
        userId: user.id,
      });
      expect(await findUsableToken(t.db, first!.token, "password_reset")).toBeNull();
      expect(await resetPassword(t.db, first!.token, "an older passphrase")).toEqual({
        ok: false,
        error: "invalid_link",
      });
    });
  });
}
