/**
 * Scheduled jobs across app processes: every process runs the same timers, and the first to
 * claim a job in a period runs it; the others skip (issue 16). The claim is one statement,
 * so two processes can never both win it, on PostgreSQL as on PGlite.
 */
import { sql } from "drizzle-orm";
import type { Executor } from "../../db/client";

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
  const result = await db.execute<{ runs: number }>(sql`select runs from scheduled_jobs where name = ${name}`);
  return result.rows[0]?.runs ?? 0;
}
