import { afterEach, describe, expect, it, vi } from "vitest";
import { createPageStore, sharedPageKey } from "~/services/page-cache.server";

const page = (bytes: number) => ({
  status: 200,
  headers: [] as [string, string][],
  segments: [Buffer.from("x".repeat(bytes))],
  slots: [],
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

describe("the shared page's key", () => {
  // What sharedPageKey reads of an Express request.
  const request = (path: string) =>
    ({
      method: "GET",
      path,
      originalUrl: path,
      protocol: "http",
      hostname: "hirfa.test",
      headers: { cookie: "lng=fr" },
      get: (name: string) => (name.toLowerCase() === "host" ? "hirfa.test" : undefined),
    }) as unknown as Parameters<typeof sharedPageKey>[0];

  afterEach(() => {
    vi.useRealTimers();
  });

  it("changes with Morocco's date: delivery estimates count from today (decision 020)", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-12-31T10:00:00Z"));
    const morning = sharedPageKey(request("/fr/products/tapis"));
    vi.setSystemTime(new Date("2026-12-31T22:30:00Z"));
    expect(sharedPageKey(request("/fr/products/tapis"))).toBe(morning);
    // 23:30 UTC is already 1 January in Casablanca (UTC+1).
    vi.setSystemTime(new Date("2026-12-31T23:30:00Z"));
    const nextDay = sharedPageKey(request("/fr/products/tapis"));
    expect(nextDay).not.toBeNull();
    expect(nextDay).not.toBe(morning);
  });
});
