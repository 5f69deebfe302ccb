import { describe, expect, it } from "vitest";
import { formatAge, formatDate, formatMoney, formatNumber, minutesSince } from "~/i18n/format";

// Intl output contains non-breaking and bidi marks: compare on visible characters.
const visible = (s: string) => s.replace(/[\u200e\u200f\u061c]/g, "").replace(/[\u00a0\u202f]/g, " ");

describe("formatMoney", () => {
  it("formats whole dirhams without decimals, in French", () => {
    expect(visible(formatMoney(350000, "MAD", "fr"))).toBe("3.500 MAD");
  });

  it("formats centimes with two decimals, in French", () => {
    expect(visible(formatMoney(123450, "MAD", "fr"))).toBe("1.234,50 MAD");
  });

  it("formats in Arabic with the Moroccan dirham sign", () => {
    const text = visible(formatMoney(350000, "MAD", "ar"));
    expect(text).toContain("د.م.");
    expect(text).toContain("3.500");
    expect(visible(formatMoney(5, "MAD", "ar"))).toContain("0,05");
  });

  it("refuses anything that is not integer centimes", () => {
    expect(() => formatMoney(12.5, "MAD", "fr")).toThrow(TypeError);
    expect(() => formatMoney(Number.NaN, "MAD", "fr")).toThrow(TypeError);
  });

  it("formats other currencies for buyers abroad", () => {
    expect(visible(formatMoney(1999, "EUR", "fr"))).toBe("19,99 €");
  });
});

describe("formatNumber and formatDate", () => {
  it("follow the locale", () => {
    expect(visible(formatNumber(12345.6, "fr"))).toBe("12.345,6");
    expect(formatDate(new Date(Date.UTC(2026, 0, 15, 12)), "fr")).toBe("15 janvier 2026");
    expect(formatDate(new Date(Date.UTC(2026, 0, 15, 12)), "ar")).toContain("يناير");
  });
});

describe("formatDate on the server and in the browser", () => {
  it("writes Morocco's time whatever the machine's time zone, so hydration sees the same text", () => {
    const at = new Date(Date.UTC(2026, 0, 15, 23, 30));
    const saved = process.env.TZ;
    const seen = new Set<string>();
    try {
      for (const tz of ["UTC", "America/New_York", "Asia/Tokyo", "Africa/Casablanca"]) {
        process.env.TZ = tz;
        seen.add(formatDate(at, "fr", { dateStyle: "medium", timeStyle: "short" }));
      }
    } finally {
      process.env.TZ = saved;
    }
    expect([...seen]).toHaveLength(1);
    // 23:30 UTC is 00:30 the next day in Morocco (UTC+1 outside Ramadan).
    expect(visible([...seen][0])).toBe("16 jan. 2026, 00:30");
  });

  it("a caller cannot pass a time zone of its own", () => {
    const at = new Date(Date.UTC(2026, 2, 5, 23, 30));
    expect(formatDate(at, "fr", { timeStyle: "short", timeZone: "Asia/Tokyo" })).toBe(
      formatDate(at, "fr", { timeStyle: "short" }),
    );
  });

  it("refuses a missing or invalid date instead of writing 1 January 1970", () => {
    expect(() => formatDate(null as unknown as Date, "fr")).toThrow(TypeError);
    expect(() => formatDate("not a date", "fr")).toThrow(TypeError);
    expect(() => formatDate(new Date(Number.NaN), "ar")).toThrow(TypeError);
  });
});

describe("formatAge", () => {
  it("says how long ago in minutes, hours, then days, in the reader's language", () => {
    expect([5, 150, 49 * 60, 74 * 60].map((m) => formatAge(m, "fr"))).toEqual([
      "il y a 5 minutes",
      "il y a 2 heures",
      "avant-hier",
      "il y a 3 jours",
    ]);
    expect(formatAge(74 * 60, "ar")).toBe("قبل 3 أيام");
    expect(minutesSince(new Date(Date.now() - 90 * 60_000))).toBe(90);
    expect(minutesSince(new Date(Date.now() + 60_000))).toBe(0);
  });
});
