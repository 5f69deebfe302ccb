/** What the local Stripe API server received (HIRFA_STRIPE_DIR), and signed webhooks to the app. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import Stripe from "stripe";
import type { Database } from "#db/client";
import { orders } from "#db/schema";
import { Client } from "./client";
import { baseUrl } from "./http";

export type StripeRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  idempotencyKey: string | null;
  authorized: boolean;
  stripeVersion: string | null;
  contentType: string | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
};

export function stripeRequests(): StripeRequest[] {
  const dir = process.env.HIRFA_STRIPE_DIR;
  if (!dir) throw new Error("HIRFA_STRIPE_DIR is not set: run the suite with `npm test`");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), "utf8")) as StripeRequest);
}

/** The checkout-session creations for one order id. */
export function sessionRequestsFor(orderId: number): StripeRequest[] {
  return stripeRequests().filter(
    (r) =>
      r.path === "/v1/checkout/sessions" &&
      r.method === "POST" &&
      r.body?.metadata?.order_id === String(orderId),
  );
}

/** The refund requests made for one order id (by their metadata). */
export function refundRequestsFor(orderId: number): StripeRequest[] {
  return stripeRequests().filter(
    (r) => r.path === "/v1/refunds" && r.method === "POST" && r.body?.metadata?.order_id === String(orderId),
  );
}

/** The payment intent the local Stripe server gave a session. */
export function paymentIntentOf(sessionId: string): string {
  return `pi_test_${sessionId.replace(/^cs_test_/, "")}`;
}

/** Makes the next `count` refunds of a payment fail: 500 as an outage, 400 as a refusal. */
export async function failRefunds(paymentIntent: string, status: 400 | 500, count: number) {
  const res = await fetch(`${process.env.STRIPE_API_URL}/__control/refund-failures`, {
    method: "POST",
    body: JSON.stringify({ payment_intent: paymentIntent, status, count }),
  });
  if (res.status !== 204) throw new Error(`refund-failures: ${res.status}`);
}

export function webhookSecret(): string {
  const secret = process.env.STRIPE_WEBHOOK_SECRET;
  if (!secret) throw new Error("STRIPE_WEBHOOK_SECRET is not set: run the suite with `npm test`");
  return secret;
}

const signer = new Stripe("sk_test_signer_only");

export function sessionEvent(input: {
  id?: string;
  type: string;
  sessionId: string;
  orderId: number;
  paymentStatus?: "paid" | "unpaid";
  created?: number;
  /** The session's payment intent (null: an event without it); by default the one the local server gave. */
  paymentIntent?: string | null;
}) {
  return {
    id: input.id ?? `evt_test_${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`,
    object: "event",
    api_version: "2025-01-27.acacia",
    created: input.created ?? Math.floor(Date.now() / 1000),
    livemode: false,
    type: input.type,
    data: {
      object: {
        id: input.sessionId,
        object: "checkout.session",
        payment_status: input.paymentStatus ?? "paid",
        payment_intent:
          input.paymentIntent === undefined ? paymentIntentOf(input.sessionId) : input.paymentIntent,
        status: input.type === "checkout.session.expired" ? "expired" : "complete",
        metadata: { order_id: String(input.orderId) },
      },
    },
  };
}

/** Posts an event to /webhooks/stripe, signed as Stripe would (or not, with `signature`). */
export async function postWebhook(
  event: object,
  options: { secret?: string; timestamp?: number; signature?: string } = {},
) {
  const payload = JSON.stringify(event);
  const header =
    options.signature ??
    signer.webhooks.generateTestHeaderString({
      payload,
      secret: options.secret ?? webhookSecret(),
      timestamp: options.timestamp,
    });
  return fetch(`${baseUrl()}/webhooks/stripe`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "Stripe-Signature": header },
    body: payload,
  });
}

/** The checkout form of a buyer in France paying by card (the tests' one card buyer). */
export const cardBuyerForm = (email: string) => ({
  name: "Claire Martin",
  email,
  phone: "+33 6 12 34 56 78",
  country: "FR",
  city: "Lyon",
  line1: "3 rue des Tanneurs",
  postalCode: "69001",
  paymentMethod: "card",
});

/**
 * A buyer's card order over HTTP (cart, then the checkout form), shipped to France: the order
 * row, the Checkout session it was sent to, and that redirect. Throws unless it was placed.
 */
export async function placeCardOrder(
  db: Database,
  items: { productId: number; quantity: number }[],
  options: { locale?: "fr" | "ar"; email?: string } = {},
) {
  const locale = options.locale ?? "fr";
  const email =
    options.email ?? `card-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`;
  const client = new Client();
  for (const item of items) await client.post(`/${locale}/cart`, { intent: "add", ...item });
  const placed = await client.post(`/${locale}/checkout`, cardBuyerForm(email));
  const location = placed.res.headers.get("location") ?? "";
  const sessionId = location.match(/\/pay\/(cs_test_[a-f0-9]+)$/)?.[1];
  if (placed.res.status !== 302 || !sessionId)
    throw new Error(`card order not placed (${placed.res.status}): ${placed.html.slice(0, 300)}`);
  const [order] = await db.select().from(orders).where(eq(orders.stripeSessionId, sessionId));
  return { client, order, sessionId, location, email };
}
