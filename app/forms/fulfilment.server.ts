/** The fulfilment form of a shop order (server-only zod): one intent per step. */
import { z } from "zod";
import { requiredText } from "./fields.server";

const text = (max: number, required: string) => requiredText(max, required, "fulfilment:errors.tooLong");

export const FulfilmentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("confirm") }),
  z.object({
    intent: z.literal("ship"),
    carrier: text(80, "fulfilment:errors.carrierRequired"),
    trackingNumber: text(80, "fulfilment:errors.trackingRequired"),
  }),
  z.object({ intent: z.literal("deliver") }),
  // Handed over at a fair's stand, against the code the buyer shows (decision 021).
  z.object({ intent: z.literal("handover"), code: text(20, "fairs:errors.pickupCode") }),
  z.object({ intent: z.literal("cancel"), reason: text(300, "fulfilment:errors.reasonRequired") }),
]);
