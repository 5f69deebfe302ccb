/** Listing states, shared by the server (rules) and the back-office pages (filters, labels). */
export const listingStatuses = ["draft", "pending", "published", "rejected", "archived"] as const;
export type ListingStatus = (typeof listingStatuses)[number];

export function parseListingStatus(value: string | null): ListingStatus | undefined {
  return (listingStatuses as readonly string[]).includes(value ?? "") ? (value as ListingStatus) : undefined;
}
