/**
 * Who may do what. The server checks these in every loader and action (auth.server.ts);
 * the browser uses the same functions only to hide what the server would refuse.
 */
import type { membershipRole, staffRole } from "#db/schema";

/** The roles are the database's enums (db/schema.ts), named once. */
export type MembershipRole = (typeof membershipRole.enumValues)[number];
export type StaffRole = (typeof staffRole.enumValues)[number];

/** What a member may do in the back office of their cooperative. */
export type CooperativePermission = "listings" | "orders" | "profile" | "members";
/** What chamber staff may do. */
export type StaffPermission = "moderate" | "administer";

const memberPermissions: Record<MembershipRole, readonly CooperativePermission[]> = {
  owner: ["listings", "orders", "profile", "members"],
  editor: ["listings", "orders"],
};

const staffPermissions: Record<StaffRole, readonly StaffPermission[]> = {
  admin: ["moderate", "administer"],
  moderator: ["moderate"],
};

export function memberCan(
  role: MembershipRole | null | undefined,
  permission: CooperativePermission,
): boolean {
  return role ? memberPermissions[role].includes(permission) : false;
}

export function staffCan(role: StaffRole | null | undefined, permission: StaffPermission): boolean {
  return role ? staffPermissions[role].includes(permission) : false;
}
