/** The cart's form (add, change, remove): server-only, so zod stays out of the browser bundle. */
import { z } from "zod";
import { idField } from "./fields.server";
import { MAX_LINE_QUANTITY } from "~/models/pricing";

const productId = idField();

export const CartActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("add"),
    productId,
    quantity: z.coerce.number().int().min(1).max(MAX_LINE_QUANTITY),
  }),
  z.object({
    intent: z.literal("update"),
    productId,
    quantity: z.coerce.number().int().min(0).max(MAX_LINE_QUANTITY),
  }),
  z.object({ intent: z.literal("remove"), productId }),
]);
