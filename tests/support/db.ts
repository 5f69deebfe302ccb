/**
 * Fresh, migrated databases for integration tests: an in-memory PGlite, or a new
 * database in the test run's PostgreSQL cluster (TEST_DATABASE_URL, set by `npm test`).
 */
import pg from "pg";
import { migrateDatabase, openDatabase, type DatabaseHandle } from "#db/client";

export type Engine = "pglite" | "postgres";

/** Engines to run integration tests on: PGlite always, PostgreSQL when the harness gives one. */
export const engines: Engine[] = process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

export type TestDatabase = DatabaseHandle & { url?: string; destroy: () => Promise<void> };

export async function createTestDatabase(
  engine: Engine,
  options: { poolSize?: number } = {},
): Promise<TestDatabase> {
  if (engine === "pglite") {
    const handle = openDatabase({ memory: true });
    await migrateDatabase(handle);
    return { ...handle, destroy: handle.close };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `t_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = openDatabase({ url: url.toString(), poolSize: options.poolSize });
  await migrateDatabase(handle);
  return {
    ...handle,
    url: url.toString(),
    destroy: async () => {
      await handle.close();
      const cleaner = new pg.Client({ connectionString: adminUrl });
      await cleaner.connect();
      await cleaner.query(`drop database if exists ${name} with (force)`);
      await cleaner.end();
    },
  };
}

/** The database of the server under test (seeded by `npm test`), for fixtures and checks. */
export function openAppDatabase(): DatabaseHandle {
  const url = process.env.APP_DATABASE_URL;
  if (!url) throw new Error("APP_DATABASE_URL is not set: run the suite with `npm test`");
  return openDatabase({ url, poolSize: 3 });
}

/** The PostgreSQL error under Drizzle's wrapper: its SQLSTATE and constraint, to say which rule refused. */
export async function refusal(promise: Promise<unknown>): Promise<{ code: string; constraint?: string }> {
  try {
    await promise;
  } catch (error) {
    let e: unknown = error;
    while (e && typeof e === "object" && !("code" in e && typeof e.code === "string") && "cause" in e)
      e = e.cause;
    if (e && typeof e === "object" && "code" in e) {
      const found = e as { code: string; constraint?: string };
      return { code: found.code, constraint: found.constraint };
    }
    throw error;
  }
  throw new Error("the database accepted it");
}
