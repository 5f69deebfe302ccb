/**
 * npm run sweep — puts back on sale the stock held by card orders whose Stripe session is
 * past its expiry (the `checkout.session.expired` webhook may be late or lost). Safe to run
 * at any time and from several machines: each order is released once. Also run at start.
 */
import { databaseOptionsFromEnv, openDatabase } from "../db/client";
import { releaseExpiredOrders } from "../app/models/orders.server";

const handle = openDatabase(databaseOptionsFromEnv());
try {
  const released = await releaseExpiredOrders(handle.db);
  console.log(`[sweep] ${released} expired card order(s) released`);
} finally {
  await handle.close();
}
