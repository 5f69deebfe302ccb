import { describe, expect, it } from "vitest";
import { createPageStore } from "~/services/page-cache.server";

const page = (bytes: number) => ({
  status: 200,
  headers: [] as [string, string][],
  segments: ["x".repeat(bytes)],
  bytes,
});

describe("page store", () => {
  it("forgets the least recently used pages beyond its size", () => {
    const store = createPageStore(300);
    store.set("a", page(100), store.generation);
    store.set("b", page(100), store.generation);
    store.set("c", page(100), store.generation);
    expect(store.get("a")).toBeDefined(); // a is now the most recent
    store.set("d", page(100), store.generation);
    expect(store.get("b")).toBeUndefined();
    expect(["a", "c", "d"].map((k) => store.get(k) !== undefined)).toEqual([true, true, true]);
    expect(store.bytes).toBe(300);
    store.set("huge", page(301), store.generation);
    expect(store.get("huge")).toBeUndefined();
    expect(store.size).toBe(3);
  });

  it("refuses a page rendered before the last change was heard", () => {
    const store = createPageStore(1000);
    const seen = store.generation;
    store.clear();
    store.set("a", page(10), seen);
    expect(store.get("a")).toBeUndefined();
    store.set("a", page(10), store.generation);
    expect(store.get("a")).toBeDefined();
    store.clear();
    expect(store.size).toBe(0);
    expect(store.bytes).toBe(0);
  });

  it("counts a replaced page once", () => {
    const store = createPageStore(1000);
    store.set("a", page(100), store.generation);
    store.set("a", page(200), store.generation);
    expect(store.bytes).toBe(200);
    expect(store.size).toBe(1);
  });
});
