/** Schemas of the trust forms: reviews, answers, their moderation, "find my order", policies (decision 019). */
import { z } from "zod";
import { isLocale, locales } from "~/i18n/config";
import { emailField, idField } from "./fields.server";

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
