/**
 * The `handle` of a route whose page shows only public data: its documents may then be
 * served from the shared page cache to visitors without a session or cart (decision 005).
 * Only the deepest matched route's handle counts, so a child route never inherits it.
 */
export type SharedPageHandle = { sharedPage?: true };

export function isSharedPageHandle(handle: unknown): boolean {
  return typeof handle === "object" && handle !== null && (handle as SharedPageHandle).sharedPage === true;
}
