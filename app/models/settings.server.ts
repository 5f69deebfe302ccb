/**
 * Platform settings the chamber changes at run time, stored in `settings` (key → JSON).
 * The commission rate is in basis points (1 % = 100 bp); 0 until the chamber sets one.
 */
import { eq, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { settings } from "#db/schema";
import { MAX_COMMISSION_BP } from "./pricing";
import {
  DISPLAY_CURRENCIES,
  isDisplayCurrency,
  MAX_RATE,
  type DisplayCurrency,
  type DisplayRate,
} from "./display-currency";
import { CATALOGUE_CHANNEL } from "~/services/catalogue-changes.server";
import { recordAudit } from "./audit.server";

export const COMMISSION_RATE_KEY = "commission_rate_bp";

export async function getCommissionRateBp(db: Executor): Promise<number> {
  const [row] = await db
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, COMMISSION_RATE_KEY));
  const value = row?.value;
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0 && value <= MAX_COMMISSION_BP
    ? value
    : 0;
}

/** Sets the rate for future sales (orders already placed keep theirs), and writes it to the audit log. */
export async function setCommissionRateBp(
  db: Executor,
  input: { rateBp: number; actorUserId?: number | null; reason?: string },
) {
  if (!Number.isSafeInteger(input.rateBp) || input.rateBp < 0 || input.rateBp > MAX_COMMISSION_BP) {
    throw new RangeError(`commission rate must be an integer between 0 and ${MAX_COMMISSION_BP} bp`);
  }
  await db.transaction(async (tx) => {
    const before = await getCommissionRateBp(tx);
    await tx
      .insert(settings)
      .values({ key: COMMISSION_RATE_KEY, value: input.rateBp })
      .onConflictDoUpdate({ target: settings.key, set: { value: input.rateBp, updatedAt: new Date() } });
    await recordAudit(tx, {
      actorUserId: input.actorUserId ?? null,
      action: "settings.commission_rate",
      entityType: "settings",
      entityId: COMMISSION_RATE_KEY,
      reason: input.reason ?? null,
      before: { rateBp: before },
      after: { rateBp: input.rateBp },
    });
  });
}

/** Rates for the buyers' estimates (app/models/display-currency.ts), with when and by whom they were set. */
export const DISPLAY_RATES_KEY = "display_rates";
export type DisplayRates = { rates: Partial<Record<DisplayCurrency, number>>; setAt: string | null };

export async function getDisplayRates(db: Executor): Promise<DisplayRates> {
  const [row] = await db
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, DISPLAY_RATES_KEY));
  const value = (row?.value ?? {}) as { rates?: Record<string, unknown>; setAt?: unknown };
  const rates: Partial<Record<DisplayCurrency, number>> = {};
  for (const currency of DISPLAY_CURRENCIES) {
    const rate = value.rates?.[currency];
    if (typeof rate === "number" && Number.isSafeInteger(rate) && rate > 0 && rate <= MAX_RATE)
      rates[currency] = rate;
  }
  return { rates, setAt: typeof value.setAt === "string" ? value.setAt : null };
}

/** The estimate a buyer who chose `currency` sees, or null (MAD only, or no rate set yet). */
export async function displayRateFor(db: Executor, currency: string | null): Promise<DisplayRate | null> {
  if (!isDisplayCurrency(currency)) return null;
  const { rates, setAt } = await getDisplayRates(db);
  const rate = rates[currency];
  return rate && setAt ? { currency, rate, setAt } : null;
}

/**
 * Sets the rates (each MAD × 10 000 per unit) as of now, in the audit log, and tells every
 * process's page cache (decision 005) that cached pages now show old estimates.
 */
export async function setDisplayRates(
  db: Executor,
  input: { rates: Record<DisplayCurrency, number>; actorUserId?: number | null; now?: Date },
) {
  for (const currency of DISPLAY_CURRENCIES) {
    const rate = input.rates[currency];
    if (!Number.isSafeInteger(rate) || rate <= 0 || rate > MAX_RATE)
      throw new RangeError(`rate for ${currency} out of range: ${rate}`);
  }
  const value = { rates: { ...input.rates }, setAt: (input.now ?? new Date()).toISOString() };
  await db.transaction(async (tx) => {
    const before = await getDisplayRates(tx);
    await tx
      .insert(settings)
      .values({ key: DISPLAY_RATES_KEY, value })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
    await recordAudit(tx, {
      actorUserId: input.actorUserId ?? null,
      action: "settings.display_rates",
      entityType: "settings",
      entityId: DISPLAY_RATES_KEY,
      reason: null,
      before: before.rates,
      after: value.rates,
    });
    await tx.execute(sql`select pg_notify(${CATALOGUE_CHANNEL}, 'settings')`);
  });
}
