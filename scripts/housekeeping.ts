/**
 * npm run housekeeping — deletes expired sessions, used and expired tokens, old rate-limit
 * events, carts idle for 30 days and sent mail older than 30 days (app/models/housekeeping.server.ts).
 * The server also does it on its own (HOUSEKEEPING_MINUTES); safe to run at any time.
 */
import { databaseOptionsFromEnv, openDatabase } from "#db/client";
import { housekeep } from "../app/models/housekeeping.server";

const handle = openDatabase(databaseOptionsFromEnv());
try {
  const deleted = await housekeep(handle.db);
  console.log(
    `[housekeeping] deleted ${deleted.sessions} session(s), ${deleted.tokens} token(s), ${deleted.rateLimitEvents} rate-limit event(s), ${deleted.carts} idle cart(s), ${deleted.sentMails} sent mail(s)`,
  );
} finally {
  await handle.close();
}
