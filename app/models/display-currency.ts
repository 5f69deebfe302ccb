/**
 * Approximate amounts for buyers abroad (issue 13). Prices are in MAD, always; a buyer may
 * also see an estimate in a display currency, from rates the chamber sets. Integers only:
 * a rate is MAD per unit of the other currency in ten-thousandths (10.85 MAD per euro →
 * 108 500), amounts are centimes and cents. No floats. Browser-safe (no database).
 */
export const DISPLAY_CURRENCIES = ["EUR", "USD"] as const;
export type DisplayCurrency = (typeof DISPLAY_CURRENCIES)[number];
/** The choices of the header switch: MAD alone, or MAD with an estimate. */
export const CURRENCY_CHOICES = ["MAD", ...DISPLAY_CURRENCIES] as const;
export type CurrencyChoice = (typeof CURRENCY_CHOICES)[number];

export const RATE_SCALE = 10_000;
/** A rate outside (0, 1000 MAD] is a typing mistake, not a currency. */
export const MAX_RATE = 1000 * RATE_SCALE;

export function isDisplayCurrency(value: unknown): value is DisplayCurrency {
  return typeof value === "string" && (DISPLAY_CURRENCIES as readonly string[]).includes(value);
}

export function isCurrencyChoice(value: unknown): value is CurrencyChoice {
  return typeof value === "string" && (CURRENCY_CHOICES as readonly string[]).includes(value);
}

/** What a page needs to show estimates: the buyer's currency, its rate and when it was set. */
export type DisplayRate = { currency: DisplayCurrency; rate: number; setAt: string };

/** MAD centimes → cents of the display currency at `rate` (MAD × 10 000 per unit), half up. */
export function convertCentimes(centimes: number, rate: number): number {
  if (!Number.isSafeInteger(centimes) || centimes < 0)
    throw new RangeError(`centimes must be a non-negative integer, got ${centimes}`);
  if (!Number.isSafeInteger(rate) || rate <= 0 || rate > MAX_RATE)
    throw new RangeError(`rate out of range: ${rate}`);
  const scaled = BigInt(centimes) * BigInt(RATE_SCALE);
  return Number((scaled * 2n + BigInt(rate)) / (2n * BigInt(rate)));
}

/** "10.85", "10,85" or "10" → 108 500; null when it is not a rate (at most four decimals). */
export function parseRate(input: string): number | null {
  const m = input.trim().match(/^(\d{1,4})(?:[.,](\d{1,4}))?$/);
  if (!m) return null;
  const rate = Number(m[1]) * RATE_SCALE + Number((m[2] ?? "").padEnd(4, "0"));
  return rate > 0 && rate <= MAX_RATE ? rate : null;
}

/** 108 500 → "10.85" (for the settings form). */
export function rateToInput(rate: number): string {
  const whole = Math.floor(rate / RATE_SCALE);
  const fraction = String(rate % RATE_SCALE)
    .padStart(4, "0")
    .replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : String(whole);
}
