/** Field schemas shared by the forms: messages are translation keys (see utils/forms.ts). */
import { z } from "zod";
import { locales, primaryContentLocales } from "~/i18n/config";
import { normalizeMoroccanPhone } from "~/models/checkout-options";

/** The largest id PostgreSQL's integer (int4) columns hold: a larger number never reaches a query. */
export const MAX_ID = 2_147_483_647;

/** A row id from a form: a whole number from 1 to MAX_ID; `message` is the field's error key. */
export const idField = (message?: string) =>
  z.coerce
    .number(message ? { message } : undefined)
    .int(message ? { message } : undefined)
    .min(1, message ? { message } : undefined)
    .max(MAX_ID, message ? { message } : undefined);

/**
 * The text helpers of every form. `tooLong` names the namespace's own "too long" message.
 * Text that must be filled in: trimmed, 1 to `max` characters.
 */
export const requiredText = (max: number, required = "form.required", tooLong = "shop:errors.tooLong") =>
  z.string({ message: required }).trim().min(1, { message: required }).max(max, { message: tooLong });

/** Text that may be left empty or out entirely (a browser omits nothing, a script might): "" then. */
export const optionalText = (max: number, tooLong = "shop:errors.tooLong") =>
  z
    .string()
    .default("")
    .pipe(z.string().trim().max(max, { message: tooLong }));

/**
 * A Moroccan phone number, stored normalised (`+212` and nine digits) whatever way it was
 * typed: the one rule of the shop profile, the join form and checkout (normalizeMoroccanPhone).
 */
export const moroccanPhoneField = (message: string) =>
  z.string({ message }).transform((v, ctx) => toMoroccanPhone(v, ctx, message));

/** The same, but may be left empty ("" then). */
export const optionalMoroccanPhoneField = (message: string) =>
  optionalText(40).transform((v, ctx) => (v === "" ? "" : toMoroccanPhone(v, ctx, message)));

function toMoroccanPhone(value: string, ctx: z.RefinementCtx, message: string): string {
  const phone = normalizeMoroccanPhone(value);
  if (phone === null) ctx.addIssue({ code: "custom", message });
  return phone ?? z.NEVER;
}

export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "account:errors.email" }));
export const newPasswordField = z
  .string()
  .min(10, { message: "account:errors.passwordLength" })
  .max(200, { message: "account:errors.passwordLength" });
export const nameField = z
  .string()
  .trim()
  .min(2, { message: "account:errors.name" })
  .max(120, { message: "account:errors.name" });

/** A new password typed twice. */
export const newPasswordPair = z
  .object({ password: newPasswordField, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { message: "account:errors.passwordMatch", path: ["confirm"] });

/**
 * One text field per locale (`title_ar`, `title_fr`, `title_en`…), following app/i18n/config.ts:
 * a new locale gets its fields without touching the forms.
 */
export function perLocale<S extends z.ZodTypeAny>(field: string, schema: () => S): Record<string, S> {
  return Object.fromEntries(locales.map((l) => [`${field}_${l}`, schema()]));
}

/** The filled-in locales of a per-locale field, as stored (`{ ar: "…", fr: "…" }`). */
export function localizedValue(values: Record<string, unknown>, field: string): Record<string, string> {
  return Object.fromEntries(
    locales.flatMap((l) => {
      const value = values[`${field}_${l}`];
      return typeof value === "string" && value.trim() ? [[l, value.trim()]] : [];
    }),
  );
}

/** True when a per-locale field is filled in one of the languages cooperatives write in (ar, fr). */
export function hasPrimaryText(values: Record<string, unknown>, field: string): boolean {
  return primaryContentLocales.some((l) => {
    const value = values[`${field}_${l}`];
    return typeof value === "string" && value.trim() !== "";
  });
}
