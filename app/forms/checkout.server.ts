/**
 * The checkout form's zod schema (server-only: zod stays out of the browser bundle). Messages
 * are translation keys of the `checkout` namespace, shown next to each field.
 */
import { z } from "zod";
import { COUNTRIES, normalizeMoroccanPhone } from "~/models/checkout-options";
import { HOME_COUNTRY } from "~/models/pricing";
import { optionalText as optional, requiredText } from "./fields.server";

const INTERNATIONAL_PHONE = /^\+?[0-9][0-9\s.\-()]{5,19}$/;

const text = (max: number, required: string) => requiredText(max, required, "checkout:errors.tooLong");
/** Left empty: undefined (stored as null), not "". */
const optionalText = (max: number) =>
  optional(max, "checkout:errors.tooLong").transform((v) => (v ? v : undefined));

export const CheckoutSchema = z
  .object({
    name: text(120, "checkout:errors.nameRequired"),
    email: z
      .string({ error: "checkout:errors.emailRequired" })
      .trim()
      .min(1, { error: "checkout:errors.emailRequired" })
      .max(200, { error: "checkout:errors.tooLong" })
      .pipe(z.email({ error: "checkout:errors.emailInvalid" })),
    phone: text(30, "checkout:errors.phoneRequired"),
    country: z.enum(COUNTRIES, { error: "checkout:errors.countryRequired" }),
    // Required unless the parts are collected at a fair (checked in the transform, and by
    // placeOrder when some part is still shipped).
    city: optionalText(80),
    line1: optionalText(200),
    line2: optionalText(200),
    postalCode: optionalText(20),
    paymentMethod: z.enum(["card", "cod"], { error: "checkout:errors.paymentRequired" }),
    /** Collect the parts of the cooperatives present at this fair at their stand (decision 021). */
    pickupFair: z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (!v) return undefined;
        if (!/^\d{1,9}$/.test(v)) {
          ctx.addIssue({ code: "custom", message: "fairs:errors.pickupFair" });
          return z.NEVER;
        }
        return Number(v);
      }),
  })
  // The address is checked even when other fields are wrong (`when`): a buyer hears of every
  // missing field at once, not of the address only after fixing the rest.
  .superRefine(
    (value, ctx) => {
      if (value.pickupFair !== undefined) return;
      if (!value.city)
        ctx.addIssue({ code: "custom", path: ["city"], message: "checkout:errors.cityRequired" });
      if (!value.line1)
        ctx.addIssue({ code: "custom", path: ["line1"], message: "checkout:errors.line1Required" });
    },
    { when: () => true },
  )
  .transform((value, ctx) => {
    let phone = value.phone;
    if (value.country === HOME_COUNTRY) {
      const normalized = normalizeMoroccanPhone(value.phone);
      if (!normalized) {
        ctx.addIssue({ code: "custom", path: ["phone"], message: "checkout:errors.phoneMorocco" });
        return z.NEVER;
      }
      phone = normalized;
    } else if (!INTERNATIONAL_PHONE.test(value.phone)) {
      ctx.addIssue({ code: "custom", path: ["phone"], message: "checkout:errors.phoneInvalid" });
      return z.NEVER;
    }
    return { ...value, phone };
  });

export type CheckoutInput = z.output<typeof CheckoutSchema>;
