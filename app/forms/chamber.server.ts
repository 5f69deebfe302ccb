/** Schemas of the chamber's forms and of the public "join Hirfa" and "report" forms. */
import { z } from "zod";
import { attributeDefinitions } from "~/models/attributes";
import { reportReasons } from "~/models/chamber.server";
import { formValues, parseDirhams, type FormResult } from "~/utils/forms";
import { DISPLAY_CURRENCIES, parseRate, type DisplayCurrency } from "~/models/display-currency";
import { locales, primaryContentLocales, type Locale } from "~/i18n/config";
import { emailField, idField, moroccanPhoneField, optionalText, requiredText } from "./fields.server";

export const DecisionSchema = z
  .object({
    decision: z.enum(["approve", "reject"], { message: "form.invalid" }),
    reason: z.string().optional(),
    note: optionalText(1000),
  })
  .refine((v) => v.decision === "approve" || Boolean(v.reason), {
    message: "chamber:errors.reason",
    path: ["reason"],
  });

/** Suspending, reinstating or verifying always needs a reason. */
export const StatusChangeSchema = z.object({
  change: z.enum(["verify", "suspend", "reinstate"], { message: "form.invalid" }),
  reason: requiredText(1000, "chamber:errors.reasonText"),
});

export const ApplicationDecisionSchema = z.object({
  decision: z.enum(["approve", "reject"], { message: "form.invalid" }),
  reason: requiredText(1000, "chamber:errors.reasonText"),
});

export const ReportDecisionSchema = z.object({
  decision: z.enum(["dismiss", "unpublish"], { message: "form.invalid" }),
  reason: requiredText(1000, "chamber:errors.reasonText"),
});

export const ReportSchema = z.object({
  reason: z.enum(reportReasons, { message: "chamber:errors.reportReason" }),
  note: optionalText(1000),
  email: z
    .string()
    .default("")
    .pipe(z.union([z.literal(""), emailField])),
});

export const JoinSchema = z.object({
  name: requiredText(160, "chamber:errors.coopName"),
  registrationNumber: requiredText(60, "chamber:errors.registration"),
  provinceSlug: requiredText(40, "shop:errors.province"),
  city: optionalText(80),
  contactName: requiredText(120, "account:errors.name"),
  contactEmail: emailField,
  contactPhone: moroccanPhoneField("shop:errors.phone"),
  message: optionalText(2000),
});

export const CraftSchema = z.object({
  id: z
    .string()
    .default("")
    .refine((v) => v === "" || idField().safeParse(v).success)
    .transform((v) => (v ? Number(v) : undefined)),
  slug: z
    .string({ message: "chamber:errors.slug" })
    .trim()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: "chamber:errors.slug" })
    .max(40, { message: "chamber:errors.slug" }),
  // The names cooperatives and buyers read in Arabic and French are required; others optional.
  ...(Object.fromEntries(
    locales.map((l) => [
      `name_${l}`,
      primaryContentLocales.includes(l) ? requiredText(80, "chamber:errors.craftName") : optionalText(80),
    ]),
  ) as Record<`name_${Locale}`, ReturnType<typeof optionalText>>),
});
export const attributeKeyOptions = Object.keys(attributeDefinitions);

export const StaffRoleSchema = z.object({
  email: emailField,
  role: z.enum(["moderator", "admin", "none"], { message: "form.invalid" }),
  reason: requiredText(500, "chamber:errors.reasonText"),
});

export const CommissionSchema = z.object({
  percent: z
    .string({ message: "chamber:errors.commission" })
    .trim()
    .regex(/^\d{1,2}([.,]\d{1,2})?$|^100$/, { message: "chamber:errors.commission" })
    // Basis points from the typed percentage with string arithmetic: "7,5" → 750.
    .transform((v) => {
      const [whole, fraction = ""] = v.replace(",", ".").split(".");
      return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
    })
    .refine((bp) => bp <= 10_000, { message: "chamber:errors.commission" }),
  reason: requiredText(500, "chamber:errors.reasonText"),
});

export const PayoutSchema = z.object({
  cooperativeId: idField(),
  amount: z
    .string({ message: "shop:errors.fee" })
    .transform((v) => parseDirhams(v))
    .refine((v): v is number => v !== null && v > 0, { message: "shop:errors.fee" }),
  reference: requiredText(80, "chamber:errors.reference"),
  paidOn: z
    .string({ message: "chamber:errors.date" })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "chamber:errors.date" }),
});

export const RefundByHandSchema = z.object({
  refundId: idField(),
  note: requiredText(200, "chamber:errors.refundNote"),
});

export const RibSchema = z.object({ rib: z.string({ message: "chamber:errors.rib" }).trim() });

/** The chamber's rates for buyers' estimates: MAD per euro and per dollar, up to four decimals. */
export function parseDisplayRatesForm(formData: FormData): FormResult<Record<DisplayCurrency, number>> {
  const values = formValues(formData);
  const errors: Record<string, string> = {};
  const rates = {} as Record<DisplayCurrency, number>;
  for (const currency of DISPLAY_CURRENCIES) {
    const rate = parseRate(values[`rate_${currency}`] ?? "");
    if (rate === null) errors[`rate_${currency}`] = "chamber:errors.rate";
    else rates[currency] = rate;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors, values } : { ok: true, data: rates };
}
