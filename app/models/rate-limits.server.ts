/**
 * Rate limits every app process shares (decision 010). Each limited action is a row in
 * `rate_limit_events` under a key (`login:<email>|<address>`, `reset:<email>` …). Deciding and
 * recording happen in one transaction holding an advisory lock per key, so that concurrent
 * requests (from any process) are judged one after the other and a burst counts in full.
 * Times are the database's clock, the same for every process (slowed in tests by
 * RATE_LIMIT_CLOCK_RATE: elapsed times are multiplied by it).
 */
import { and, count, eq, inArray, lt, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { rateLimitEvents } from "#db/schema";
import { env } from "~/utils/env.server";

/** At most `max` events per sliding `windowMs`. */
export type WindowLimit = { kind: "window"; max: number; windowMs: number };
/**
 * `free` events per `windowMs`; after that, each event only once `baseMs · 2^k` has passed
 * since the previous one (k = events beyond `free`), at most `capMs`: a growing delay, not a lock.
 */
export type BackoffLimit = { kind: "backoff"; free: number; baseMs: number; capMs: number; windowMs: number };
export type Limit = WindowLimit | BackoffLimit;

/** On success, the ids of the recorded events, in the order of the checks. */
export type Slot = { ok: true; eventIds: number[] } | { ok: false; retryAfterMs: number };

/** Events older than this are of no limit's concern (the longest window). */
export const RATE_LIMIT_KEEP_MS = 24 * 3600 * 1000;

/** The delay a backoff limit asks for after `events` events in its window. */
export function backoffDelayMs(limit: BackoffLimit, events: number): number {
  if (events < limit.free) return 0;
  return Math.min(limit.capMs, limit.baseMs * 2 ** Math.min(events - limit.free, 30));
}

/**
 * Checks every limit and, when all allow it, records one event under each key (keys
 * distinct); otherwise records nothing and says how long to wait.
 */
export async function takeSlot(db: Executor, checks: { key: string; limit: Limit }[]): Promise<Slot> {
  const slot = await db.transaction(async (tx): Promise<Slot> => {
    // Always in the same order, so that two requests never wait for each other's second lock.
    for (const key of checks.map((c) => c.key).sort()) {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
    }
    let retryAfterMs = 0;
    for (const check of checks)
      retryAfterMs = Math.max(retryAfterMs, await waitNeeded(tx, check.key, check.limit));
    if (retryAfterMs > 0) return { ok: false, retryAfterMs };
    const inserted = await tx
      .insert(rateLimitEvents)
      .values(checks.map((c) => ({ key: c.key, at: sql`clock_timestamp()` })))
      .returning({ id: rateLimitEvents.id, key: rateLimitEvents.key });
    return { ok: true, eventIds: checks.map((c) => inserted.find((e) => e.key === c.key)!.id) };
  });
  // Now and then, forget what no window looks at any more (any process may do it).
  if (slot.ok && Math.random() < 0.01) {
    await db
      .delete(rateLimitEvents)
      .where(
        lt(rateLimitEvents.at, sql`now() - (${RATE_LIMIT_KEEP_MS})::integer * interval '1 millisecond'`),
      );
  }
  return slot;
}

/** How long an event under `key` must wait now under `limit` (0: it may go). */
async function waitNeeded(db: Executor, key: string, limit: Limit): Promise<number> {
  const e = rateLimitEvents;
  const rate = env().RATE_LIMIT_CLOCK_RATE;
  const [seen] = await db
    .select({
      n: count(),
      sinceLastMs:
        sql<number>`coalesce(extract(epoch from clock_timestamp() - max(${e.at})) * 1000 * ${rate}, 0)`.mapWith(
          Number,
        ),
      sinceFirstMs:
        sql<number>`coalesce(extract(epoch from clock_timestamp() - min(${e.at})) * 1000 * ${rate}, 0)`.mapWith(
          Number,
        ),
    })
    .from(e)
    .where(
      and(
        eq(e.key, key),
        sql`${e.at} > clock_timestamp() - (${limit.windowMs / rate})::double precision * interval '1 millisecond'`,
      ),
    );
  if (limit.kind === "window") {
    return seen.n + 1 > limit.max ? Math.max(1, Math.ceil(limit.windowMs - seen.sinceFirstMs)) : 0;
  }
  const delay = backoffDelayMs(limit, seen.n);
  return delay > 0 && seen.sinceLastMs < delay ? Math.ceil(delay - seen.sinceLastMs) : 0;
}

/** Takes events back (a sign-in that succeeded does not count against its address). */
export async function releaseSlot(db: Executor, eventIds: number[]) {
  if (eventIds.length > 0) await db.delete(rateLimitEvents).where(inArray(rateLimitEvents.id, eventIds));
}

/** Forgets every event under `key` (the owner signed in from this address). */
export async function clearKey(db: Executor, key: string) {
  await db.delete(rateLimitEvents).where(eq(rateLimitEvents.key, key));
}

/**
 * The part of a client address that one party controls: an IPv4 address, or the /64 of an
 * IPv6 address (one subscriber's whole block, which they may rotate through freely).
 */
export function addressKey(address: string): string {
  const mapped = address.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i);
  if (mapped) return mapped[1];
  if (!address.includes(":")) return address;
  const [head, tail = ""] = address.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::")
    ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
