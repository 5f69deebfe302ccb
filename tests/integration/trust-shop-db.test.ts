/**
 * The data rules of decision 020 on both engines (PGlite and PostgreSQL): the holidays the
 * migration seeds and their dates read back as calendar days, the estimate from them, the
 * cooperative's checks (women members, transit ranges), the merge of a guest's favourites.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCooperative, createCraft, createProduct } from "#db/factories";
import { cooperatives, favourites, publicHolidays, users } from "#db/schema";
import { addWorkingDays } from "~/models/delivery";
import { deliveryLines, loadHolidays, saveHoliday } from "~/models/delivery.server";
import { favouriteIds, mergeGuestFavourites } from "~/models/favourites.server";
import { createTestDatabase, engines, type TestDatabase } from "../support/db";

async function refusal(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    let e: unknown = error;
    while (e && typeof e === "object" && !("code" in e) && "cause" in e) e = e.cause;
    return (e as { constraint?: string }).constraint ?? (e as { code?: string }).code;
  }
  throw new Error("the database accepted it");
}

describe.each(engines)("favourites, holidays and makers on %s", (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it("seeds Morocco's 2026 and 2027 holidays, read back as calendar days", async () => {
    const holidays = await loadHolidays(t.db);
    for (const day of ["2026-01-01", "2026-07-30", "2026-11-18", "2027-01-11", "2027-11-06", "2027-10-31"])
      expect(holidays.has(day), day).toBe(true);
    expect([...holidays].filter((d) => d.startsWith("2026")).length).toBeGreaterThanOrEqual(15);
    // Independence Day 2026 is a Wednesday: Tuesday + 1 working day is Thursday.
    expect(addWorkingDays("2026-11-17", 1, holidays)).toBe("2026-11-19");
  });

  it("estimates from the stored holidays, and a holiday saved twice is renamed, not doubled", async () => {
    const [admin] = await t.db.insert(users).values({ email: "a@x.ma", name: "Admin" }).returning();
    await saveHoliday(t.db, { day: "2030-03-04", name: { ar: "أ", fr: "A" }, actorUserId: admin.id });
    await saveHoliday(t.db, { day: "2030-03-04", name: { ar: "ب", fr: "B" }, actorUserId: admin.id });
    const rows = await t.db.select().from(publicHolidays).where(eq(publicHolidays.day, "2030-03-04"));
    expect(rows.map((r) => r.name)).toEqual([{ ar: "ب", fr: "B" }]);
    const holidays = await loadHolidays(t.db);
    // Friday 1 March 2030, 1 day to prepare: Monday 4 is a holiday → Tuesday 5; then 1 day → Wednesday 6.
    const coop = await createCooperative(t.db, {
      processingDays: 1,
      transitRegionMinDays: 1,
      transitRegionMaxDays: 2,
    });
    const [line] = deliveryLines(coop, holidays, "fr", {
      start: "2030-03-01",
      today: "2030-03-01",
      zones: ["region"],
    });
    expect(line).toMatchObject({ from: "2030-03-06", to: "2030-03-07", fromText: "6", toText: "7 mars" });
  });

  it("refuses more women than members and a transit range that ends before it starts", async () => {
    const coop = await createCooperative(t.db, { memberCount: 10 });
    expect(
      await refusal(
        t.db.update(cooperatives).set({ womenMemberCount: 11 }).where(eq(cooperatives.id, coop.id)),
      ),
    ).toBe("cooperatives_women_members_range");
    expect(
      await refusal(
        t.db
          .update(cooperatives)
          .set({ transitAbroadMinDays: 9, transitAbroadMaxDays: 3 })
          .where(eq(cooperatives.id, coop.id)),
      ),
    ).toBe("cooperatives_transit_days_range");
    await t.db.update(cooperatives).set({ womenMemberCount: 10 }).where(eq(cooperatives.id, coop.id));
  });

  it("merges a guest's favourites once, on sale only, the guest's newest first", async () => {
    const craft = await createCraft(t.db);
    const coop = await createCooperative(t.db);
    const a = await createProduct(t.db, { cooperativeId: coop.id, craftId: craft.id });
    const b = await createProduct(t.db, { cooperativeId: coop.id, craftId: craft.id });
    const draft = await createProduct(t.db, {
      cooperativeId: coop.id,
      craftId: craft.id,
      status: "draft",
      publishedAt: null,
    });
    const [user] = await t.db.insert(users).values({ email: "b@x.ma", name: "Buyer" }).returning();
    await t.db.insert(favourites).values({ userId: user.id, productId: a.id, createdAt: new Date(0) });
    const added = await mergeGuestFavourites(t.db, { userId: user.id, productIds: [b.id, draft.id, a.id] });
    expect(added).toBe(1);
    expect(await favouriteIds(t.db, user.id)).toEqual([b.id, a.id]);
    // Deleting the account takes its favourites.
    await t.db.delete(users).where(eq(users.id, user.id));
    const [{ n }] = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(favourites)
      .where(eq(favourites.userId, user.id));
    expect(n).toBe(0);
  });
});
