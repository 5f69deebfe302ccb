/**
 * The one form pattern: a zod schema per form whose messages are translation keys.
 * The action parses the submitted FormData with it; on failure it answers 400 with the
 * errors (keys, translated by the page) and what was typed, so nothing is lost.
 */
import type { z } from "zod";

export type FieldErrors = Record<string, string>;
export type FormFailure = { ok: false; errors: FieldErrors; values: Record<string, string> };
export type FormResult<T> = { ok: true; data: T } | FormFailure;

/** Keys of messages the forms may show; anything else from zod becomes `form.invalid`. */
const isMessageKey = (message: string) => /^[a-z]+:[\w.]+$|^form\.[\w.]+$/.test(message);

export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !(key in values)) values[key] = value;
  }
  return values;
}

export function parseForm<T>(schema: z.ZodType<T>, formData: FormData): FormResult<T> {
  const values = formValues(formData);
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.join(".") || "form";
    errors[field] ??= isMessageKey(issue.message) ? issue.message : "form.invalid";
  }
  // Passwords are never sent back to the page.
  for (const key of Object.keys(values)) if (/password/i.test(key)) values[key] = "";
  return { ok: false, errors, values };
}

/** A failure for one field, decided after parsing (e.g. "wrong password"). */
export function fieldFailure(formData: FormData, field: string, message: string): FormFailure {
  const values = formValues(formData);
  for (const key of Object.keys(values)) if (/password/i.test(key)) values[key] = "";
  return { ok: false, errors: { [field]: message }, values };
}

/**
 * A decimal amount in dirhams as typed ("350", "350.5", "1 250,50") → integer centimes,
 * with string arithmetic only, so no float ever touches money. null when not an amount.
 */
export function parseDirhams(input: string): number | null {
  const compact = input.replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
  const match = compact.match(/^(\d{1,9})(?:\.(\d{1,2}))?$/);
  if (!match) return null;
  const whole = Number.parseInt(match[1], 10);
  const fraction = Number.parseInt((match[2] ?? "").padEnd(2, "0"), 10);
  return whole * 100 + fraction;
}

/** Centimes → the plain decimal a form field shows ("350.50", "350"). */
export function centimesToInput(centimes: number): string {
  const whole = Math.trunc(centimes / 100);
  const fraction = centimes % 100;
  return fraction === 0 ? String(whole) : `${whole}.${String(fraction).padStart(2, "0")}`;
}

/** A failure not tied to what was typed (a used link, an action refused by the rules). */
export function formFailure(message: string, field = "form"): FormFailure {
  return { ok: false, errors: { [field]: message }, values: {} };
}
