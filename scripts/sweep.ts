/**
 * npm run sweep — puts back on sale the stock held by card orders whose Stripe session is
 * past its expiry (the `checkout.session.expired` webhook may be late or lost), and sends
 * Stripe the refunds it has not taken yet. Safe to run at any time and from several
 * machines: each order is released once, each refund made once. The server also runs it
 * soon after it starts and every few minutes.
 */
import { databaseOptionsFromEnv, openDatabase } from "#db/client";
import { sweepPayments } from "../app/models/card-payments.server";

const handle = openDatabase(databaseOptionsFromEnv());
try {
  const { released, refunded } = await sweepPayments(handle.db);
  console.log(`[sweep] ${released} expired card order(s) released, ${refunded} refund(s) sent`);
} finally {
  await handle.close();
}
