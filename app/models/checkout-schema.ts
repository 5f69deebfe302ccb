/**
 * The checkout form: one zod schema, shared by the route (which shows each message next to
 * its field, in the page's language) and the model (which trusts only parsed input).
 * Messages are translation keys of the `checkout` namespace.
 */
import { z } from "zod";
import { HOME_COUNTRY } from "./pricing";

/** Destinations offered at checkout: Morocco first, then where most buyers abroad live. */
export const COUNTRIES = [
  "MA", "FR", "BE", "ES", "DE", "NL", "IT", "CH", "GB", "PT", "SE", "CA", "US", "SA", "AE", "QA", "TN", "DZ", "SN",
] as const;

/** Big cities of Morocco, suggested (not imposed) for a Moroccan address. */
export const MOROCCAN_CITIES = [
  "Fès", "Meknès", "Sefrou", "Ifrane", "Taza", "Taounate", "El Hajeb", "Boulemane", "Moulay Yacoub",
  "Casablanca", "Rabat", "Salé", "Kénitra", "Tanger", "Tétouan", "Marrakech", "Agadir", "Oujda", "Nador", "Béni Mellal", "El Jadida", "Essaouira",
];

/** +212 then 9 digits starting 5 (landline), 6 or 7 (mobile): accepts 06…, +2126…, 002126…, with spaces or dashes. */
export function normalizeMoroccanPhone(input: string): string | null {
  const compact = input.replace(/[\s.\-()]/g, "");
  const m = compact.match(/^(?:\+212|00212|0)([5-7]\d{8})$/);
  return m ? `+212${m[1]}` : null;
}

const INTERNATIONAL_PHONE = /^\+?[0-9][0-9\s.\-()]{5,19}$/;

const text = (max: number, required: string) =>
  z
    .string({ error: required })
    .trim()
    .min(1, { error: required })
    .max(max, { error: "checkout:errors.tooLong" });

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: "checkout:errors.tooLong" })
    .optional()
    .transform((v) => (v ? v : undefined));

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
    city: text(80, "checkout:errors.cityRequired"),
    line1: text(200, "checkout:errors.line1Required"),
    line2: optionalText(200),
    postalCode: optionalText(20),
    paymentMethod: z.enum(["card", "cod"], { error: "checkout:errors.paymentRequired" }),
  })
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
export type CheckoutField = keyof z.input<typeof CheckoutSchema>;
export const CHECKOUT_FIELDS: CheckoutField[] = ["name", "email", "phone", "country", "city", "line1", "line2", "postalCode", "paymentMethod"];

/** First message per field, from a failed parse. */
export function fieldErrors(error: z.ZodError): Partial<Record<CheckoutField, string>> {
  const out: Partial<Record<CheckoutField, string>> = {};
  for (const issue of error.issues) {
    const field = issue.path[0] as CheckoutField | undefined;
    if (field && !out[field]) out[field] = issue.message;
  }
  return out;
}
