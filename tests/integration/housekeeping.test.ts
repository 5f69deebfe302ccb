/**
 * Housekeeping deletes what it should and nothing else, on PGlite and PostgreSQL; the
 * `npm run housekeeping` command does the same on the database it is pointed at.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCooperative, createCraft, createProduct } from "#db/factories";
import { cartItems, carts, mailOutbox, rateLimitEvents, sessions, userTokens } from "#db/schema";
import { housekeep } from "~/models/housekeeping.server";
import { createTestDatabase, engines, type TestDatabase } from "../support/db";
import { makeUser } from "../support/fixtures";

const run = promisify(execFile);
const DAY = 86_400_000;
const ago = (ms: number) => new Date(Date.now() - ms);
const ahead = (ms: number) => new Date(Date.now() + ms);

/** One row of each kind that must go, and one beside it that must stay. */
async function fill(t: TestDatabase, tag: string) {
  const user = await makeUser(t.db, { prefix: `housekeeping-${tag}` });
  const coop = await createCooperative(t.db);
  const product = await createProduct(t.db, {
    cooperativeId: coop.id,
    craftId: (await createCraft(t.db)).id,
  });
  await t.db.insert(sessions).values([
    { id: `${tag}-expired`, userId: user.id, expiresAt: ago(1000) },
    { id: `${tag}-live`, userId: user.id, expiresAt: ahead(DAY) },
  ]);
  const token = (name: string, values: { expiresAt: Date; usedAt?: Date }) => ({
    tokenHash: `${tag}-${name}`,
    purpose: "password_reset" as const,
    email: user.email,
    userId: user.id,
    ...values,
  });
  await t.db
    .insert(userTokens)
    .values([
      token("expired", { expiresAt: ago(1000) }),
      token("used", { expiresAt: ahead(DAY), usedAt: ago(1000) }),
      token("live", { expiresAt: ahead(DAY) }),
    ]);
  await t.db.insert(rateLimitEvents).values([
    { key: `${tag}:old`, at: ago(DAY + 60_000) },
    { key: `${tag}:recent`, at: ago(DAY - 60_000) },
  ]);
  await t.db.insert(carts).values([
    { id: `${tag}-idle`, updatedAt: ago(31 * DAY) },
    { id: `${tag}-recent`, updatedAt: ago(29 * DAY) },
  ]);
  await t.db.insert(cartItems).values([
    { cartId: `${tag}-idle`, productId: product.id, quantity: 1 },
    { cartId: `${tag}-recent`, productId: product.id, quantity: 1 },
  ]);
  const mail = (subject: string, values: Partial<typeof mailOutbox.$inferInsert>) => ({
    kind: "test",
    to: user.email,
    subject,
    text: "…",
    ...values,
  });
  await t.db.insert(mailOutbox).values([
    mail(`${tag}-sent-old`, { status: "sent", sentAt: ago(31 * DAY) }),
    mail(`${tag}-sent-recent`, { status: "sent", sentAt: ago(DAY) }),
    mail(`${tag}-failed-old`, {
      status: "failed",
      attempts: 10,
      lastError: "550",
      createdAt: ago(60 * DAY),
    }),
    mail(`${tag}-pending`, {}),
  ]);
}

async function remaining(t: TestDatabase, tag: string) {
  const like = (rows: { name: string }[]) =>
    rows
      .map((r) => r.name)
      .filter((n) => n.startsWith(tag))
      .sort();
  return {
    sessions: like(await t.db.select({ name: sessions.id }).from(sessions)),
    tokens: like(await t.db.select({ name: userTokens.tokenHash }).from(userTokens)),
    rateLimitEvents: like(await t.db.select({ name: rateLimitEvents.key }).from(rateLimitEvents)),
    carts: like(await t.db.select({ name: carts.id }).from(carts)),
    cartLines: (
      await t.db
        .select({ cartId: cartItems.cartId })
        .from(cartItems)
        .where(inArray(cartItems.cartId, [`${tag}-idle`, `${tag}-recent`]))
    ).map((r) => r.cartId),
    mails: like(await t.db.select({ name: mailOutbox.subject }).from(mailOutbox)),
  };
}

const kept = (tag: string) => ({
  sessions: [`${tag}-live`],
  tokens: [`${tag}-live`],
  rateLimitEvents: [`${tag}:recent`],
  carts: [`${tag}-recent`],
  cartLines: [`${tag}-recent`],
  mails: [`${tag}-failed-old`, `${tag}-pending`, `${tag}-sent-recent`],
});

describe.each(engines)("housekeeping on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it("deletes expired sessions, used and expired tokens, old rate-limit events, idle carts and old sent mail, and nothing else", async () => {
    await fill(t, "a");
    const report = await housekeep(t.db);
    expect(report).toEqual({ sessions: 1, tokens: 2, rateLimitEvents: 1, carts: 1, sentMails: 1 });
    expect(await remaining(t, "a")).toEqual(kept("a"));
    // Again: nothing more to do.
    expect(await housekeep(t.db)).toEqual({
      sessions: 0,
      tokens: 0,
      rateLimitEvents: 0,
      carts: 0,
      sentMails: 0,
    });
  });

  if (engine === "postgres") {
    it("does the same from the command line (npm run housekeeping)", async () => {
      await fill(t, "b");
      const { stdout } = await run(
        process.execPath,
        [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/housekeeping.ts"],
        {
          env: { ...process.env, DATABASE_URL: t.url },
        },
      );
      expect(stdout).toContain(
        "deleted 1 session(s), 2 token(s), 1 rate-limit event(s), 1 idle cart(s), 1 sent mail(s)",
      );
      expect(await remaining(t, "b")).toEqual(kept("b"));
    });
  }
});
