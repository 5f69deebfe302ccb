import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addCalendarDays,
  addWorkingDays,
  estimateDelivery,
  isWorkingDay,
  moroccoToday,
  zoneOf,
} from "~/models/delivery";

const none = new Set<string>();
// 2026-12-04 is a Friday; 2026-11-18 (a Wednesday) is Independence Day.
const holidays = new Set(["2026-11-18", "2027-01-01", "2027-01-11", "2027-01-14"]);

describe("working days", () => {
  it("skips the weekend: Friday + 1 is Monday", () => {
    expect(addWorkingDays("2026-12-04", 1, none)).toBe("2026-12-07");
    expect(addWorkingDays("2026-12-04", 5, none)).toBe("2026-12-11");
  });

  it("starts on the next working day when asked for none on a weekend or holiday", () => {
    expect(addWorkingDays("2026-12-05", 0, none)).toBe("2026-12-07");
    expect(addWorkingDays("2026-12-02", 0, none)).toBe("2026-12-02");
    expect(addWorkingDays("2026-11-18", 0, holidays)).toBe("2026-11-19");
  });

  it("skips public holidays", () => {
    expect(addWorkingDays("2026-11-17", 1, holidays)).toBe("2026-11-19");
    expect(addWorkingDays("2026-11-17", 1, none)).toBe("2026-11-18");
  });

  it("crosses the year end and New Year's Day", () => {
    // Thu 31 Dec 2026 → Fri 1 Jan is a holiday, then the weekend: Monday 4 January.
    expect(addWorkingDays("2026-12-31", 1, holidays)).toBe("2027-01-04");
    // Sat 9 Jan 2027 + 3: Mon 11 is a holiday → Tue 12, Wed 13, Thu 14 holiday → Fri 15.
    expect(addWorkingDays("2027-01-09", 3, holidays)).toBe("2027-01-15");
    expect(addCalendarDays("2028-02-28", 1)).toBe("2028-02-29");
  });

  it("refuses a negative or fractional count", () => {
    expect(() => addWorkingDays("2026-12-01", -1, none)).toThrow(RangeError);
    expect(() => addWorkingDays("2026-12-01", 1.5, none)).toThrow(RangeError);
  });
});

const day = fc
  .date({ min: new Date("2025-01-01T00:00:00Z"), max: new Date("2028-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const holidaySet = fc.uniqueArray(day, { maxLength: 40 }).map((days) => new Set(days));

describe("working days, for any day and any holidays", () => {
  it("land on a working day, after the start, and count exactly n working days", () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 40 }), holidaySet, (start, n, hs) => {
        const end = addWorkingDays(start, n, hs);
        expect(isWorkingDay(end, hs)).toBe(true);
        expect(end >= start).toBe(true);
        let counted = 0;
        for (let d = addCalendarDays(start, 1); d <= end; d = addCalendarDays(d, 1))
          if (isWorkingDay(d, hs)) counted += 1;
        expect(counted).toBe(n === 0 ? (end === start ? 0 : 1) : n);
      }),
    );
  });

  it("are monotonic and additive: (n + m) = m after n", () => {
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 20 }),
        holidaySet,
        (start, n, m, hs) => {
          const a = addWorkingDays(start, n, hs);
          expect(addWorkingDays(start, n + 1, hs) > a).toBe(true);
          expect(addWorkingDays(start, n + m, hs)).toBe(addWorkingDays(a, m, hs));
        },
      ),
    );
  });

  it("never takes fewer calendar days than working days", () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 30 }), holidaySet, (start, n, hs) => {
        const end = addWorkingDays(start, n, hs);
        const calendar = (Date.parse(end) - Date.parse(start)) / 86_400_000;
        expect(calendar).toBeGreaterThanOrEqual(n);
      }),
    );
  });
});

describe("an estimate", () => {
  it("adds preparation then transit, both in working days", () => {
    // Tue 1 Dec 2026, 3 days to prepare → Fri 4; 1–3 days of transit → Mon 7 to Wed 9.
    expect(
      estimateDelivery({ start: "2026-12-01", processingDays: 3, transit: { min: 1, max: 3 } }, none),
    ).toEqual({ from: "2026-12-07", to: "2026-12-09" });
  });

  it("from is never after to", () => {
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: 0, max: 90 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 30 }),
        holidaySet,
        (start, processingDays, a, b, hs) => {
          const range = estimateDelivery(
            { start, processingDays, transit: { min: Math.min(a, b), max: Math.max(a, b) } },
            hs,
          );
          expect(range.from <= range.to).toBe(true);
        },
      ),
    );
  });
});

describe("today in Morocco and zones", () => {
  it("uses Casablanca's calendar, not the machine's", () => {
    // 23:30 UTC on 31 December is already 1 January in Morocco (UTC+1).
    expect(moroccoToday(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
    expect(moroccoToday(new Date("2026-12-31T12:00:00Z"))).toBe("2026-12-31");
  });

  it("puts the region's cities in the region, whatever the spelling", () => {
    expect(zoneOf("MA", "Fès")).toBe("region");
    expect(zoneOf("ma", " MEKNES ")).toBe("region");
    expect(zoneOf("MA", "فاس")).toBe("region");
    expect(zoneOf("MA", "Casablanca")).toBe("morocco");
    expect(zoneOf("FR", "Fès")).toBe("abroad");
  });
});
