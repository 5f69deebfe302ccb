/**
 * Card payments through Stripe Checkout. Enabled only when STRIPE_SECRET_KEY is set;
 * STRIPE_API_URL points the SDK at another API origin (the tests' local Stripe server).
 */
import Stripe from "stripe";
import { env } from "~/utils/env.server";
import { localePath } from "~/utils/urls";
import { NO_CARD_PAYMENT, type PaymentMethod } from "./types";

/** How long a buyer has to pay before the held stock goes back on sale (Stripe's minimum is 30 min). */
export const SESSION_LIFETIME_SECONDS = 30 * 60;

let client: Stripe | undefined;
let clientKey: string | undefined;

export function stripeClient(): Stripe {
  const { STRIPE_SECRET_KEY, STRIPE_API_URL } = env();
  if (!STRIPE_SECRET_KEY) throw new Error("STRIPE_SECRET_KEY is not set");
  if (!client || clientKey !== STRIPE_SECRET_KEY) {
    const options: Stripe.StripeConfig = { maxNetworkRetries: 2, timeout: 20_000 };
    if (STRIPE_API_URL) {
      const url = new URL(STRIPE_API_URL);
      options.host = url.hostname;
      options.port = url.port || (url.protocol === "http:" ? 80 : 443);
      options.protocol = url.protocol === "http:" ? "http" : "https";
    }
    client = new Stripe(STRIPE_SECRET_KEY, options);
    clientKey = STRIPE_SECRET_KEY;
  }
  return client;
}

/** Stripe Checkout's own languages: French exists, Arabic does not (then the browser's). */
const CHECKOUT_LOCALE: Record<string, Stripe.Checkout.SessionCreateParams.Locale> = {
  fr: "fr",
  en: "en",
  ar: "auto",
};

export const stripeCard: PaymentMethod = {
  id: "card",
  enabled: () => Boolean(env().STRIPE_SECRET_KEY),
  async start(order, { origin, locale, shippingLabel }) {
    const stripe = stripeClient();
    const currency = order.currency.toLowerCase();
    const orderPage = `${origin}${localePath(locale, `/orders/${order.token}`)}`;
    const expiresAt = Math.floor(Date.now() / 1000) + SESSION_LIFETIME_SECONDS;
    const session = await stripe.checkout.sessions.create(
      {
        mode: "payment",
        locale: CHECKOUT_LOCALE[locale] ?? "auto",
        customer_email: order.buyerEmail,
        client_reference_id: String(order.id),
        line_items: [
          ...order.items.map((item) => ({
            quantity: item.quantity,
            price_data: { currency, unit_amount: item.unitPriceCentimes, product_data: { name: item.title } },
          })),
          ...order.shipping
            .filter((s) => s.centimes > 0)
            .map((s) => ({
              quantity: 1,
              price_data: {
                currency,
                unit_amount: s.centimes,
                product_data: { name: shippingLabel(s.cooperative) },
              },
            })),
        ],
        metadata: { order_id: String(order.id), order_token: order.token },
        payment_intent_data: { metadata: { order_id: String(order.id) } },
        success_url: `${orderPage}?payment=success`,
        cancel_url: `${orderPage}?payment=cancelled`,
        expires_at: expiresAt,
      },
      { idempotencyKey: `hirfa-order-${order.id}-checkout-session` },
    );
    if (!session.url) throw new Error(`Stripe session ${session.id} has no URL`);
    return {
      kind: "redirect",
      url: session.url,
      sessionId: session.id,
      expiresAt: new Date((session.expires_at ?? expiresAt) * 1000),
    };
  },
};

/** Verifies a webhook's signature on the raw body; throws on a bad or stale signature. */
export function verifyStripeWebhook(rawBody: string, signature: string | null): Stripe.Event {
  const { STRIPE_WEBHOOK_SECRET } = env();
  if (!STRIPE_WEBHOOK_SECRET) throw new Error("STRIPE_WEBHOOK_SECRET is not set");
  if (!signature) throw new Error("missing Stripe-Signature header");
  return Stripe.webhooks.constructEvent(rawBody, signature, STRIPE_WEBHOOK_SECRET);
}

export type CardRefundRequest = {
  /** The payment to refund; when unknown, read from the Checkout session. */
  paymentIntentId: string | null;
  sessionId: string | null;
  /** In the payment's own currency (Stripe refunds in it). */
  amountCentimes: number;
  /** Ours, also written in the refund's metadata: how an earlier attempt's refund is recognised. */
  refundKey: string;
  /** 1 for the first attempt. */
  attempt: number;
  metadata: Record<string, string>;
};

export type CardRefundOutcome =
  | { ok: true; stripeRefundId: string; paymentIntentId: string }
  /** `permanent`: Stripe refused the request itself; sending it again would not help. */
  | { ok: false; permanent: boolean; message: string };

async function paymentIntentOf(
  stripe: Stripe,
  input: { paymentIntentId: string | null; sessionId: string | null },
): Promise<string | null> {
  if (input.paymentIntentId) return input.paymentIntentId;
  if (!input.sessionId) return null;
  const session = await stripe.checkout.sessions.retrieve(input.sessionId);
  return typeof session.payment_intent === "string"
    ? session.payment_intent
    : (session.payment_intent?.id ?? null);
}

async function refundMadeWithKey(
  stripe: Stripe,
  paymentIntentId: string,
  refundKey: string,
): Promise<Stripe.Refund | undefined> {
  const existing = await stripe.refunds.list({ payment_intent: paymentIntentId, limit: 100 });
  return existing.data.find(
    (r) => r.metadata?.hirfa_refund === refundKey && r.status !== "failed" && r.status !== "canceled",
  );
}

/**
 * Refunds part or all of a card payment. Every attempt has its own idempotency key (Stripe
 * replays a request's 500 for a reused key for 24 hours), so before a second attempt the
 * payment's refunds are read and one made by an earlier attempt, found by our key, is the answer.
 */
export async function refundCardPayment(input: CardRefundRequest): Promise<CardRefundOutcome> {
  try {
    const stripe = stripeClient();
    const paymentIntentId = await paymentIntentOf(stripe, input);
    if (!paymentIntentId) return { ok: false, permanent: true, message: NO_CARD_PAYMENT };
    if (input.attempt > 1) {
      const made = await refundMadeWithKey(stripe, paymentIntentId, input.refundKey);
      if (made) return { ok: true, stripeRefundId: made.id, paymentIntentId };
    }
    const refund = await stripe.refunds.create(
      {
        payment_intent: paymentIntentId,
        amount: input.amountCentimes,
        reason: "requested_by_customer",
        metadata: { ...input.metadata, hirfa_refund: input.refundKey },
      },
      // The payment intent in the key keeps it unique across databases sharing one Stripe account.
      { idempotencyKey: `hirfa-${input.refundKey}-${input.attempt}-${paymentIntentId}` },
    );
    return { ok: true, stripeRefundId: refund.id, paymentIntentId };
  } catch (error) {
    const permanent =
      error instanceof Stripe.errors.StripeInvalidRequestError ||
      error instanceof Stripe.errors.StripeIdempotencyError;
    return { ok: false, permanent, message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Whether Stripe already made one of our refunds (found by our key on the payment): the id,
 * null when not, or "unknown" when Stripe cannot tell us now.
 */
export async function findCardRefund(input: {
  paymentIntentId: string | null;
  sessionId: string | null;
  refundKey: string;
}): Promise<string | null | "unknown"> {
  try {
    const stripe = stripeClient();
    const paymentIntentId = await paymentIntentOf(stripe, input);
    if (!paymentIntentId) return null;
    return (await refundMadeWithKey(stripe, paymentIntentId, input.refundKey))?.id ?? null;
  } catch {
    return "unknown";
  }
}
