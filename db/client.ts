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
import { env, type Env } from "../app/utils/env.server";
import { logger } from "../app/utils/logger.server";
import * as schema from "./schema";

export type Database = NodePgDatabase<typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** Either the database or a transaction inside it: models accept both. */
export type Executor = Database | Transaction;

export type DatabaseHandle = {
  db: Database;
  engine: "pglite" | "postgres";
  /** Hears NOTIFY on a channel (see `ChangeFeed`). */
  listen: (channel: string, handlers: ChangeHandlers) => Promise<ChangeFeed>;
  close: () => Promise<void>;
};

export type ChangeHandlers = {
  onNotify: () => void;
  /** The feed stopped (connection lost): notifications may have been missed. */
  onLost: (error: Error) => void;
};

export type ChangeFeed = {
  /**
   * Resolves once every notification committed before the call has been delivered to
   * `onNotify`: one round trip on the listening connection, shared by concurrent callers.
   */
  sync: () => Promise<void>;
  close: () => Promise<void>;
};

export type DatabaseOptions = { url: string; poolSize?: number } | { dataDir: string } | { memory: true };

/**
 * The catalogue lives in memory (PGlite, or a PostgreSQL with room for it): random reads cost
 * little more than sequential ones, so the planner should prefer indexes (PostgreSQL's own
 * advice for SSDs and cached data sets). Set on every connection.
 */
const RANDOM_PAGE_COST = 1.1;

export const migrationsFolder = path.resolve(process.cwd(), "db/migrations");

export function openDatabase(options: DatabaseOptions): DatabaseHandle {
  if ("url" in options) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      options: `-c random_page_cost=${RANDOM_PAGE_COST}`,
    });
    // An idle connection dropped by the server (restart, failover) must not crash the process:
    // the pool discards it and opens a new one on the next query.
    pool.on("error", (error) => logger.warn({ error: error.message }, "database: idle connection lost"));
    const db = drizzlePg(pool, { schema, casing: "snake_case" });
    return {
      db,
      engine: "postgres",
      listen: (channel, handlers) => listenPostgres(options.url, channel, handlers),
      close: () => pool.end(),
    };
  }
  let client: PGlite;
  if ("dataDir" in options) {
    // PGlite creates only the last folder of its path.
    mkdirSync(path.dirname(options.dataDir), { recursive: true });
    client = new PGlite(options.dataDir);
  } else {
    client = new PGlite();
  }
  // Queued before any other query of this single connection.
  client.exec(`set random_page_cost = ${RANDOM_PAGE_COST}`).catch(() => {});
  const db = drizzlePglite(client, { schema, casing: "snake_case" }) as unknown as Database;
  const listen = async (channel: string, { onNotify }: ChangeHandlers): Promise<ChangeFeed> => {
    // PGlite lives in this process and delivers a transaction's notifications before the
    // committing query returns: there is nothing to wait for, and no connection to lose.
    const unlisten = await client.listen(channel, onNotify);
    return { sync: async () => {}, close: () => unlisten() };
  };
  return { db, engine: "pglite", listen, close: () => client.close() };
}

/**
 * A listening connection's name in `pg_stat_activity`, e.g. `hirfa-listen:catalogue_changes:4242`:
 * its channel and the process holding it, so operators and tests can tell processes apart.
 */
export function listenerApplicationName(channel: string, pid: number = process.pid): string {
  return `hirfa-listen:${channel}:${pid}`;
}

/** How long a round trip on the listening connection may take before the feed counts as lost. */
const SYNC_TIMEOUT_MS = 1000;

async function listenPostgres(
  url: string,
  channel: string,
  { onNotify, onLost }: ChangeHandlers,
): Promise<ChangeFeed> {
  if (!/^[a-z_]+$/.test(channel)) throw new Error(`bad channel name ${channel}`);
  // keepAlive: a connection dropped silently (NAT, firewall) is noticed, not waited on.
  const client = new pg.Client({
    connectionString: url,
    keepAlive: true,
    application_name: listenerApplicationName(channel),
  });
  let listening = false;
  let closed = false;
  // Reported once, and only for a feed that was running: a failed start is the caller's
  // rejection (reporting it twice would make the caller retry twice).
  const lost = (error: Error) => {
    if (closed) return;
    closed = true;
    client.end().catch(() => {});
    if (listening) onLost(error);
  };
  client.on("notification", (message) => {
    if (message.channel === channel) onNotify();
  });
  client.on("error", lost);
  client.on("end", () => lost(new Error("listening connection ended")));
  try {
    await client.connect();
    await client.query(`LISTEN ${channel}`);
  } catch (error) {
    lost(error as Error);
    throw error;
  }
  listening = true;

  // A notification signalled before a query reaches the listening backend is sent to us
  // before that query's result, so one round trip started after the call is enough.
  let inFlight: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  const roundTrip = (): Promise<void> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new Error(`no answer on the listening connection in ${SYNC_TIMEOUT_MS} ms`);
        lost(error);
        reject(error);
      }, SYNC_TIMEOUT_MS);
    });
    inFlight = Promise.race([client.query("SELECT 1"), timeout]).then(
      () => {
        clearTimeout(timer);
        inFlight = null;
      },
      (error: Error) => {
        clearTimeout(timer);
        inFlight = null;
        throw error;
      },
    );
    return inFlight;
  };
  const sync = (): Promise<void> => {
    if (closed) return Promise.reject(new Error("listening connection closed"));
    if (!inFlight) return roundTrip();
    // Callers arriving while a round trip is under way share the one after it.
    next ??= inFlight
      .catch(() => {})
      .then(() => {
        next = null;
        if (closed) throw new Error("listening connection closed");
        // One started since by another caller began after ours arrived: share it (pg wants
        // one query at a time on a client).
        return inFlight ?? roundTrip();
      });
    return next;
  };
  return {
    sync,
    close: async () => {
      closed = true;
      await client.end().catch(() => {});
    },
  };
}

/**
 * PostgreSQL's answers for a transaction that lost a race and may simply run again:
 * deadlock_detected (40P01) and serialization_failure (40001).
 */
const RETRYABLE_CODES = new Set(["40P01", "40001"]);

/** The SQLSTATE of a database error, through the wrappers drizzle puts around it. */
export function sqlStateOf(error: unknown): string | null {
  for (
    let e: unknown = error, depth = 0;
    e && typeof e === "object" && depth < 5;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return null;
}

/**
 * Runs `work` in a transaction, and runs it again (a few times, after a short random pause)
 * when PostgreSQL rolled it back as a deadlock victim or a serialization failure: the
 * rollback undid everything, so a fresh attempt is safe. `work` must build its result from
 * scratch on each attempt. Other errors, and the last attempt's, are thrown as they are.
 */
export async function transactionWithRetry<T>(
  db: Database,
  work: (tx: Transaction) => Promise<T>,
  options: { attempts?: number } = {},
): Promise<T> {
  const attempts = options.attempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(work);
    } catch (error) {
      const code = sqlStateOf(error);
      if (attempt >= attempts || !code || !RETRYABLE_CODES.has(code)) throw error;
      logger.warn({ code, attempt, attempts }, "database: transaction rolled back, running it again");
      // Jittered, growing pauses, so the transactions that collided do not collide again.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** attempt));
    }
  }
}

export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.engine === "postgres") {
    await migratePg(handle.db, { migrationsFolder });
  } else {
    await migratePglite(handle.db as never, { migrationsFolder });
  }
}

/** Options from the environment: DATABASE_URL, else PGlite under DATA_DIR (default ./data). */
export function databaseOptionsFromEnv(
  settings: Pick<Env, "DATABASE_URL" | "DATA_DIR"> = env(),
): DatabaseOptions {
  if (settings.DATABASE_URL) return { url: settings.DATABASE_URL };
  return { dataDir: path.join(path.resolve(settings.DATA_DIR), "pglite") };
}
