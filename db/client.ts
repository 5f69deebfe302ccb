/**
 * One database handle for the app, the scripts and the tests.
 *
 * With DATABASE_URL it is PostgreSQL (through `pg`); otherwise an embedded PGlite
 * database under DATA_DIR. Both speak the same dialect and run the same migrations.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import * as schema from "./schema";

export type Database = NodePgDatabase<typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** Either the database or a transaction inside it: models accept both. */
export type Executor = Database | Transaction;

export type DatabaseHandle = {
  db: Database;
  engine: "pglite" | "postgres";
  close: () => Promise<void>;
};

export type DatabaseOptions =
  | { url: string; poolSize?: number }
  | { dataDir: string }
  | { memory: true };

export const migrationsFolder = path.resolve(process.cwd(), "db/migrations");

export function openDatabase(options: DatabaseOptions): DatabaseHandle {
  if ("url" in options) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    // An idle connection dropped by the server (restart, failover) must not crash the process:
    // the pool discards it and opens a new one on the next query.
    pool.on("error", (error) => console.warn(`[db] idle connection lost: ${error.message}`));
    const db = drizzlePg(pool, { schema, casing: "snake_case" });
    return { db, engine: "postgres", close: () => pool.end() };
  }
  let client: PGlite;
  if ("dataDir" in options) {
    // PGlite creates only the last folder of its path.
    mkdirSync(path.dirname(options.dataDir), { recursive: true });
    client = new PGlite(options.dataDir);
  } else {
    client = new PGlite();
  }
  const db = drizzlePglite(client, { schema, casing: "snake_case" }) as unknown as Database;
  return { db, engine: "pglite", close: () => client.close() };
}

export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.engine === "postgres") {
    await migratePg(handle.db, { migrationsFolder });
  } else {
    await migratePglite(handle.db as never, { migrationsFolder });
  }
}

/** Options from the environment: DATABASE_URL, else PGlite under DATA_DIR (default ./data). */
export function databaseOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseOptions {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL };
  const dataDir = path.resolve(env.DATA_DIR ?? "data");
  return { dataDir: path.join(dataDir, "pglite") };
}
