/** Schemas of the fair forms (chamber: a fair, a stand decision; shop: a stand request). */
import { z } from "zod";
import { locales, primaryContentLocales, type Locale } from "~/i18n/config";
import { optionalText, requiredText } from "./fields.server";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = z
  .string({ message: "fairs:errors.date" })
  .trim()
  .refine((v) => DAY.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), {
    message: "fairs:errors.date",
  });

/** Per locale: required in Arabic and French (the chamber publishes in both), optional in others. */
function localized(field: string, max: number, required: boolean) {
  return Object.fromEntries(
    locales.map((l) => [
      `${field}_${l}`,
      required && primaryContentLocales.includes(l)
        ? requiredText(max, `fairs:errors.${field}`)
        : optionalText(max),
    ]),
  ) as Record<`${string}_${Locale}`, z.ZodType<string>>;
}

export const FairSchema = z
  .object({
    slug: z
      .string()
      .default("")
      .pipe(
        z
          .string()
          .trim()
          .max(60, { message: "fairs:errors.slug" })
          .refine((v) => v === "" || /^[a-z0-9]+(-[a-z0-9]+)*$/.test(v), { message: "fairs:errors.slug" }),
      ),
    ...localized("name", 160, true),
    ...localized("city", 80, true),
    ...localized("venue", 160, true),
    ...localized("description", 4000, false),
    provinceSlug: requiredText(40, "shop:errors.province"),
    mapUrl: z
      .string()
      .default("")
      .pipe(
        z
          .string()
          .trim()
          .max(500, { message: "fairs:errors.mapUrl" })
          .refine((v) => v === "" || /^https:\/\/[^\s<>"]+$/.test(v), { message: "fairs:errors.mapUrl" }),
      ),
    startsOn: day,
    endsOn: day,
    published: z
      .string()
      .optional()
      .transform((v) => v === "on" || v === "1"),
  })
  .refine((v) => v.endsOn >= v.startsOn, { message: "fairs:errors.endsBeforeStart", path: ["endsOn"] });

export type FairInput = z.output<typeof FairSchema>;

export const StandRequestSchema = z.object({
  fairId: z.coerce.number({ message: "form.invalid" }).int().min(1).max(2_147_483_647),
  message: optionalText(1000),
});

export const StandDecisionSchema = z
  .object({
    standId: z.coerce.number({ message: "form.invalid" }).int().min(1).max(2_147_483_647),
    decision: z.enum(["accept", "decline"], { message: "form.invalid" }),
    standNumber: optionalText(20),
    reason: optionalText(1000),
  })
  .refine((v) => v.decision !== "accept" || v.standNumber !== "", {
    message: "fairs:errors.standNumber",
    path: ["standNumber"],
  })
  .refine((v) => v.decision !== "decline" || v.reason !== "", {
    message: "chamber:errors.reasonText",
    path: ["reason"],
  });

export const HandoverSchema = z.object({
  code: z
    .string({ message: "fairs:errors.pickupCode" })
    .trim()
    .min(1, { message: "fairs:errors.pickupCode" })
    .max(20, { message: "fairs:errors.pickupCode" }),
});
