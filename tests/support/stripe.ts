/** What the local Stripe API server received (HIRFA_STRIPE_DIR), and signed webhooks to the app. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Stripe from "stripe";
import { baseUrl } from "./http";

export type StripeRequest = {
  method: string;
  path: string;
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
  return stripeRequests().filter((r) => r.path === "/v1/checkout/sessions" && r.method === "POST" && r.body?.metadata?.order_id === String(orderId));
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
        status: input.type === "checkout.session.expired" ? "expired" : "complete",
        metadata: { order_id: String(input.orderId) },
      },
    },
  };
}

/** Posts an event to /webhooks/stripe, signed as Stripe would (or not, with `signature`). */
export async function postWebhook(event: object, options: { secret?: string; timestamp?: number; signature?: string } = {}) {
  const payload = JSON.stringify(event);
  const header =
    options.signature ??
    signer.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? webhookSecret(), timestamp: options.timestamp });
  return fetch(`${baseUrl()}/webhooks/stripe`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "Stripe-Signature": header },
    body: payload,
  });
}
