import type { Locale } from "~/i18n/config";
import type { PlacedOrder } from "~/models/checkout.server";

/** What a payment method does once an order is placed: where the buyer goes next. */
export type PaymentStart =
  | { kind: "done" }
  | { kind: "redirect"; url: string; sessionId: string; expiresAt: Date };

export type PaymentContext = {
  origin: string;
  locale: Locale;
  /** The name of a shop's shipping line, in the buyer's language. */
  shippingLabel: (cooperative: string) => string;
};

/** One way to pay. Card (Stripe Checkout) and cash on delivery implement it. */
export interface PaymentMethod {
  readonly id: "card" | "cod";
  /** Whether the method can be offered at all on this installation (keys configured…). */
  enabled(): boolean;
  start(order: PlacedOrder, context: PaymentContext): Promise<PaymentStart>;
}

/** A refund's last error when there was no card payment to refund (shown through a locale key). */
export const NO_CARD_PAYMENT = "no_card_payment";
