import { afterEach, describe, expect, it } from "vitest";
import {
  catalogueCache,
  catalogueMemo,
  setCatalogueChanges,
  type CatalogueChanges,
} from "~/services/catalogue-changes.server";

function fakeChanges() {
  const state = { generation: 0, listening: true };
  const changes: CatalogueChanges = {
    get generation() {
      return state.generation;
    },
    onChange: () => {},
    settle: async () => state.listening,
    stop: async () => {},
  };
  return { state, changes };
}

afterEach(() => setCatalogueChanges(null));

describe("catalogueMemo", () => {
  it("computes every time without a change feed", async () => {
    let loads = 0;
    const memo = catalogueMemo(async () => ++loads);
    expect([await memo(), await memo()]).toEqual([1, 2]);
  });

  it("keeps the value until the catalogue changes, and not while the feed is down", async () => {
    const { state, changes } = fakeChanges();
    setCatalogueChanges(changes);
    let loads = 0;
    const memo = catalogueMemo(async () => ++loads);
    expect([await memo(), await memo()]).toEqual([1, 1]);
    state.generation += 1;
    expect([await memo(), await memo()]).toEqual([2, 2]);
    state.listening = false;
    expect([await memo(), await memo()]).toEqual([3, 4]);
  });

  it("does not keep a value during whose loading a change was heard", async () => {
    const { state, changes } = fakeChanges();
    setCatalogueChanges(changes);
    let loads = 0;
    const memo = catalogueMemo(async () => {
      loads += 1;
      if (loads === 1) state.generation += 1; // a change lands while the first load runs
      return loads;
    });
    expect(await memo()).toBe(1);
    expect(await memo()).toBe(2);
    expect(await memo()).toBe(2);
  });
});

describe("catalogueCache", () => {
  it("keeps one value per key until the catalogue changes, the least recently used out first", async () => {
    const { state, changes } = fakeChanges();
    setCatalogueChanges(changes);
    const loads: string[] = [];
    const cache = catalogueCache({ maxEntries: 2, key: (k: string) => k }, async (k) => {
      loads.push(k);
      return { k, n: loads.length };
    });
    expect((await cache("a")).n).toBe(1);
    expect((await cache("b")).n).toBe(2);
    expect((await cache("a")).n).toBe(1); // a hit: "b" is now the least recently used
    expect((await cache("c")).n).toBe(3); // pushes "b" out
    expect((await cache("a")).n).toBe(1);
    expect((await cache("b")).n).toBe(4);
    state.generation += 1;
    expect((await cache("a")).n).toBe(5);
    state.listening = false;
    expect((await cache("a")).n).toBe(6);
    expect((await cache("a")).n).toBe(7);
  });

  it("does not keep a value during whose loading a change was heard", async () => {
    const { state, changes } = fakeChanges();
    setCatalogueChanges(changes);
    let loads = 0;
    const cache = catalogueCache({ maxEntries: 10, key: (k: string) => k }, async () => {
      loads += 1;
      if (loads === 1) state.generation += 1;
      return loads;
    });
    expect([await cache("a"), await cache("a"), await cache("a")]).toEqual([1, 2, 2]);
  });

  it("hands out frozen values: a caller cannot change what the next one gets", async () => {
    const { changes } = fakeChanges();
    setCatalogueChanges(changes);
    const cache = catalogueCache({ maxEntries: 10, key: (k: string) => k }, async () => ({
      list: [{ stock: 3 }],
    }));
    const first = await cache("a");
    expect(() => {
      first.list[0].stock = 0;
    }).toThrow(TypeError);
    expect(() => first.list.push({ stock: 1 })).toThrow(TypeError);
    expect((await cache("a")).list).toEqual([{ stock: 3 }]);
  });
});
