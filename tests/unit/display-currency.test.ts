import { describe, expect, it } from "vitest";
import { convertCentimes, parseRate, rateToInput } from "~/models/display-currency";
import { guessDestination } from "~/models/checkout-options";

describe("display currency estimates", () => {
  it("converts MAD centimes to cents with integers only, half up", () => {
    expect(convertCentimes(35_000, 108_500)).toBe(3226); // 350 MAD at 10.85 → 32.258… €
    expect(convertCentimes(0, 108_500)).toBe(0);
    expect(convertCentimes(1085, 108_500)).toBe(100);
    expect(convertCentimes(5, 100_000)).toBe(1); // 0.5 cent rounds up
    expect(convertCentimes(1_000_000_000_00, 99_500)).toBe(10_050_251_256); // large totals stay exact
    expect(() => convertCentimes(1.5, 108_500)).toThrow(RangeError);
    expect(() => convertCentimes(100, 0)).toThrow(RangeError);
  });

  it("reads rates as typed by the chamber (dot or comma, four decimals at most)", () => {
    expect(parseRate("10.85")).toBe(108_500);
    expect(parseRate("10,85")).toBe(108_500);
    expect(parseRate(" 11 ")).toBe(110_000);
    expect(parseRate("9.9512")).toBe(99_512);
    for (const bad of ["", "0", "0.0000", "ten", "10.12345", "-3", "1e3", "1001"])
      expect(parseRate(bad), bad).toBeNull();
    expect(rateToInput(108_500)).toBe("10.85");
    expect(rateToInput(110_000)).toBe("11");
    expect(rateToInput(99_512)).toBe("9.9512");
  });
});

describe("the cart's destination", () => {
  it("is the buyer's choice, else (English pages) their browser's region, else Morocco", () => {
    const english = (acceptLanguage: string | null) => ({ acceptLanguage });
    expect(guessDestination("fr", english("en-US"))).toBe("FR");
    expect(guessDestination(null, english("en-US,en;q=0.9"))).toBe("US");
    expect(guessDestination(null, english("de-DE"))).toBe("DE");
    expect(guessDestination(null, english("fr, en-GB;q=0.8"))).toBe("GB");
    expect(guessDestination("XX", english("fr"))).toBe("MA");
    expect(guessDestination(null, english(null))).toBe("MA");
    // Arabic and French pages: Morocco, whatever the browser says.
    expect(guessDestination(null)).toBe("MA");
  });
});
