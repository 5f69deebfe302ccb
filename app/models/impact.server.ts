/**
 * The region's impact in public (decision 021): what Hirfa paid the cooperatives (the payout
 * ledger), what sold, and who sold it, in total, by province and by craft. Aggregates only:
 * nothing here names a buyer or an order. A sale is what the chamber's own dashboard counts
 * (region-stats.server.ts): a shop order not cancelled, paid by card, or cash on delivery (or at
 * a stand) once its cooperative confirmed it.
 *
 * The figures are kept in memory until the database announces a change to the ledger or the
 * sales (payouts and shop_orders notify the catalogue channel: migration 0016), so every
 * process recomputes them after a payout or a sale, and never serves them stale.
 */
import { sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import type { Localized } from "#db/schema";
import type { Locale } from "~/i18n/config";
import { pickLocalized, type LocalizedText } from "~/i18n/localized";
import { catalogueMemo } from "~/services/catalogue-changes.server";
import { centimesToDecimal, toCsvRows } from "./region-stats.server";

const SALE = sql`so.status <> 'cancelled' and (o.payment_status = 'paid' or (o.payment_status = 'cod_pending' and so.status in ('confirmed', 'shipped', 'delivered')))`;
const THIS_YEAR = sql`to_char(now() at time zone 'Africa/Casablanca', 'YYYY')`;

export type ImpactGroup = {
  key: string;
  label: LocalizedText;
  cooperatives: number;
  articles: number;
  salesCentimes: number;
  paidCentimes: number;
};

export type Impact = {
  year: string;
  paidThisYearCentimes: number;
  paidTotalCentimes: number;
  orders: number;
  articles: number;
  salesCentimes: number;
  cooperativesSelling: number;
  membersSelling: number;
  /** Women members of the selling cooperatives that say how many they have. */
  womenMembers: number;
  /** Of the selling cooperatives, how many said how many women members they have. */
  womenReportedBy: number;
  byProvince: ImpactGroup[];
  byCraft: ImpactGroup[];
};

type RawGroup = Omit<ImpactGroup, "label"> & { label: Localized };
type RawImpact = Omit<Impact, "byProvince" | "byCraft"> & { byProvince: RawGroup[]; byCraft: RawGroup[] };

const n = (v: unknown) => Number(v ?? 0);

async function computeImpact(db: Executor): Promise<RawImpact> {
  const [paid, totals, sellers, byProvince, byCraft] = await Promise.all([
    db.execute<{ year: string; this_year: string; total: string }>(sql`
      select ${THIS_YEAR} as year,
             coalesce(sum(amount_centimes) filter (where left(paid_on, 4) = ${THIS_YEAR}), 0) as this_year,
             coalesce(sum(amount_centimes), 0) as total
      from payouts`),
    db.execute<{ orders: string; articles: string; sales: string }>(sql`
      select count(distinct o.id) as orders, coalesce(sum(ol.quantity), 0) as articles,
             coalesce(sum(ol.line_total_centimes), 0) as sales
      from order_lines ol join shop_orders so on so.id = ol.shop_order_id join orders o on o.id = so.order_id
      where ${SALE}`),
    db.execute<{ cooperatives: string; members: string; women: string; women_reported: string }>(sql`
      select count(*) as cooperatives,
             coalesce(sum(c.member_count), 0) as members,
             coalesce(sum(c.women_member_count), 0) as women,
             count(c.women_member_count) as women_reported
      from cooperatives c
      where exists (select 1 from shop_orders so join orders o on o.id = so.order_id
                    where so.cooperative_id = c.id and ${SALE})`),
    db.execute<{
      key: string;
      label: Localized;
      cooperatives: string;
      articles: string;
      sales: string;
      paid: string;
    }>(sql`
      select pr.slug as key, pr.name as label,
             count(distinct s.cooperative_id) as cooperatives,
             coalesce(sum(s.articles), 0) as articles, coalesce(sum(s.sales), 0) as sales,
             coalesce((select sum(p.amount_centimes) from payouts p join cooperatives pc on pc.id = p.cooperative_id
                       where pc.province_slug = pr.slug), 0) as paid
      from provinces pr
      left join cooperatives c on c.province_slug = pr.slug
      left join (
        select so.cooperative_id, sum(ol.quantity) as articles, sum(ol.line_total_centimes) as sales
        from order_lines ol join shop_orders so on so.id = ol.shop_order_id join orders o on o.id = so.order_id
        where ${SALE} group by so.cooperative_id
      ) s on s.cooperative_id = c.id
      group by pr.slug, pr.name, pr.sort_order
      order by sales desc, pr.sort_order, pr.slug`),
    db.execute<{ key: string; label: Localized; cooperatives: string; articles: string; sales: string }>(sql`
      select cr.slug as key, cr.name as label,
             count(distinct so.cooperative_id) as cooperatives,
             coalesce(sum(ol.quantity), 0) as articles, coalesce(sum(ol.line_total_centimes), 0) as sales
      from order_lines ol join shop_orders so on so.id = ol.shop_order_id join orders o on o.id = so.order_id
      join products p on p.id = ol.product_id join crafts cr on cr.id = p.craft_id
      where ${SALE}
      group by cr.slug, cr.name, cr.sort_order
      order by sales desc, cr.sort_order, cr.slug`),
  ]);
  const p = paid.rows[0];
  const t = totals.rows[0];
  const s = sellers.rows[0];
  return {
    year: p.year,
    paidThisYearCentimes: n(p.this_year),
    paidTotalCentimes: n(p.total),
    orders: n(t.orders),
    articles: n(t.articles),
    salesCentimes: n(t.sales),
    cooperativesSelling: n(s.cooperatives),
    membersSelling: n(s.members),
    womenMembers: n(s.women),
    womenReportedBy: n(s.women_reported),
    byProvince: byProvince.rows.map((r) => ({
      key: r.key,
      label: r.label,
      cooperatives: n(r.cooperatives),
      articles: n(r.articles),
      salesCentimes: n(r.sales),
      paidCentimes: n(r.paid),
    })),
    byCraft: byCraft.rows.map((r) => ({
      key: r.key,
      label: r.label,
      cooperatives: n(r.cooperatives),
      articles: n(r.articles),
      salesCentimes: n(r.sales),
      paidCentimes: 0,
    })),
  };
}

let memo: { db: Executor; get: () => Promise<RawImpact> } | null = null;

/** The impact figures, in the reader's language; recomputed only after the ledger or the sales change. */
export async function getImpact(db: Executor, locale: Locale): Promise<Impact> {
  if (!memo || memo.db !== db) memo = { db, get: catalogueMemo(() => computeImpact(db)) };
  const raw = await memo.get();
  const localize = (g: RawGroup): ImpactGroup => ({ ...g, label: pickLocalized(g.label, locale) });
  return { ...raw, byProvince: raw.byProvince.map(localize), byCraft: raw.byCraft.map(localize) };
}

/** The page's tables as one CSV file (amounts in dirhams, two decimals); headers in the reader's language. */
export function impactCsv(impact: Impact, header: Record<string, string>): string {
  const rows: (string | number)[][] = [
    [
      header.section,
      header.key,
      header.label,
      header.cooperatives,
      header.articles,
      header.sales,
      header.paid,
    ],
    [
      header.total,
      "",
      "",
      impact.cooperativesSelling,
      impact.articles,
      centimesToDecimal(impact.salesCentimes),
      centimesToDecimal(impact.paidTotalCentimes),
    ],
    ...impact.byProvince.map((g) => [
      header.province,
      g.key,
      g.label.text,
      g.cooperatives,
      g.articles,
      centimesToDecimal(g.salesCentimes),
      centimesToDecimal(g.paidCentimes),
    ]),
    ...impact.byCraft.map((g) => [
      header.craft,
      g.key,
      g.label.text,
      g.cooperatives,
      g.articles,
      centimesToDecimal(g.salesCentimes),
      "",
    ]),
  ];
  // A byte-order mark so spreadsheet programs read the Arabic names as UTF-8.
  return "\uFEFF" + toCsvRows(rows);
}
