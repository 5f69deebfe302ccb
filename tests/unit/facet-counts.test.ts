import { describe, expect, it } from "vitest";
import { facetCounts, type FacetCell } from "~/models/search.server";

// Three crafts, two provinces, listings in and out of stock and of a price range.
const cells: FacetCell[] = [
  {
    craft: "carpets",
    province: "fes",
    cooperative: "tissage-fes",
    bucket: 3,
    inPrice: true,
    inStock: true,
    n: 5,
  },
  {
    craft: "carpets",
    province: "fes",
    cooperative: "tissage-fes",
    bucket: 4,
    inPrice: false,
    inStock: true,
    n: 2,
  },
  {
    craft: "carpets",
    province: "ifrane",
    cooperative: "azrou-laine",
    bucket: 3,
    inPrice: true,
    inStock: false,
    n: 3,
  },
  {
    craft: "pottery",
    province: "fes",
    cooperative: "fakhar",
    bucket: 1,
    inPrice: false,
    inStock: true,
    n: 7,
  },
  { craft: "pottery", province: "fes", cooperative: "fakhar", bucket: 3, inPrice: true, inStock: true, n: 1 },
  {
    craft: "leather",
    province: "ifrane",
    cooperative: "azrou-laine",
    bucket: 2,
    inPrice: true,
    inStock: true,
    n: 4,
  },
];

const asObject = <K extends string | number>(map: Map<K, number>) =>
  Object.fromEntries([...map].sort(([a], [b]) => String(a).localeCompare(String(b))));

describe("facet counts from the search groups", () => {
  it("without filters counts every group, the price range still applying", () => {
    // With no price filter every group is in range; here the range excludes 9 listings.
    const counts = facetCounts(cells, {});
    expect(counts.total).toBe(13);
    expect(asObject(counts.crafts)).toEqual({ carpets: 8, leather: 4, pottery: 1 });
    expect(asObject(counts.provinces)).toEqual({ fes: 6, ifrane: 7 });
    // The price facet ignores its own filter: every listing counts in its bucket.
    expect(asObject(counts.prices)).toEqual({ 1: 7, 2: 4, 3: 9, 4: 2 });
    expect(counts.inStock).toBe(10);
  });

  it("leaves each facet's own filter out of its counts and applies the others", () => {
    const counts = facetCounts(cells, { craft: "carpets", inStock: true });
    expect(counts.total).toBe(5);
    // Crafts: in stock and in range, any craft.
    expect(asObject(counts.crafts)).toEqual({ carpets: 5, leather: 4, pottery: 1 });
    // Provinces and cooperatives: carpets, in stock, in range (the Ifrane carpets are out of stock).
    expect(asObject(counts.provinces)).toEqual({ fes: 5 });
    expect(asObject(counts.cooperatives)).toEqual({ "tissage-fes": 5 });
    // Prices: carpets in stock whatever their price.
    expect(asObject(counts.prices)).toEqual({ 3: 5, 4: 2 });
    // In stock ignores its own filter: carpets in range, in stock.
    expect(counts.inStock).toBe(5);
  });

  it("counts what choosing a value would give, and leaves out values counting nothing", () => {
    const filters = { province: "ifrane" };
    const counts = facetCounts(cells, filters);
    for (const [craft, n] of counts.crafts) expect(facetCounts(cells, { ...filters, craft }).total).toBe(n);
    expect(asObject(counts.crafts)).toEqual({ carpets: 3, leather: 4 });
    expect(counts.cooperatives.has("fakhar")).toBe(false);
  });
});
