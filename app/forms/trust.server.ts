/** Schemas of the trust forms: reviews, answers, their moderation, "find my order", policies (decision 019). */
import { z } from "zod";
import { isLocale, locales } from "~/i18n/config";
import { emailField, idField, optionalText } from "./fields.server";
import { moroccoToday } from "~/models/delivery";

const text = (min: number, max: number, message: string) =>
  z.string({ message }).trim().min(min, { message }).max(max, { message });

export const ReviewSchema = z.object({
  rating: z.coerce
    .number({ message: "trust:errors.rating" })
    .int({ message: "trust:errors.rating" })
    .min(1, { message: "trust:errors.rating" })
    .max(5, { message: "trust:errors.rating" }),
  body: text(10, 2000, "trust:errors.body"),
  lang: z.string().refine(isLocale, { message: "form.invalid" }),
});

export const ReplySchema = z.object({
  reviewId: idField("form.invalid"),
  reply: text(2, 2000, "trust:errors.reply"),
  lang: z.string().refine(isLocale, { message: "form.invalid" }),
});

export const BuyerReviewDecisionSchema = z
  .object({
    target: z.enum(["review", "reply"], { message: "form.invalid" }),
    decision: z.enum(["approve", "reject"], { message: "form.invalid" }),
    reason: z.string().optional(),
    note: z.string().trim().max(1000, { message: "form.invalid" }).default(""),
  })
  .refine((v) => v.decision === "approve" || Boolean(v.reason), {
    message: "chamber:errors.reason",
    path: ["reason"],
  });

/** `H-2026-000123` (or a part, `H-2026-000123-B`), spaces and case forgiven. */
export const FindOrderSchema = z.object({
  email: emailField,
  reference: z
    .string({ message: "trust:errors.reference" })
    .trim()
    .toUpperCase()
    .regex(/^H-\d{4}-\d{1,9}(-[A-Z]{1,3})?$/, { message: "trust:errors.reference" }),
});

/** A policy page's title and text in every locale; Arabic and French are required. */
export const PolicySchema = z.object(
  Object.fromEntries(
    locales.flatMap((l) => {
      const required = l === "ar" || l === "fr";
      return [
        [
          `title_${l}`,
          required ? text(2, 200, "trust:errors.policyTitle") : z.string().trim().max(200).default(""),
        ],
        [
          `body_${l}`,
          required ? text(20, 30_000, "trust:errors.policyBody") : z.string().trim().max(30_000).default(""),
        ],
      ];
    }),
  ) as Record<string, z.ZodType<string>>,
);

/** Schemas of the forms of decision 020: the profile's "who made it" and delivery fields, holidays. */

const wholeNumber = (message: string, min: number, max: number) =>
  z
    .string({ message })
    .trim()
    .regex(/^\d{1,5}$/, { message })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { message });

const optionalWholeNumber = (message: string, min: number, max: number) =>
  z
    .string()
    .default("")
    .pipe(z.string().trim())
    .pipe(z.union([z.literal("").transform(() => null), wholeNumber(message, min, max)]));

const days = () => wholeNumber("trustadmin:profile.errors.transit", 0, 60);

export const TrustProfileSchema = z
  .object({
    foundedYear: optionalWholeNumber(
      "trustadmin:profile.errors.foundedYear",
      1900,
      Number(moroccoToday().slice(0, 4)),
    ),
    memberCount: wholeNumber("trustadmin:profile.errors.memberCount", 1, 10_000),
    womenMemberCount: optionalWholeNumber("trustadmin:profile.errors.womenMemberCount", 0, 10_000),
    transitRegionMinDays: days(),
    transitRegionMaxDays: days(),
    transitMoroccoMinDays: days(),
    transitMoroccoMaxDays: days(),
    transitAbroadMinDays: days(),
    transitAbroadMaxDays: days(),
  })
  .refine((v) => v.womenMemberCount === null || v.womenMemberCount <= v.memberCount, {
    message: "trustadmin:profile.errors.womenMemberCount",
    path: ["womenMemberCount"],
  })
  .refine((v) => v.transitRegionMaxDays >= v.transitRegionMinDays, {
    message: "trustadmin:profile.errors.transitOrder",
    path: ["transitRegionMaxDays"],
  })
  .refine((v) => v.transitMoroccoMaxDays >= v.transitMoroccoMinDays, {
    message: "trustadmin:profile.errors.transitOrder",
    path: ["transitMoroccoMaxDays"],
  })
  .refine((v) => v.transitAbroadMaxDays >= v.transitAbroadMinDays, {
    message: "trustadmin:profile.errors.transitOrder",
    path: ["transitAbroadMaxDays"],
  });

export type TrustProfile = z.infer<typeof TrustProfileSchema>;

/** A real calendar day, `YYYY-MM-DD` (not 2026-02-30). */
const day = z
  .string({ message: "trustadmin:holidays.errors.day" })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "trustadmin:holidays.errors.day" })
  .refine(
    (v) => {
      const d = new Date(`${v}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v && v >= "2000-01-01";
    },
    { message: "trustadmin:holidays.errors.day" },
  );

export const HolidaySchema = z
  .object({ day, name_ar: optionalText(120), name_fr: optionalText(120), name_en: optionalText(120) })
  .refine((v) => v.name_ar !== "" && v.name_fr !== "", {
    message: "trustadmin:holidays.errors.name",
    path: ["name_ar"],
  });

export const HolidayDeleteSchema = z.object({ day });
