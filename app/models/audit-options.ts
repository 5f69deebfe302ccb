/**
 * The actions the audit log knows how to say as a sentence (chamber:auditLog.actions.*), in
 * the order the log's filter lists them. `recordAudit` accepts only these, so a new action
 * cannot be written without its sentence (tests/unit/audit-actions.test.ts checks the locales).
 */
export const auditActions = [
  "listing.submit",
  "listing.revision.submit",
  "listing.approve",
  "listing.reject",
  "revision.approve",
  "revision.reject",
  "listing.unpublish",
  "listing.archive",
  "listing.stock.set",
  "listing.price.set",
  "report.dismiss",
  "application.approve",
  "application.reject",
  "cooperative.verify",
  "cooperative.suspend",
  "cooperative.reinstate",
  "cooperative.profile.update",
  "cooperative.rib.set",
  "cooperative.workshop.add",
  "cooperative.workshop.remove",
  "cooperative.workshop.alt",
  "membership.invite",
  "membership.accept",
  "membership.remove",
  "shop_order.confirm",
  "shop_order.ship",
  "shop_order.deliver",
  "shop_order.cancel",
  "shop_order.handover",
  "payout.record",
  "refund.by_hand",
  "refund.found_at_stripe",
  "craft.create",
  "craft.update",
  "settings.commission_rate",
  "settings.display_rates",
  "staff.role.set",
  "product_review.approve",
  "product_review.reject",
  "review_reply.approve",
  "review_reply.reject",
  "policy.update",
  "fair.create",
  "fair.update",
  "fair_stand.request",
  "fair_stand.accept",
  "fair_stand.decline",
  "holiday.save",
  "holiday.delete",
] as const;

export type AuditAction = (typeof auditActions)[number];

export function isAuditAction(value: unknown): value is AuditAction {
  return (auditActions as readonly unknown[]).includes(value);
}

/** The translation key of an action's sentence or label (`listing.price.set` → `listing_price_set`). */
export function auditActionKey(action: string): string {
  return action.replace(/\./g, "_");
}
