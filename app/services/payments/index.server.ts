import { cashOnDelivery } from "./cod.server";
import { stripeCard } from "./stripe.server";
import type { PaymentMethod } from "./types";

export type { PaymentMethod, PaymentStart } from "./types";

const methods: Record<"card" | "cod", PaymentMethod> = { card: stripeCard, cod: cashOnDelivery };

export function paymentMethod(id: "card" | "cod"): PaymentMethod {
  return methods[id];
}

export function cardPaymentsEnabled(): boolean {
  return stripeCard.enabled();
}
