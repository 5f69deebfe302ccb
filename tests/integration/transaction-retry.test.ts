/**
 * transactionWithRetry (db/client.ts): a transaction PostgreSQL rolls back as a deadlock
 * victim runs again and commits; other errors are not retried; retries are bounded.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqlStateOf, transactionWithRetry } from "#db/client";
import { createTestDatabase, engines, type Engine, type TestDatabase } from "../support/db";

async function probeDatabase(engine: Engine) {
  const t = await createTestDatabase(engine, { poolSize: 4 });
  await t.db.execute(sql`create table retry_probe (id int primary key, n int not null check (n < 100))`);
  await t.db.execute(sql`insert into retry_probe values (1, 0), (2, 0)`);
  return t;
}

// A deadlock needs two connections: PostgreSQL only (PGlite is one connection).
describe("transactionWithRetry on PostgreSQL", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await probeDatabase("postgres");
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it("runs the deadlock victim again: both transactions commit, each once", async () => {
    // Two transactions take the same two rows in opposite orders, each waiting until the
    // other holds its first row: PostgreSQL must break the cycle by rolling one back.
    let attempts = 0;
    let firstLocks = 0;
    let release!: () => void;
    const bothHoldOne = new Promise<void>((resolve) => (release = resolve));
    const crossing = (first: number, second: number) =>
      transactionWithRetry(t.db, async (tx) => {
        attempts++;
        await tx.execute(sql`update retry_probe set n = n + 1 where id = ${first}`);
        if (++firstLocks === 2) release();
        await bothHoldOne;
        await tx.execute(sql`update retry_probe set n = n + 1 where id = ${second}`);
        return first;
      });
    const results = await Promise.all([crossing(1, 2), crossing(2, 1)]);
    expect(results).toEqual([1, 2]);
    expect(attempts).toBe(3);
    const rows = await t.db.execute<{ id: number; n: number }>(
      sql`select id, n from retry_probe order by id`,
    );
    expect(rows.rows).toEqual([
      { id: 1, n: 2 },
      { id: 2, n: 2 },
    ]);
  });
});

describe.each(engines)("transactionWithRetry on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await probeDatabase(engine);
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it("does not retry other errors, and gives up after a bounded number of attempts", async () => {
    let attempts = 0;
    const refused = await transactionWithRetry(t.db, async (tx) => {
      attempts++;
      await tx.execute(sql`update retry_probe set n = 1000 where id = 1`);
    }).catch((error: unknown) => error);
    // The check constraint's own error (check_violation), thrown after a single attempt.
    expect(sqlStateOf(refused)).toBe("23514");
    expect(attempts).toBe(1);

    attempts = 0;
    const deadlock = Object.assign(new Error("deadlock detected"), { code: "40P01" });
    await expect(
      transactionWithRetry(
        t.db,
        async () => {
          attempts++;
          throw new Error("Failed query", { cause: deadlock });
        },
        { attempts: 3 },
      ),
    ).rejects.toThrow("Failed query");
    expect(attempts).toBe(3);
  });
});
