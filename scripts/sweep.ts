/**
 * npm run sweep — puts back on sale the stock held by card orders whose Stripe session is
 * past its expiry (the `checkout.session.expired` webhook may be late or lost), and sends
 * Stripe the refunds it has not taken yet. Safe to run at any time and from several
 * machines: each order is released once, each refund made once. The server also runs it
 * soon after it starts and every few minutes.
 */
import { databaseOptionsFromEnv, openDatabase } from "../db/client";
import { sweepPayments } from "../app/models/orders.server";
import { logger } from "../app/utils/logger.server";

const handle = openDatabase(databaseOptionsFromEnv());
try {
  const { released, refunded } = await sweepPayments(handle.db);
  // A JSON line like the server's: this runs from a scheduler whose log is read by machines.
  logger.info({ released, refunded }, "payment sweep: expired card orders released, refunds sent");
} finally {
  await handle.close();
}
