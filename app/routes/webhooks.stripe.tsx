import type { ActionFunctionArgs } from "@remix-run/node";
import { sendLatePaymentRefundMail, sendOrderMails } from "~/models/order-mail.server";
import { applyStripeEvent } from "~/models/card-payments.server";
import { issuePendingRefunds } from "~/models/refunds.server";
import { verifyStripeWebhook } from "~/services/payments/stripe.server";
import { db } from "~/utils/db.server";
import { publicOrigin } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";

const text = (body: string, status: number) =>
  new Response(body, { status, headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });

/**
 * Stripe's events. The signature is checked on the raw body (and its timestamp against
 * replays); each event id is recorded so a retry or a duplicate changes nothing, and an
 * event changes only the card order whose own Checkout session it is about.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return text("Method not allowed", 405);
  const raw = await request.text();
  let event;
  try {
    event = verifyStripeWebhook(raw, request.headers.get("stripe-signature"));
  } catch (error) {
    logger.warn({ error: error instanceof Error ? error.message : String(error) }, "stripe webhook refused");
    return text("Invalid signature", 400);
  }
  // A payment's mails are queued in the event's own transaction (decision 009).
  const outcome = await applyStripeEvent(db, event as never, async (tx, applied) => {
    if (applied.becamePaid && applied.orderId !== null)
      await sendOrderMails(tx, applied.orderId, publicOrigin());
  });
  if (outcome.refundDue && outcome.orderId !== null) {
    // Stripe waits for this answer: the refund is sent after it (and by the sweep if it fails).
    const orderId = outcome.orderId;
    const origin = publicOrigin();
    // The mail follows Stripe's answer, so it never promises a refund Stripe refused.
    setImmediate(() => {
      void issuePendingRefunds(db, { orderId })
        .catch((error: unknown) =>
          logger.error({ err: error, orderId }, "stripe: late payment refund failed"),
        )
        .then(() => sendLatePaymentRefundMail(db, orderId, origin))
        .catch((error: unknown) =>
          logger.error({ err: error, orderId }, "stripe: late payment refund mail not queued"),
        );
    });
  }
  // An event about no order of ours is answered 200 too: Stripe would only send it again.
  return Response.json(
    { received: true, duplicate: !outcome.applied, ignored: outcome.ignored !== null },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export function loader() {
  return text("Method not allowed", 405);
}
