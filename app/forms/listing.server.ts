/**
 * The listing form of the back office: one zod schema for create and edit. Texts come per
 * locale side by side (`title_ar`, `title_fr`, `title_en`…); a title in Arabic or French is
 * required, the other may be missing (and is flagged); English is optional. Price is typed in
 * dirhams and stored in centimes.
 */
import { z } from "zod";
import { hasPrimaryText, idField, localizedValue, optionalText, perLocale } from "./fields.server";
import { formValues, parseDirhams, parseForm, type FormResult } from "~/utils/forms";
import { definitionOf, parseAttribute } from "~/models/attributes";
import type { ListingFields } from "~/models/listings.server";

const optionalCm = z
  .string()
  .default("")
  .pipe(z.string().trim())
  .refine((v) => v === "" || /^\d{1,4}([.,]\d)?$/.test(v), { message: "shop:errors.dimension" })
  .transform((v) => (v === "" ? null : Math.round(Number(v.replace(",", ".")) * 10)))
  .refine((v) => v === null || v > 0, { message: "shop:errors.dimension" });

const BaseSchema = z.object({
  craftId: idField("shop:errors.craft"),
  ...perLocale("title", () => optionalText(120)),
  ...perLocale("description", () => optionalText(4000)),
  ...perLocale("materials", () => optionalText(300)),
  ...perLocale("care", () => optionalText(600)),
  price: z
    .string({ message: "shop:errors.price" })
    .transform((v) => parseDirhams(v))
    .refine((v): v is number => v !== null && v > 0 && v <= 10_000_000_00, { message: "shop:errors.price" }),
  stock: z
    .string({ message: "shop:errors.stock" })
    .trim()
    .regex(/^\d{1,6}$/, { message: "shop:errors.stock" })
    .transform((v) => Number.parseInt(v, 10)),
  width: optionalCm,
  height: optionalCm,
  depth: optionalCm,
  weight: z
    .string()
    .default("")
    .pipe(z.string().trim())
    .refine((v) => v === "" || /^\d{1,6}$/.test(v), { message: "shop:errors.weight" })
    .transform((v) => (v === "" ? null : Number.parseInt(v, 10)))
    .refine((v) => v === null || v > 0, { message: "shop:errors.weight" }),
});

// On the group (`title`), not on one language's field: LocalizedFields shows it under the legend.
export const ListingSchema = BaseSchema.refine((v) => hasPrimaryText(v, "title"), {
  message: "shop:errors.title",
  path: ["title"],
});

export function parseListingForm(formData: FormData, attributeKeys: string[]): FormResult<ListingFields> {
  const values = formValues(formData);
  const parsed = parseForm(ListingSchema, formData);
  const errors: Record<string, string> = parsed.ok ? {} : { ...parsed.errors };
  const attributes: Record<string, string | number | boolean> = {};
  for (const key of attributeKeys) {
    const value = parseAttribute(key, values[`attr_${key}`]);
    if (value === null)
      errors[`attr_${key}`] =
        definitionOf(key).type === "number" ? "shop:errors.attributeNumber" : "form.invalid";
    else if (value !== undefined) attributes[key] = value;
  }
  if (!parsed.ok || Object.keys(errors).length > 0) return { ok: false, errors, values };
  const v = parsed.data;
  return {
    ok: true,
    data: {
      craftId: v.craftId,
      title: localizedValue(values, "title"),
      description: localizedValue(values, "description"),
      materials: localizedValue(values, "materials"),
      care: localizedValue(values, "care"),
      priceCentimes: v.price,
      stock: v.stock,
      widthMm: v.width,
      heightMm: v.height,
      depthMm: v.depth,
      weightGrams: v.weight,
      attributes,
    },
  };
}
