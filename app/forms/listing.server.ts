/**
 * The listing form of the back office: one zod schema for create and edit. Texts come per
 * locale side by side (`title_ar`, `title_fr`…); at least one title is required, the other
 * may be missing (and is flagged). Price is typed in dirhams and stored in centimes.
 */
import { z } from "zod";
import { idField } from "./fields.server";
import { locales } from "~/i18n/config";
import { formValues, parseDirhams, type FormResult } from "~/utils/forms";
import { definitionOf, parseAttribute } from "~/models/attributes";
import type { ListingFields } from "~/models/listings.server";

/** Fields a form may leave out entirely arrive as "" (a browser omits nothing, a script might). */
const text = (max: number) => z.string().default("").pipe(z.string().trim().max(max, { message: "shop:errors.tooLong" }));
const optionalCm = z
  .string()
  .default("")
  .pipe(z.string().trim())
  .refine((v) => v === "" || /^\d{1,4}([.,]\d)?$/.test(v), { message: "shop:errors.dimension" })
  .transform((v) => (v === "" ? null : Math.round(Number(v.replace(",", ".")) * 10)))
  .refine((v) => v === null || v > 0, { message: "shop:errors.dimension" });

const BaseSchema = z.object({
  craftId: idField("shop:errors.craft"),
  title_ar: text(120),
  title_fr: text(120),
  description_ar: text(4000),
  description_fr: text(4000),
  materials_ar: text(300),
  materials_fr: text(300),
  care_ar: text(600),
  care_fr: text(600),
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

export const ListingSchema = BaseSchema.refine((v) => v.title_ar !== "" || v.title_fr !== "", {
  message: "shop:errors.title",
  path: ["title_fr"],
});

const localized = (values: Record<string, string>, field: string) =>
  Object.fromEntries(locales.flatMap((l) => (values[`${field}_${l}`] ? [[l, values[`${field}_${l}`]]] : [])));

export function parseListingForm(formData: FormData, attributeKeys: string[]): FormResult<ListingFields> {
  const values = formValues(formData);
  const parsed = ListingSchema.safeParse(values);
  const errors: Record<string, string> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path.join(".") || "form";
      errors[field] ??= issue.message.includes(":") ? issue.message : "form.invalid";
    }
  }
  const attributes: Record<string, string | number | boolean> = {};
  for (const key of attributeKeys) {
    const value = parseAttribute(key, values[`attr_${key}`]);
    if (value === null) errors[`attr_${key}`] = definitionOf(key).type === "number" ? "shop:errors.attributeNumber" : "form.invalid";
    else if (value !== undefined) attributes[key] = value;
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors, values };
  const v = parsed.data;
  const trimmed = Object.fromEntries(Object.entries(values).map(([k, s]) => [k, s.trim()]));
  return {
    ok: true,
    data: {
      craftId: v.craftId,
      title: localized(trimmed, "title"),
      description: localized(trimmed, "description"),
      materials: localized(trimmed, "materials"),
      care: localized(trimmed, "care"),
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
