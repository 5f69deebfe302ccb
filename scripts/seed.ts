/**
 * npm run seed [-- --products N] [--reset]
 *   Seeds the demo marketplace into the database of DATABASE_URL / DATA_DIR.
 *   --products N  fill a catalogue of N products (variations of the templates), e.g. 10000
 *   --reset       drop everything first (development and benchmarks only)
 */
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { databaseOptionsFromEnv, migrateDatabase, openDatabase } from "#db/client";
import { isSeeded, seedDatabase } from "#db/seed";
import { mediaStorageFromEnv } from "../app/services/storage.server";

const { values } = parseArgs({
  options: { products: { type: "string" }, reset: { type: "boolean", default: false } },
});
const wanted = values.products ? Number.parseInt(values.products, 10) : undefined;
if (wanted !== undefined && (!Number.isFinite(wanted) || wanted < 1)) {
  console.error("--products takes a positive whole number");
  process.exit(2);
}

const handle = openDatabase(databaseOptionsFromEnv());
try {
  if (values.reset) {
    await handle.db.execute(sql`drop schema if exists public cascade`);
    await handle.db.execute(sql`drop schema if exists drizzle cascade`);
    await handle.db.execute(sql`create schema public`);
  }
  await migrateDatabase(handle);
  if (await isSeeded(handle.db)) {
    console.error("The database is already seeded: pass --reset to start again.");
    process.exitCode = 1;
  } else {
    await seedDatabase(handle.db, {
      storage: mediaStorageFromEnv(),
      products: wanted,
      log: (m) => console.log(`[seed] ${m}`),
    });
  }
} finally {
  await handle.close();
}
