/**
 * What the platform owes each cooperative, from the commission ledger: the net of every
 * delivered shop order (recorded at the time of sale), less the bank transfers already made.
 * Stripe Connect cannot pay Moroccan accounts, so payouts are transfers the chamber records.
 */
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { cooperatives, orders, payouts, shopOrders } from "#db/schema";
import type { Locale } from "~/i18n/config";
import { pickLocalized } from "~/i18n/localized";
import { partReference } from "./order-reference";
import { partIndexSql } from "./order-reference.server";
import { recordAudit } from "./audit.server";
import type { Outcome } from "~/utils/outcome";

export type Balance = {
  cooperativeId: number;
  slug: string;
  name: string;
  rib: string | null;
  deliveredNet: number;
  paid: number;
  owed: number;
};

export async function payoutBalances(db: Executor, locale: Locale): Promise<Balance[]> {
  const result = await db.execute<{
    id: number;
    slug: string;
    name: Record<string, string>;
    rib: string | null;
    delivered_net: string;
    paid: string;
  }>(sql`
    select c.id, c.slug, c.name, c.rib,
      coalesce((select sum(so.net_centimes) from ${shopOrders} so where so.cooperative_id = c.id and so.status = 'delivered'), 0) as delivered_net,
      coalesce((select sum(p.amount_centimes) from ${payouts} p where p.cooperative_id = c.id), 0) as paid
    from ${cooperatives} c
    order by c.slug`);
  return result.rows.map((r) => {
    const deliveredNet = Number(r.delivered_net);
    const paid = Number(r.paid);
    return {
      cooperativeId: Number(r.id),
      slug: r.slug,
      name: pickLocalized(r.name, locale).text,
      rib: r.rib,
      deliveredNet,
      paid,
      owed: deliveredNet - paid,
    };
  });
}

export async function recordPayout(
  db: Executor,
  input: {
    cooperativeId: number;
    staffId: number;
    amountCentimes: number;
    reference: string;
    paidOn: string;
  },
): Promise<Outcome<object, "more_than_owed" | "not_found">> {
  return db.transaction(async (tx) => {
    // Serialise payouts of one cooperative: two staff recording at once cannot overpay.
    const [coop] = await tx
      .select({ id: cooperatives.id })
      .from(cooperatives)
      .where(eq(cooperatives.id, input.cooperativeId))
      .for("update");
    if (!coop) return { ok: false, error: "not_found" } as const;
    const owed = await tx.execute<{ owed: string }>(sql`
      select coalesce((select sum(net_centimes) from ${shopOrders} where cooperative_id = ${input.cooperativeId} and status = 'delivered'), 0)
           - coalesce((select sum(amount_centimes) from ${payouts} where cooperative_id = ${input.cooperativeId}), 0) as owed`);
    if (input.amountCentimes > Number(owed.rows[0].owed))
      return { ok: false, error: "more_than_owed" } as const;
    const [row] = await tx
      .insert(payouts)
      .values({
        cooperativeId: input.cooperativeId,
        amountCentimes: input.amountCentimes,
        reference: input.reference,
        paidOn: input.paidOn,
        recordedBy: input.staffId,
      })
      .returning({ id: payouts.id });
    await recordAudit(tx, {
      actorUserId: input.staffId,
      action: "payout.record",
      entityType: "cooperative",
      entityId: String(input.cooperativeId),
      after: {
        payoutId: row.id,
        amountCentimes: input.amountCentimes,
        reference: input.reference,
        paidOn: input.paidOn,
      },
    });
    return { ok: true } as const;
  });
}

/** A cooperative's statement: delivered shop orders (gross, commission, net) and transfers. */
export async function cooperativeStatement(db: Executor, cooperativeId: number) {
  const [delivered, transfers] = await Promise.all([
    db
      .select({
        id: shopOrders.id,
        orderId: shopOrders.orderId,
        orderCreatedAt: orders.createdAt,
        partIndex: partIndexSql,
        deliveredAt: shopOrders.deliveredAt,
        gross: sql<number>`${shopOrders.subtotalCentimes} + ${shopOrders.shippingCentimes}`,
        commission: shopOrders.commissionCentimes,
        net: shopOrders.netCentimes,
      })
      .from(shopOrders)
      .innerJoin(orders, eq(orders.id, shopOrders.orderId))
      .where(and(eq(shopOrders.cooperativeId, cooperativeId), eq(shopOrders.status, "delivered")))
      .orderBy(desc(shopOrders.deliveredAt)),
    db.select().from(payouts).where(eq(payouts.cooperativeId, cooperativeId)).orderBy(asc(payouts.paidOn)),
  ]);
  const deliveredNet = delivered.reduce((sum, o) => sum + o.net, 0);
  const paid = transfers.reduce((sum, p) => sum + p.amountCentimes, 0);
  return {
    orders: delivered.map(({ orderId, orderCreatedAt, partIndex, ...o }) => ({
      ...o,
      reference: partReference({ id: orderId, createdAt: orderCreatedAt }, partIndex),
      gross: Number(o.gross),
      deliveredAt: o.deliveredAt?.toISOString() ?? null,
    })),
    transfers: transfers.map((p) => ({
      id: p.id,
      amount: p.amountCentimes,
      reference: p.reference,
      paidOn: p.paidOn,
    })),
    deliveredNet,
    paid,
    owed: deliveredNet - paid,
  };
}
