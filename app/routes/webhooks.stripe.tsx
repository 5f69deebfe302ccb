import type { ActionFunctionArgs } from "@remix-run/node";
import { sendLatePaymentRefundMail, sendOrderMails } from "~/models/order-mail.server";
import { applyStripeEvent } from "~/models/orders.server";
import { issuePendingRefunds } from "~/models/refunds.server";
import { verifyStripeWebhook } from "~/services/payments/stripe.server";
import { db } from "~/utils/db.server";
import { siteOrigin } from "~/utils/env.server";

const text = (body: string, status: number) => new Response(body, { status, headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });

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
    console.warn(`[stripe] webhook refused: ${error instanceof Error ? error.message : error}`);
    return text("Invalid signature", 400);
  }
  const outcome = await applyStripeEvent(db, event as never);
  if (outcome.becamePaid && outcome.orderId !== null) {
    await sendOrderMails(db, outcome.orderId, siteOrigin(request)).catch((error) => console.error("[stripe] order mails:", error));
  }
  if (outcome.refundDue && outcome.orderId !== null) {
    // Stripe waits for this answer: the refund is sent after it (and by the sweep if it fails).
    const orderId = outcome.orderId;
    const origin = siteOrigin(request);
    // The mail follows Stripe's answer, so it never promises a refund Stripe refused.
    setImmediate(() => {
      void issuePendingRefunds(db, { orderId })
        .catch((error) => console.error("[stripe] refund:", error))
        .then(() => sendLatePaymentRefundMail(db, orderId, origin))
        .catch((error) => console.error("[stripe] refund mail:", error));
    });
  }
  // An event about no order of ours is answered 200 too: Stripe would only send it again.
  return Response.json({ received: true, duplicate: !outcome.applied, ignored: outcome.ignored !== null }, { headers: { "Cache-Control": "no-store" } });
}

export function loader() {
  return text("Method not allowed", 405);
}
