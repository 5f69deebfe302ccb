/** Search options shared by the server (queries) and the browser (forms). */
export const searchSorts = ["relevance", "newest", "price_asc", "price_desc"] as const;
export type SearchSort = (typeof searchSorts)[number];

export function parseSearchSort(value: string | null | undefined): SearchSort | undefined {
  return (searchSorts as readonly string[]).includes(value ?? "") ? (value as SearchSort) : undefined;
}

/** Price ranges offered with their counts, in whole dirhams, both ends inclusive. */
export const PRICE_BUCKETS: { min: number; max: number | null }[] = [
  { min: 0, max: 199 },
  { min: 200, max: 499 },
  { min: 500, max: 999 },
  { min: 1000, max: 2999 },
  { min: 3000, max: null },
];

/** A bound in dirhams from the URL to centimes; `upper` bounds include the whole dirham. */
export function dirhamsToCentimes(mad: number, upper: boolean): number {
  return mad * 100 + (upper ? 99 : 0);
}
