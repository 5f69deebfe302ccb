/**
 * The mail outbox (decision 009). A change that owes someone a mail queues it with
 * `queueMail(tx, …)` inside its own transaction: the mail exists exactly when the change
 * does, and no request ever waits on a mail server. The servers' mail worker
 * (app/services/mail-worker.server.ts) sends what is due with `deliverDueMail`: each message
 * is claimed for a while first (`FOR UPDATE SKIP LOCKED`, then a lease in database time), so
 * however many processes run a worker, one sends it; a failed attempt is retried later and
 * later (exponential backoff), and after the last one the message stays here, `failed`, with
 * its error.
 */
import { and, asc, eq, isNull, lte, or, sql } from "drizzle-orm";
import type { Database, Executor } from "#db/client";
import { mailOutbox } from "#db/schema";
import type { Mailer, MailMessage } from "~/services/mail.server";
import { logger, type Logger } from "~/utils/logger.server";

/** Notified in the transaction that queues mail: PostgreSQL delivers it when that commits. */
export const MAIL_CHANNEL = "mail_outbox";

export type MailKind =
  | "password_reset"
  | "invitation"
  | "registration"
  | "listing_decision"
  | "order_buyer"
  | "order_shop"
  | "order_update"
  | "late_payment_refund"
  | "review_decision"
  | "find_order";

export type OutgoingMail = MailMessage & { kind: MailKind };

/** Queues mail in `db`'s transaction (pass the transaction): nothing is sent before it commits. */
export async function queueMail(db: Executor, mail: OutgoingMail | OutgoingMail[]): Promise<void> {
  const messages = Array.isArray(mail) ? mail : [mail];
  if (messages.length === 0) return;
  await db.insert(mailOutbox).values(
    messages.map((m) => ({
      kind: m.kind,
      to: m.to,
      subject: m.subject,
      text: m.text,
      html: m.html ?? null,
    })),
  );
  // Wakes every server's worker once this commits (never if it rolls back).
  await db.execute(sql`select pg_notify(${MAIL_CHANNEL}, '')`);
}

export type RetryPolicy = {
  /** Attempts before a message is given up on (kept as `failed`). */
  maxAttempts: number;
  /** Wait after the first failed attempt; it doubles at each failure… */
  firstRetryMs: number;
  /** …up to this. */
  maxRetryMs: number;
  /** How long a claimed message is left to its worker before another may take it over. */
  leaseMs: number;
};

/**
 * 30 s, 1, 2, 4, 8, 16, 32 min, then every hour: ten attempts over about three hours. The lease
 * is far longer than one send can take with the transport's timeouts (SMTP_TIMEOUTS).
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 10,
  firstRetryMs: 30_000,
  maxRetryMs: 3_600_000,
  leaseMs: 5 * 60_000,
};

/** The wait before the attempt after attempt number `attempts` failed. */
export function retryDelayMs(policy: RetryPolicy, attempts: number): number {
  return Math.min(policy.firstRetryMs * 2 ** Math.max(0, attempts - 1), policy.maxRetryMs);
}

const milliseconds = (ms: number) => sql`make_interval(secs => ${Math.max(0, Math.round(ms)) / 1000})`;
const isDue = and(
  eq(mailOutbox.status, "pending"),
  lte(mailOutbox.nextAttemptAt, sql`now()`),
  or(isNull(mailOutbox.lockedUntil), lte(mailOutbox.lockedUntil, sql`now()`)),
);

export type DeliveryReport = { claimed: number; sent: number; retrying: number; failed: number };

/**
 * Sends up to `limit` due messages through `mailer`, at the same time: claims them (one
 * statement; rows another worker is claiming are skipped, not waited for), sends each, and
 * writes each outcome only under its own claim (its attempt number), so a worker whose lease
 * lapsed never overwrites the one that took over.
 */
export async function deliverDueMail(
  db: Database,
  mailer: Mailer,
  options: { policy?: RetryPolicy; limit?: number; log?: Logger } = {},
): Promise<DeliveryReport> {
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const log = options.log ?? logger;
  const due = db
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(isDue)
    .orderBy(asc(mailOutbox.nextAttemptAt), asc(mailOutbox.id))
    .limit(options.limit ?? 10)
    .for("update", { skipLocked: true });
  const claimed = await db
    .update(mailOutbox)
    .set({
      attempts: sql`${mailOutbox.attempts} + 1`,
      lockedUntil: sql`now() + ${milliseconds(policy.leaseMs)}`,
    })
    // `= any(array(…))`: the subquery runs once, as a whole. Under `in (…)` PostgreSQL may
    // run it again for each row and claim past its limit.
    .where(and(sql`${mailOutbox.id} = any(array(${due}))`, isDue))
    .returning();
  const report: DeliveryReport = { claimed: claimed.length, sent: 0, retrying: 0, failed: 0 };
  await Promise.all(
    claimed.map(async (mail) => {
      const underMyClaim = and(
        eq(mailOutbox.id, mail.id),
        eq(mailOutbox.status, "pending"),
        eq(mailOutbox.attempts, mail.attempts),
      );
      try {
        await mailer.send({ to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
      } catch (error) {
        const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
        const giveUp = mail.attempts >= policy.maxAttempts;
        await db
          .update(mailOutbox)
          .set(
            giveUp
              ? { status: "failed", lockedUntil: null, lastError: message }
              : {
                  lockedUntil: null,
                  lastError: message,
                  nextAttemptAt: sql`now() + ${milliseconds(retryDelayMs(policy, mail.attempts))}`,
                },
          )
          .where(underMyClaim);
        const fields = { mailId: mail.id, kind: mail.kind, attempts: mail.attempts, error: message };
        if (giveUp) {
          report.failed++;
          log.error(fields, "mail given up after its last attempt (kept in mail_outbox)");
        } else {
          report.retrying++;
          log.warn(fields, "mail not sent yet: will retry");
        }
        return;
      }
      await db
        .update(mailOutbox)
        .set({ status: "sent", sentAt: sql`now()`, lockedUntil: null, lastError: null })
        .where(underMyClaim);
      report.sent++;
    }),
  );
  return report;
}

/** Milliseconds until the next pending message may be tried (0: now), or null when none waits. */
export async function nextMailDueInMs(db: Executor): Promise<number | null> {
  const [row] = await db
    .select({
      ms: sql<
        string | null
      >`extract(epoch from (min(greatest(${mailOutbox.nextAttemptAt}, coalesce(${mailOutbox.lockedUntil}, ${mailOutbox.nextAttemptAt}))) - now())) * 1000`,
    })
    .from(mailOutbox)
    .where(eq(mailOutbox.status, "pending"));
  if (row?.ms === null || row?.ms === undefined) return null;
  return Math.max(0, Number(row.ms));
}
