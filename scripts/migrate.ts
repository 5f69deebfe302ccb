/** npm run migrate — applies db/migrations to the database of DATABASE_URL / DATA_DIR. */
import { databaseOptionsFromEnv, migrateDatabase, openDatabase } from "#db/client";

const handle = openDatabase(databaseOptionsFromEnv());
try {
  await migrateDatabase(handle);
  console.log(`${handle.engine}: migrations applied`);
} finally {
  await handle.close();
}
