/**
 * The region's figures for the chamber: sales by month, craft, province and cooperative,
 * listings waiting for review and the median time a review takes. A sale is a shop order
 * that is not cancelled and either paid by card or confirmed by its cooperative (a
 * cash-on-delivery order counts once the confirmation call is made); cash-on-delivery
 * orders not yet confirmed are shown apart, as awaiting confirmation.
 */
import { sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import type { Locale } from "~/i18n/config";
import { pickLocalized } from "~/i18n/localized";
import { countLateReviews, countPendingReviews } from "./moderation.server";
import { stringify } from "csv-stringify/sync";

export type Row = { key: string; label: string; orders: number; amount: number };

const SALE = sql`so.status <> 'cancelled' and (o.payment_status = 'paid' or (o.payment_status = 'cod_pending' and so.status in ('confirmed', 'shipped', 'delivered')))`;
const AWAITING_CONFIRMATION = sql`so.status = 'pending' and o.payment_status = 'cod_pending'`;

function toRows(
  rows: { key: unknown; label: unknown; orders: unknown; amount: unknown }[],
  locale: Locale,
): Row[] {
  return rows.map((r) => ({
    key: String(r.key),
    label:
      typeof r.label === "object" && r.label !== null
        ? pickLocalized(r.label as Record<string, string>, locale).text
        : String(r.label),
    orders: Number(r.orders),
    amount: Number(r.amount),
  }));
}

export async function regionStats(db: Executor, locale: Locale) {
  const [byMonth, byCraft, byProvince, topCooperatives, pending, median, late, awaiting] = await Promise.all([
    db.execute(sql`
      select to_char(date_trunc('month', o.created_at at time zone 'Africa/Casablanca'), 'YYYY-MM') as key,
             to_char(date_trunc('month', o.created_at at time zone 'Africa/Casablanca'), 'YYYY-MM') as label,
             count(distinct o.id) as orders, coalesce(sum(so.subtotal_centimes), 0) as amount
      from shop_orders so join orders o on o.id = so.order_id
      where ${SALE} and o.created_at > now() - interval '12 months'
      group by 1 order by 1`),
    db.execute(sql`
      select c.slug as key, c.name as label, count(distinct so.id) as orders, coalesce(sum(ol.line_total_centimes), 0) as amount
      from order_lines ol join shop_orders so on so.id = ol.shop_order_id join orders o on o.id = so.order_id
      join products p on p.id = ol.product_id join crafts c on c.id = p.craft_id
      where ${SALE} group by c.slug, c.name order by amount desc`),
    db.execute(sql`
      select pr.slug as key, pr.name as label, count(distinct so.id) as orders, coalesce(sum(so.subtotal_centimes), 0) as amount
      from shop_orders so join orders o on o.id = so.order_id join cooperatives co on co.id = so.cooperative_id
      join provinces pr on pr.slug = co.province_slug
      where ${SALE} group by pr.slug, pr.name order by amount desc`),
    db.execute(sql`
      select co.slug as key, co.name as label, count(distinct so.id) as orders, coalesce(sum(so.subtotal_centimes), 0) as amount
      from shop_orders so join orders o on o.id = so.order_id join cooperatives co on co.id = so.cooperative_id
      where ${SALE} group by co.slug, co.name order by amount desc limit 10`),
    countPendingReviews(db),
    db.execute<{ seconds: number | null }>(sql`
      select percentile_cont(0.5) within group (order by seconds) as seconds from (
        select extract(epoch from reviewed_at - submitted_at) as seconds from products where reviewed_at is not null and submitted_at is not null
        union all
        select extract(epoch from decided_at - submitted_at) from product_revisions where decided_at is not null and submitted_at is not null
      ) d`),
    countLateReviews(db),
    db.execute<{ orders: string; amount: string }>(sql`
      select count(*) as orders, coalesce(sum(so.subtotal_centimes), 0) as amount
      from shop_orders so join orders o on o.id = so.order_id
      where ${AWAITING_CONFIRMATION}`),
  ]);
  type Raw = { key: unknown; label: unknown; orders: unknown; amount: unknown };
  return {
    byMonth: toRows(byMonth.rows as Raw[], locale),
    byCraft: toRows(byCraft.rows as Raw[], locale),
    byProvince: toRows(byProvince.rows as Raw[], locale),
    topCooperatives: toRows(topCooperatives.rows as Raw[], locale),
    pendingReviews: pending,
    lateReviews: late,
    awaitingConfirmation: {
      orders: Number(awaiting.rows[0]?.orders ?? 0),
      amount: Number(awaiting.rows[0]?.amount ?? 0),
    },
    medianReviewHours:
      median.rows[0]?.seconds == null ? null : Math.round((Number(median.rows[0].seconds) / 3600) * 10) / 10,
  };
}

export const statTables = ["byMonth", "byCraft", "byProvince", "topCooperatives"] as const;
export type StatTable = (typeof statTables)[number];

/**
 * One table as CSV (RFC 4180: CRLF, quoted where needed), amounts in dirhams with two decimals;
 * written by `csv-stringify`, as the impact CSV is, with cells a spreadsheet would run as
 * formulas (=, +, -, @ first) escaped.
 */
export function toCsv(header: string[], rows: (string | number)[][]): string {
  return toCsvRows([header, ...rows]);
}

/** CSV lines without a header (a file written a batch at a time). */
export function toCsvRows(rows: (string | number)[][]): string {
  // A line break inside a cell is quoted too: with CRLF records csv-stringify quotes only "\r\n".
  return stringify(rows, { record_delimiter: "windows", escape_formulas: true, quoted_match: /[\r\n]/ });
}

export function centimesToDecimal(centimes: number): string {
  const sign = centimes < 0 ? "-" : "";
  const abs = Math.abs(centimes);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
