/** How many pages `total` rows make at `size` a page: one at least, so an empty list has page 1. */
export function pageCountOf(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}

/**
 * The page of a list a request asked for, moved into 1…pageCount (a page past the end shows the
 * last one), and the window of rows it shows: one arithmetic for every paginated list.
 */
export function pageWindow(total: number, requested: number, size: number) {
  const pageCount = pageCountOf(total, size);
  const page = Math.min(Math.max(1, requested), pageCount);
  return { page, pageCount, limit: size, offset: (page - 1) * size };
}
