/**
 * Brings the database up to date before the server starts: applies migrations and,
 * on an empty database, seeds the demo marketplace. Used by `npm start` and the tests.
 */
import { databaseOptionsFromEnv, migrateDatabase, openDatabase } from "#db/client";
import { isSeeded, seedDatabase } from "#db/seed";
import { mediaStorageFromEnv } from "../app/services/storage.server";
import { releaseExpiredOrders } from "../app/models/card-payments.server";
import { refreshSearchIndex, vacuumCatalogue } from "../app/models/search.server";
import { env } from "../app/utils/env.server";

const handle = openDatabase(databaseOptionsFromEnv());
try {
  const started = Date.now();
  await migrateDatabase(handle);
  console.log(`[setup] ${handle.engine} migrated in ${Date.now() - started} ms`);
  if (!(await isSeeded(handle.db)) && !env().SKIP_SEED) {
    console.log("[setup] empty database: seeding the demo marketplace (first start only)");
    await seedDatabase(handle.db, {
      storage: mediaStorageFromEnv(),
      log: (m) => console.log(`[seed] ${m}`),
    });
  }
  // Card orders whose payment window closed while the server was down give their stock back.
  // (Refunds wait for the server's first payment sweep: Stripe must not hold up the start.)
  const released = await releaseExpiredOrders(handle.db);
  if (released > 0) console.log(`[setup] ${released} expired card order(s) released`);
  // Anything changed since it was indexed (or never indexed, e.g. after an upgrade).
  const reindexed = await refreshSearchIndex(handle.db, { stale: true });
  if (reindexed > 0) console.log(`[setup] search index: ${reindexed} product(s) indexed`);
  // PGlite never vacuums on its own: keep the listings' covering index usable without the table.
  await vacuumCatalogue(handle.db);
} finally {
  await handle.close();
}
