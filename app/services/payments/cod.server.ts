import type { PaymentMethod } from "./types";

/** Cash on delivery: nothing to do online; the order waits for the cooperative's call. */
export const cashOnDelivery: PaymentMethod = {
  id: "cod",
  enabled: () => true,
  async start() {
    return { kind: "done" };
  },
};
