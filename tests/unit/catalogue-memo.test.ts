import { afterEach, describe, expect, it } from "vitest";
import {
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
