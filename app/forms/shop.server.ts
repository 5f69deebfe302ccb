/** Schemas of the back-office forms other than the listing form (see listing.server.ts). */
import { z } from "zod";
import { hasPrimaryText, idField, perLocale } from "./fields.server";
import { parseDirhams } from "~/utils/forms";

const text = (max: number) =>
  z
    .string()
    .default("")
    .pipe(z.string().trim().max(max, { message: "shop:errors.tooLong" }));
const dirhams = z
  .string({ message: "shop:errors.fee" })
  .transform((v) => parseDirhams(v))
  .refine((v): v is number => v !== null, { message: "shop:errors.fee" });

/** A Moroccan phone number: +212 or 0, then 5, 6 or 7, then eight digits; spaces and dashes allowed. */
export const moroccanPhone = /^(\+212|0)[5-7]\d{8}$/;

export const ProfileSchema = z
  .object({
    ...perLocale("name", () => text(120)),
    ...perLocale("story", () => text(4000)),
    ...perLocale("city", () => text(80)),
    provinceSlug: z.string({ message: "shop:errors.province" }).min(1, { message: "shop:errors.province" }),
    phone: z
      .string()
      .default("")
      .pipe(z.string().trim())
      .refine((v) => v === "" || moroccanPhone.test(v.replace(/[\s.-]/g, "")), {
        message: "shop:errors.phone",
      }),
    processingDays: z
      .string({ message: "shop:errors.processingDays" })
      .trim()
      .regex(/^\d{1,2}$/, { message: "shop:errors.processingDays" })
      .transform(Number)
      .refine((n) => n <= 90, { message: "shop:errors.processingDays" }),
    shippingFeeMa: dirhams,
    shippingFeeIntl: dirhams,
    acceptsCod: z
      .string()
      .optional()
      .transform((v) => v === "on"),
  })
  .refine((v) => hasPrimaryText(v, "name"), { message: "shop:errors.name", path: ["name_fr"] });

export const PhotoIntentSchema = z.object({ imageId: idField() });
