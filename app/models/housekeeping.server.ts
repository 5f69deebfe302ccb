/**
 * What the database no longer needs, deleted on a schedule (the server, once per period
 * across processes: entry.server's startHousekeeping) or by `npm run housekeeping`:
 * expired sessions; used or expired one-time tokens; rate-limit events older than the longest
 * window; carts nobody touched for CART_IDLE_DAYS (their lines go with them); sent mail kept
 * SENT_MAIL_KEEP_DAYS (failed mail stays for staff to see). Nothing else.
 */
import { and, eq, isNotNull, lt, or, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { carts, mailOutbox, rateLimitEvents, sessions, userTokens } from "#db/schema";
import { RATE_LIMIT_KEEP_MS } from "./rate-limits.server";

export const CART_IDLE_DAYS = 30;
export const SENT_MAIL_KEEP_DAYS = 30;

export type HousekeepingReport = {
  sessions: number;
  tokens: number;
  rateLimitEvents: number;
  carts: number;
  sentMails: number;
};

const daysAgo = (days: number) => sql`now() - ${days}::integer * interval '1 day'`;

export async function housekeep(db: Executor): Promise<HousekeepingReport> {
  const deleted = async (rows: Promise<unknown[]>) => (await rows).length;
  return {
    sessions: await deleted(
      db
        .delete(sessions)
        .where(lt(sessions.expiresAt, sql`now()`))
        .returning({ id: sessions.id }),
    ),
    tokens: await deleted(
      db
        .delete(userTokens)
        .where(or(lt(userTokens.expiresAt, sql`now()`), isNotNull(userTokens.usedAt)))
        .returning({ id: userTokens.id }),
    ),
    rateLimitEvents: await deleted(
      db
        .delete(rateLimitEvents)
        .where(lt(rateLimitEvents.at, sql`now() - ${RATE_LIMIT_KEEP_MS}::integer * interval '1 millisecond'`))
        .returning({ id: rateLimitEvents.id }),
    ),
    carts: await deleted(
      db
        .delete(carts)
        .where(lt(carts.updatedAt, daysAgo(CART_IDLE_DAYS)))
        .returning({ id: carts.id }),
    ),
    sentMails: await deleted(
      db
        .delete(mailOutbox)
        .where(and(eq(mailOutbox.status, "sent"), lt(mailOutbox.sentAt, daysAgo(SENT_MAIL_KEEP_DAYS))))
        .returning({ id: mailOutbox.id }),
    ),
  };
}
