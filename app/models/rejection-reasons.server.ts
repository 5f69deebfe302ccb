import { and, eq, inArray } from "drizzle-orm";
import type { Executor } from "#db/client";
import { rejectionReasons } from "#db/schema";

/**
 * Whether `code` is one of the chamber's reasons to reject a listing (or a review): a
 * rejection names one of them, never free text the other side could not read in its language.
 */
export async function isRejectionReason(db: Executor, code: string, scope: "listing" | "review") {
  const [reason] = await db
    .select({ code: rejectionReasons.code })
    .from(rejectionReasons)
    .where(and(eq(rejectionReasons.code, code), inArray(rejectionReasons.scope, [scope, "any"])));
  return reason !== undefined;
}
