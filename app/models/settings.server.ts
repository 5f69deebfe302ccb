/**
 * Platform settings the chamber changes at run time, stored in `settings` (key → JSON).
 * The commission rate is in basis points (1 % = 100 bp); 0 until the chamber sets one.
 */
import { eq } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { auditLog, settings } from "../../db/schema";
import { MAX_COMMISSION_BP } from "./pricing";

export const COMMISSION_RATE_KEY = "commission_rate_bp";

export async function getCommissionRateBp(db: Executor): Promise<number> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, COMMISSION_RATE_KEY));
  const value = row?.value;
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0 && value <= MAX_COMMISSION_BP ? value : 0;
}

/** Sets the rate for future sales (orders already placed keep theirs), and writes it to the audit log. */
export async function setCommissionRateBp(db: Executor, input: { rateBp: number; actorUserId?: number | null; reason?: string }) {
  if (!Number.isSafeInteger(input.rateBp) || input.rateBp < 0 || input.rateBp > MAX_COMMISSION_BP) {
    throw new RangeError(`commission rate must be an integer between 0 and ${MAX_COMMISSION_BP} bp`);
  }
  await db.transaction(async (tx) => {
    const before = await getCommissionRateBp(tx);
    await tx
      .insert(settings)
      .values({ key: COMMISSION_RATE_KEY, value: input.rateBp })
      .onConflictDoUpdate({ target: settings.key, set: { value: input.rateBp, updatedAt: new Date() } });
    await tx.insert(auditLog).values({
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
