/** Catalogue options shared by the server (queries) and the browser (forms). */
export const PAGE_SIZE = 24;
export const craftSorts = ["newest", "price_asc", "price_desc"] as const;
export type CraftSort = (typeof craftSorts)[number];

export function parseCraftSort(value: string | null | undefined): CraftSort {
  return (craftSorts as readonly string[]).includes(value ?? "") ? (value as CraftSort) : "newest";
}
