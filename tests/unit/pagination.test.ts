/** Every paginated list's arithmetic (app/models/pagination.ts), for any total and any asked page. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pageCountOf, pageWindow } from "~/models/pagination";

describe("pageWindow", () => {
  it("shows every row exactly once across its pages, and a page past either end shows the nearest", () => {
    fc.assert(
      fc.property(
        fc.nat(500),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: -5, max: 600 }),
        (total, size, asked) => {
          const { page, pageCount, limit, offset } = pageWindow(total, asked, size);
          expect(pageCount).toBe(pageCountOf(total, size));
          expect(page).toBe(Math.min(Math.max(asked, 1), pageCount));
          expect(limit).toBe(size);
          // The pages, one after another, cover rows 0…total-1 without gap or overlap.
          const shown = Array.from({ length: pageCount }, (_, i) => pageWindow(total, i + 1, size)).flatMap(
            (w) =>
              Array.from(
                { length: Math.max(0, Math.min(w.limit, total - w.offset)) },
                (_, j) => w.offset + j,
              ),
          );
          expect(shown).toEqual(Array.from({ length: total }, (_, i) => i));
          expect(offset).toBe((page - 1) * size);
        },
      ),
    );
  });

  it("gives an empty list one page", () => {
    expect(pageWindow(0, 3, 20)).toEqual({ page: 1, pageCount: 1, limit: 20, offset: 0 });
    expect(pageWindow(41, 3, 20)).toEqual({ page: 3, pageCount: 3, limit: 20, offset: 40 });
  });
});
