/**
 * The mail outbox and its worker on PGlite and PostgreSQL (decision 009): mail exists only
 * when the change that queued it commits; a mail server that is down or never answers costs
 * an attempt, retried later and later, until the server answers or the last attempt is
 * spent; several workers on one PostgreSQL send each message once.
 */
import { inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "#db/client";
import { mailOutbox } from "#db/schema";
import {
  DEFAULT_RETRY_POLICY,
  deliverDueMail,
  MAIL_CHANNEL,
  queueMail,
  type OutgoingMail,
  type RetryPolicy,
} from "~/models/mail-outbox.server";
import { SmtpMailer, type Mailer, type MailMessage } from "~/services/mail.server";
import { startMailWorker } from "~/services/mail-worker.server";
import { logger } from "~/utils/logger.server";
import { createTestDatabase, engines, type TestDatabase } from "../support/db";
import { freePort, startSilentServer, startSmtpServer } from "../support/smtp";
import { eventually } from "../support/wait";

const quiet = logger.child({}, { level: "silent" });
const fast: RetryPolicy = { ...DEFAULT_RETRY_POLICY, firstRetryMs: 200, maxRetryMs: 1000 };
let n = 0;
const mail = (over: Partial<OutgoingMail> = {}): OutgoingMail => ({
  kind: "password_reset",
  to: `outbox-${Date.now().toString(36)}-${n++}@example.ma`,
  subject: "Hirfa — test",
  text: "Bonjour\nun lien : http://localhost/x",
  ...over,
});
const rowsTo = (t: TestDatabase, to: string[]) =>
  t.db.select().from(mailOutbox).where(inArray(mailOutbox.to, to));

/** A mailer that records what it is asked to send, optionally failing or waiting first. */
function recordingMailer(behaviour: (m: MailMessage) => Promise<void> = async () => {}) {
  const sent: MailMessage[] = [];
  const mailer: Mailer = {
    send: async (m) => {
      await behaviour(m);
      sent.push(m);
    },
  };
  return { mailer, sent };
}

describe.each(engines)("mail outbox on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await t?.destroy();
  });
  // Each test starts with an empty outbox: what one leaves pending is not the next one's mail.
  beforeEach(async () => {
    await t.db.delete(mailOutbox);
  });

  it("holds a message only once the transaction that queued it commits, and wakes listeners then", async () => {
    let heard = 0;
    const feed = await t.listen(MAIL_CHANNEL, { onNotify: () => heard++, onLost: () => {} });
    try {
      const dropped = mail();
      await expect(
        t.db.transaction(async (tx) => {
          await queueMail(tx, dropped);
          throw new Error("the change failed");
        }),
      ).rejects.toThrow("the change failed");
      expect(await rowsTo(t, [dropped.to])).toEqual([]);

      const kept = mail({ kind: "invitation", html: "<p>Bonjour</p>" });
      let heardBeforeCommit = -1;
      await t.db.transaction(async (tx) => {
        await queueMail(tx, kept);
        heardBeforeCommit = heard;
      });
      expect(heardBeforeCommit).toBe(0);
      await eventually(
        () => heard,
        (h) => h > 0,
        5000,
        "notification after commit",
      );
      const [row] = await rowsTo(t, [kept.to]);
      expect(row).toMatchObject({
        kind: "invitation",
        status: "pending",
        attempts: 0,
        html: "<p>Bonjour</p>",
        sentAt: null,
        lastError: null,
      });
    } finally {
      await feed.close();
    }
  });

  it("keeps a message whose mail server is down, retries it later and later, and sends it once the server answers", async () => {
    const port = await freePort();
    const mailer = new SmtpMailer(`smtp://127.0.0.1:${port}`, "Hirfa <no-reply@hirfa.ma>");
    const m = mail({
      subject: "Hirfa — réinitialisation",
      text: "Bonjour Salma,\nvotre lien : http://localhost/fr/reset-password/abc",
    });
    await queueMail(t.db, m);

    const first = await deliverDueMail(t.db, mailer, { policy: fast, log: quiet });
    expect(first).toMatchObject({ sent: 0, retrying: 1, failed: 0 });
    const [afterFirst] = await rowsTo(t, [m.to]);
    expect(afterFirst).toMatchObject({ status: "pending", attempts: 1, lockedUntil: null, sentAt: null });
    expect(afterFirst.lastError).toMatch(/ECONNREFUSED/);
    // Not due again before its backoff: a pass right away leaves it alone.
    const waitMs = afterFirst.nextAttemptAt.getTime() - afterFirst.createdAt.getTime();
    expect(waitMs).toBeGreaterThanOrEqual(fast.firstRetryMs - 50);
    expect((await deliverDueMail(t.db, mailer, { policy: fast, log: quiet })).claimed).toBe(0);

    // Down a second time: the wait doubles.
    await eventually(
      () => deliverDueMail(t.db, mailer, { policy: fast, log: quiet }),
      (r) => r.retrying === 1,
      5000,
      "second attempt",
    );
    const [afterSecond] = await rowsTo(t, [m.to]);
    expect(afterSecond.attempts).toBe(2);
    const [{ ms }] = await t.db
      .select({ ms: sql<string>`extract(epoch from (${mailOutbox.nextAttemptAt} - now())) * 1000` })
      .from(mailOutbox)
      .where(inArray(mailOutbox.to, [m.to]));
    expect(Number(ms)).toBeGreaterThan(fast.firstRetryMs * 2 - 150);

    // The server is back: the next due attempt delivers it, once.
    const smtp = await startSmtpServer(port);
    try {
      await eventually(
        () => deliverDueMail(t.db, mailer, { policy: fast, log: quiet }),
        (r) => r.sent === 1,
        5000,
        "delivery",
      );
      const [sent] = await rowsTo(t, [m.to]);
      expect(sent).toMatchObject({ status: "sent", attempts: 3, lockedUntil: null, lastError: null });
      expect(sent.sentAt).toBeInstanceOf(Date);
      expect(smtp.received.map((r) => r.to)).toEqual([[m.to]]);
      expect(smtp.received[0].subject).toBe(m.subject);
      expect(smtp.received[0].text).toContain("votre lien : http://localhost/fr/reset-password/abc");
    } finally {
      await smtp.close();
    }
  });

  it("gives up on a mail server that accepts and never answers as soon as the transport's timeouts run out", async () => {
    const silent = await startSilentServer();
    try {
      const mailer = new SmtpMailer(
        `${silent.url}?connectionTimeout=500&greetingTimeout=500&socketTimeout=1000`,
        "Hirfa <no-reply@hirfa.ma>",
      );
      const m = mail();
      await queueMail(t.db, m);
      const started = Date.now();
      const report = await deliverDueMail(t.db, mailer, { policy: fast, log: quiet });
      expect(Date.now() - started).toBeLessThan(3000);
      expect(report).toMatchObject({ claimed: 1, retrying: 1 });
      expect(silent.connections()).toBe(1);
      const [row] = await rowsTo(t, [m.to]);
      expect(row).toMatchObject({ status: "pending", attempts: 1, lockedUntil: null });
      expect(row.lastError).toMatch(/greeting/i);
    } finally {
      await silent.close();
    }
  });

  it("stops after the last attempt and keeps the message, failed, with its error", async () => {
    const { mailer } = recordingMailer(async () => {
      throw new Error("550 mailbox unavailable");
    });
    const policy: RetryPolicy = { ...fast, maxAttempts: 3, firstRetryMs: 1, maxRetryMs: 1 };
    const m = mail();
    await queueMail(t.db, m);
    const reports = [];
    for (let i = 0; i < 3; i++) {
      reports.push(
        await eventually(
          () => deliverDueMail(t.db, mailer, { policy, log: quiet }),
          (r) => r.claimed > 0,
          5000,
          `attempt ${i + 1}`,
        ),
      );
    }
    expect(reports.map((r) => [r.retrying, r.failed])).toEqual([
      [1, 0],
      [1, 0],
      [0, 1],
    ]);
    const [row] = await rowsTo(t, [m.to]);
    expect(row).toMatchObject({
      status: "failed",
      attempts: 3,
      lastError: "550 mailbox unavailable",
      sentAt: null,
    });
    // Never tried again.
    expect((await deliverDueMail(t.db, mailer, { policy, log: quiet })).claimed).toBe(0);
  });

  it("lets another worker take over a message whose worker went silent past its lease, and ignores the late one", async () => {
    let release!: () => void;
    const stuck = recordingMailer(() => new Promise<void>((resolve) => (release = resolve)));
    const healthy = recordingMailer();
    const policy: RetryPolicy = { ...fast, leaseMs: 300 };
    const m = mail();
    await queueMail(t.db, m);
    const firstPass = deliverDueMail(t.db, stuck.mailer, { policy, log: quiet });
    await eventually(
      () => rowsTo(t, [m.to]),
      ([r]) => r.attempts === 1,
      5000,
      "first claim",
    );
    // Within the lease the message is the first worker's.
    expect((await deliverDueMail(t.db, healthy.mailer, { policy, log: quiet })).claimed).toBe(0);
    await eventually(
      () => deliverDueMail(t.db, healthy.mailer, { policy, log: quiet }),
      (r) => r.sent === 1,
      5000,
      "take-over",
    );
    release();
    await firstPass;
    const [row] = await rowsTo(t, [m.to]);
    expect(row).toMatchObject({ status: "sent", attempts: 2 });
    expect(healthy.sent).toHaveLength(1);
  });

  it("runs as a worker that sends queued mail right after the commit, without waiting for its poll", async () => {
    const { mailer, sent } = recordingMailer();
    const worker = startMailWorker({ database: t, mailer, policy: fast, pollMs: 60_000, log: quiet });
    try {
      // The pass the worker makes when it starts may send the first message…
      const first = mail({ kind: "order_buyer" });
      await t.db.transaction((tx) => queueMail(tx, first));
      await eventually(
        () => sent.filter((s) => s.to === first.to),
        (s) => s.length === 1,
        3000,
        "first sent",
      );
      // …but with nothing left pending, only the commit's notification can send the next
      // one before the minute-long poll.
      const next = mail({ kind: "order_buyer" });
      const queuedAt = Date.now();
      await t.db.transaction((tx) => queueMail(tx, next));
      await eventually(
        () => sent.filter((s) => s.to === next.to),
        (s) => s.length === 1,
        3000,
        "sent by the worker",
      );
      expect(Date.now() - queuedAt).toBeLessThan(2000);
      expect((await rowsTo(t, [next.to]))[0]).toMatchObject({ status: "sent", attempts: 1 });
    } finally {
      await worker.stop();
    }
  });
});

describe.runIf(engines.includes("postgres"))("mail outbox with several workers on one PostgreSQL", () => {
  let handles: TestDatabase[] = [];
  beforeAll(async () => {
    const first = await createTestDatabase("postgres");
    handles = [
      first,
      { ...openDatabase({ url: first.url!, poolSize: 5 }), destroy: async () => {} } as TestDatabase,
    ];
  });
  afterAll(async () => {
    await handles[1]?.close();
    await handles[0]?.destroy();
  });

  it("sends each message once, whichever worker claims it", async () => {
    const messages = Array.from({ length: 40 }, () => mail());
    await handles[0].db.transaction((tx) => queueMail(tx, messages));
    // Each worker's first send waits until all four are sending: four claims held at once.
    const sending = new Set<number>();
    let allSending!: () => void;
    const together = new Promise<void>((resolve) => (allSending = resolve));
    const sent: { worker: number; to: string }[] = [];
    const mailerOf = (worker: number): Mailer => ({
      send: async (m) => {
        sending.add(worker);
        if (sending.size === 4) allSending();
        await Promise.race([together, new Promise((r) => setTimeout(r, 5000))]);
        sent.push({ worker, to: m.to });
      },
    });
    // Four workers over two connection pools, until nothing is left.
    const workers = [0, 1, 0, 1].map(async (pool, worker) => {
      for (;;) {
        const report = await deliverDueMail(handles[pool].db, mailerOf(worker), {
          policy: fast,
          log: quiet,
          limit: 5,
        });
        if (report.claimed === 0) return;
      }
    });
    await Promise.all(workers);
    expect(sending.size).toBe(4);
    expect(new Set(sent.map((s) => s.worker)).size).toBe(4);
    expect(sent.map((s) => s.to).sort()).toEqual(messages.map((m) => m.to).sort());
    const rows = await rowsTo(
      handles[0],
      messages.map((m) => m.to),
    );
    expect(rows.every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
  });
});
