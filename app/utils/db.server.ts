import { sql } from "drizzle-orm";
import { databaseOptionsFromEnv, openDatabase, type DatabaseHandle } from "#db/client";

// One handle per process, kept on globalThis so dev reloads and the server's
// shutdown hook (server.mjs closes it on SIGTERM) see the same instance.
const holder = globalThis as typeof globalThis & { __hirfaDb?: DatabaseHandle };
holder.__hirfaDb ??= openDatabase(databaseOptionsFromEnv());

export const dbHandle = holder.__hirfaDb;
export const db = dbHandle.db;

export async function databaseIsReachable(): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
