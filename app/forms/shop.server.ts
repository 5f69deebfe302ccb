/** Schemas of the back-office forms other than the listing form (see listing.server.ts). */
import { z } from "zod";
import {
  hasPrimaryText,
  idField,
  optionalMoroccanPhoneField,
  optionalText,
  perLocale,
} from "./fields.server";
import { parseDirhams } from "~/utils/forms";

const dirhams = z
  .string({ message: "shop:errors.fee" })
  .transform((v) => parseDirhams(v))
  .refine((v): v is number => v !== null, { message: "shop:errors.fee" });

export const ProfileSchema = z
  .object({
    ...perLocale("name", () => optionalText(120)),
    ...perLocale("story", () => optionalText(4000)),
    ...perLocale("city", () => optionalText(80)),
    provinceSlug: z.string({ message: "shop:errors.province" }).min(1, { message: "shop:errors.province" }),
    phone: optionalMoroccanPhoneField("shop:errors.phone"),
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
  // On the group (`name`), not on one language's field: LocalizedFields shows it under the legend.
  .refine((v) => hasPrimaryText(v, "name"), { message: "shop:errors.name", path: ["name"] });

export const PhotoIntentSchema = z.object({ imageId: idField() });
