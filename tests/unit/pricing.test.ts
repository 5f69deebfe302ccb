import { describe, expect, it } from "vitest";
import { normalizeMoroccanPhone } from "~/models/checkout-options";
import { CheckoutSchema } from "~/forms/checkout.server";
import { parseForm } from "~/utils/forms";
import { aggregateLines, paymentOptions } from "~/models/checkout.server";
import {
  cartTotals,
  commissionFor,
  groupByShop,
  lineTotal,
  orderTotals,
  shippingFor,
  shopTotals,
} from "~/models/pricing";

function formOf(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return form;
}

const shopA = { shippingFeeMa: 4500, shippingFeeIntl: 28000 };

describe("money arithmetic, integers only", () => {
  it("multiplies line totals in centimes and refuses fractions", () => {
    expect(lineTotal(12_550, 3)).toBe(37_650);
    expect(() => lineTotal(125.5, 1)).toThrow(RangeError);
    expect(() => lineTotal(100, 1.5)).toThrow(RangeError);
    expect(() => lineTotal(100, 0)).toThrow(RangeError);
    expect(() => lineTotal(-1, 1)).toThrow(RangeError);
  });

  it("charges each shop its own fee: Moroccan at home, international abroad", () => {
    expect(shippingFor(shopA, "MA")).toBe(4500);
    expect(shippingFor(shopA, "ma")).toBe(4500);
    expect(shippingFor(shopA, "FR")).toBe(28000);
  });

  it("totals a cart of two shops: shipping once per shop, whatever the number of lines", () => {
    const shops = [
      {
        ...shopA,
        lines: [
          { unitPriceCentimes: 15_000, quantity: 2 },
          { unitPriceCentimes: 9_900, quantity: 1 },
        ],
      },
      { shippingFeeMa: 2500, shippingFeeIntl: 15000, lines: [{ unitPriceCentimes: 120_000, quantity: 1 }] },
    ];
    expect(cartTotals(shops, "MA")).toEqual({
      subtotalCentimes: 159_900,
      shippingCentimes: 7_000,
      totalCentimes: 166_900,
    });
    expect(cartTotals(shops, "FR")).toEqual({
      subtotalCentimes: 159_900,
      shippingCentimes: 43_000,
      totalCentimes: 202_900,
    });
    expect(orderTotals([])).toEqual({ subtotalCentimes: 0, shippingCentimes: 0, totalCentimes: 0 });
  });

  it("takes commission on goods only, rounded half up to the centime", () => {
    expect(commissionFor(10_000, 0)).toBe(0);
    expect(commissionFor(10_000, 1_000)).toBe(1_000); // 10 % of 100 MAD
    expect(commissionFor(333, 1_000)).toBe(33); // 33.3 → 33
    expect(commissionFor(335, 1_000)).toBe(34); // 33.5 → 34 (half up)
    expect(commissionFor(12_345, 750)).toBe(926); // 925.875 → 926
    expect(commissionFor(1, 4_999)).toBe(0); // 0.4999 → 0
    expect(commissionFor(1, 5_000)).toBe(1); // 0.5 → 1
    expect(commissionFor(2_000_000_000, 10_000)).toBe(2_000_000_000);
    expect(() => commissionFor(100, 10_001)).toThrow(RangeError);
    expect(() => commissionFor(100, 2.5)).toThrow(RangeError);
    const t = shopTotals([{ unitPriceCentimes: 12_345, quantity: 1 }], 4_500, 750);
    expect(t).toEqual({
      subtotalCentimes: 12_345,
      shippingCentimes: 4_500,
      commissionRateBp: 750,
      commissionCentimes: 926,
      netCentimes: 12_345 - 926 + 4_500,
      totalCentimes: 16_845,
    });
    for (const v of Object.values(t)) expect(Number.isInteger(v)).toBe(true);
  });

  it("groups lines by cooperative and adds up lines drawing on the same product", () => {
    const groups = groupByShop([
      { cooperativeId: 2, n: 1 },
      { cooperativeId: 1, n: 2 },
      { cooperativeId: 2, n: 3 },
    ]);
    expect([...groups.keys()]).toEqual([2, 1]);
    expect(groups.get(2)!.map((l) => l.n)).toEqual([1, 3]);
    expect(
      aggregateLines([
        { productId: 7, quantity: 2 },
        { productId: 7, quantity: 3 },
        { productId: 8, quantity: 1 },
      ]),
    ).toEqual(
      new Map([
        [7, 5],
        [8, 1],
      ]),
    );
  });

  it("offers cash on delivery only in Morocco when every shop accepts it, and the card only with Stripe", () => {
    expect(paymentOptions({ country: "MA", allShopsAcceptCod: true, cardEnabled: false })).toEqual({
      card: false,
      cod: true,
    });
    expect(paymentOptions({ country: "FR", allShopsAcceptCod: true, cardEnabled: true })).toEqual({
      card: true,
      cod: false,
    });
    expect(paymentOptions({ country: "MA", allShopsAcceptCod: false, cardEnabled: true })).toEqual({
      card: true,
      cod: false,
    });
  });
});

describe("checkout form", () => {
  const valid = {
    name: "Salma Alaoui",
    email: "salma@example.ma",
    phone: "06 12 34 56 78",
    country: "MA",
    city: "Fès",
    line1: "12 derb Sidi",
    paymentMethod: "cod",
  };

  it("normalises Moroccan phone numbers and refuses others for a Moroccan address", () => {
    expect(normalizeMoroccanPhone("06 12 34 56 78")).toBe("+212612345678");
    expect(normalizeMoroccanPhone("+212 7-12-34-56-78")).toBe("+212712345678");
    expect(normalizeMoroccanPhone("00212535123456")).toBe("+212535123456");
    expect(normalizeMoroccanPhone("0812345678")).toBeNull();
    expect(normalizeMoroccanPhone("061234567")).toBeNull();
    expect(normalizeMoroccanPhone("+33612345678")).toBeNull();
    const ok = CheckoutSchema.safeParse(valid);
    expect(ok.success && ok.data.phone).toBe("+212612345678");
    const bad = CheckoutSchema.safeParse({ ...valid, phone: "+33 6 12 34 56 78" });
    expect(bad.success).toBe(false);
    const parsed = parseForm(CheckoutSchema, formOf({ ...valid, phone: "+33 6 12 34 56 78" }));
    expect(!parsed.ok && parsed.errors).toEqual({ phone: "checkout:errors.phoneMorocco" });
    // Abroad, a foreign number is fine.
    expect(CheckoutSchema.safeParse({ ...valid, country: "FR", phone: "+33 6 12 34 56 78" }).success).toBe(
      true,
    );
  });

  it("names each missing or wrong field", () => {
    const r = parseForm(
      CheckoutSchema,
      formOf({
        name: " ",
        email: "nope",
        phone: "",
        country: "XX",
        city: "",
        line1: "",
        paymentMethod: "cheque",
      }),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toEqual({
        name: "checkout:errors.nameRequired",
        email: "checkout:errors.emailInvalid",
        phone: "checkout:errors.phoneRequired",
        country: "checkout:errors.countryRequired",
        city: "checkout:errors.cityRequired",
        line1: "checkout:errors.line1Required",
        paymentMethod: "checkout:errors.paymentRequired",
      });
    }
    // The address alone missing: named too (unless the parts are collected at a fair).
    const noAddress = parseForm(
      CheckoutSchema,
      formOf({
        name: "Salma",
        email: "salma@example.ma",
        phone: "0661234567",
        country: "MA",
        city: "",
        line1: "",
        paymentMethod: "cod",
      }),
    );
    expect(!noAddress.ok && noAddress.errors).toEqual({
      city: "checkout:errors.cityRequired",
      line1: "checkout:errors.line1Required",
    });
  });
});
