/** Listing states, shared by the server (rules) and the back-office pages (filters, labels). */
export const listingStatuses = ["draft", "pending", "published", "rejected", "archived"] as const;
export type ListingStatus = (typeof listingStatuses)[number];

export function parseListingStatus(value: string | null): ListingStatus | undefined {
  return (listingStatuses as readonly string[]).includes(value ?? "") ? (value as ListingStatus) : undefined;
}

/** A listing on sale with this many units or fewer is low on stock (the shop is told; buyers read "only N left"). */
export const LOW_STOCK_AT = 3;
