/**
 * Scheduled jobs across app processes: every process runs the same timers, and the first to
 * claim a job in a period runs it; the others skip (issue 16). The claim is one statement,
 * so two processes can never both win it, on PostgreSQL as on PGlite.
 */
import { sql } from "drizzle-orm";
import type { Database, Executor } from "#db/client";
import { logger } from "~/utils/logger.server";

/** Claims may come this much early: timers in different processes drift a little. */
const SLACK = 0.9;

/**
 * True when this process may run `name` now: nobody started it in the last `periodMs`
 * (less a little slack). Counts the runs, for the chamber's and the tests' eyes.
 */
export async function claimJobRun(db: Executor, name: string, periodMs: number): Promise<boolean> {
  const seconds = (periodMs * SLACK) / 1000;
  const result = await db.execute<{ name: string }>(sql`
    insert into scheduled_jobs (name, last_started_at, runs) values (${name}, now(), 1)
    on conflict (name) do update set last_started_at = now(), runs = scheduled_jobs.runs + 1
      where scheduled_jobs.last_started_at <= now() - make_interval(secs => ${seconds})
    returning name`);
  return result.rows.length === 1;
}

export async function jobRuns(db: Executor, name: string): Promise<number> {
  const result = await db.execute<{ runs: number }>(
    sql`select runs from scheduled_jobs where name = ${name}`,
  );
  return result.rows[0]?.runs ?? 0;
}

/**
 * Runs `job` soon after start (`firstAfterMs`, or the period if shorter), then every
 * `periodMs`, in this process — but only when this process wins the period's claim, so that
 * N processes run it once per period, not N times. Never two runs at once in one process.
 */
export function scheduleJob(
  db: Database,
  name: string,
  periodMs: number,
  job: () => Promise<unknown>,
  firstAfterMs = 10_000,
) {
  if (periodMs <= 0) return { stop: () => {} };
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    claimJobRun(db, name, periodMs)
      .then((claimed) => (claimed ? job() : null))
      .catch((error: unknown) => logger.error({ err: error, job: name }, "scheduled job failed"))
      .finally(() => {
        running = false;
      });
  };
  const first = setTimeout(tick, Math.min(firstAfterMs, periodMs));
  const timer = setInterval(tick, periodMs);
  // Unref'd: a pending timer never keeps the process alive on shutdown.
  first.unref();
  timer.unref();
  return {
    stop: () => {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
