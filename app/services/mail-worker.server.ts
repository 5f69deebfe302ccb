/**
 * The mail worker each server process runs (decision 009): it sends the outbox's due mail
 * when woken by a commit that queued some (NOTIFY, from any process), when a retry falls due,
 * and at least every `pollMs` (a notification missed while the feed was down). Processes
 * never send the same message twice at once: the outbox hands each to one claimant.
 */
import type { ChangeFeed, DatabaseHandle } from "#db/client";
import { deliverDueMail, MAIL_CHANNEL, nextMailDueInMs, type RetryPolicy } from "~/models/mail-outbox.server";
import type { Mailer } from "~/services/mail.server";
import type { Logger } from "~/utils/logger.server";

export type MailWorker = {
  /** Look for due mail now (after a pass under way, if any). */
  wake: () => void;
  /** No new pass; waits up to `graceMs` for the one under way (its mail is retried after the lease otherwise). */
  stop: (graceMs?: number) => Promise<void>;
};

export function startMailWorker(options: {
  database: Pick<DatabaseHandle, "db" | "listen">;
  mailer: Mailer;
  policy: RetryPolicy;
  pollMs: number;
  log: Logger;
}): MailWorker {
  const { database, mailer, policy, pollMs, log } = options;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let again = false;
  let feed: ChangeFeed | null = null;
  let listening: Promise<void> | null = null;

  const schedule = (ms: number) => {
    clearTimeout(timer);
    if (stopped) return;
    timer = setTimeout(run, Math.min(pollMs, Math.max(20, ms)));
    timer.unref();
  };

  const listen = () => {
    if (feed || listening || stopped) return;
    listening = database
      .listen(MAIL_CHANNEL, {
        onNotify: () => run(),
        onLost: (error) => {
          feed = null;
          log.warn({ err: error }, "mail worker: notification feed lost; polling until it is back");
        },
      })
      .then(
        async (opened) => {
          if (stopped) return opened.close();
          feed = opened;
          // Mail committed before the feed was up went unheard: look once more.
          run();
        },
        (error: unknown) => log.warn({ err: error }, "mail worker: cannot listen for new mail; polling"),
      )
      .finally(() => {
        listening = null;
      });
  };

  const pass = async () => {
    do {
      again = false;
      const report = await deliverDueMail(database.db, mailer, { policy, log });
      // A full batch: there may be more waiting.
      if (report.claimed >= 10) again = true;
    } while (again && !stopped);
    const dueIn = await nextMailDueInMs(database.db);
    schedule(dueIn ?? pollMs);
  };

  function run() {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    listen();
    running = pass()
      .catch((error: unknown) => {
        log.error({ err: error }, "mail worker: pass failed");
        schedule(pollMs);
      })
      .finally(() => {
        running = null;
        if (again && !stopped) run();
      });
  }

  run();
  return {
    wake: run,
    stop: async (graceMs = 2000) => {
      stopped = true;
      clearTimeout(timer);
      await listening;
      await feed?.close();
      feed = null;
      if (running)
        await Promise.race([running, new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
    },
  };
}
