import { describe, expect, it } from "vitest";
import { orderReference, partLetter, partReference } from "~/models/order-reference";

describe("order references", () => {
  it("names an order by its year in Morocco and its number, and each part by its letter", () => {
    expect(orderReference({ id: 123, createdAt: new Date("2026-03-04T10:00:00Z") })).toBe("H-2026-000123");
    expect(partReference({ id: 123, createdAt: "2026-03-04T10:00:00Z" }, 1)).toBe("H-2026-000123-B");
    expect(orderReference({ id: 1_234_567, createdAt: new Date("2026-03-04T10:00:00Z") })).toBe(
      "H-2026-1234567",
    );
  });

  it("takes the year of Casablanca, not of UTC, on New Year's night", () => {
    // 23:30 UTC on 31 December is already 00:30 on 1 January in Morocco (UTC+1).
    expect(orderReference({ id: 7, createdAt: new Date("2025-12-31T23:30:00Z") })).toBe("H-2026-000007");
  });

  it("letters parts A to Z, then AA, AB …", () => {
    expect([0, 1, 25, 26, 27, 51, 52].map(partLetter)).toEqual(["A", "B", "Z", "AA", "AB", "AZ", "BA"]);
  });
});
