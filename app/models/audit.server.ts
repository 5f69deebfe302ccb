/**
 * The audit log as the chamber reads it: each entry a sentence in the reader's language
 * ("Fatima a refusé « Vase bleu » : photos floues") naming its object, which links to the
 * chamber's page about it; filtered by action, person, cooperative and dates; paginated.
 * The log itself stays append-only (decision 004): this only reads it.
 */
import { and, asc, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Executor } from "#db/client";
import {
  auditLog,
  cooperativeApplications,
  cooperatives,
  crafts,
  fairStands,
  fairs,
  listingReports,
  orders,
  productReviews,
  productRevisions,
  products,
  refunds,
  rejectionReasons,
  shopOrders,
  users,
} from "#db/schema";
import type { Locale } from "~/i18n/config";
import { formatDate, formatMoney, formatNumber } from "~/i18n/format";
import { getFixedT } from "~/i18n/i18n.server";
import { pickLocalized } from "~/i18n/localized";
import { localePath } from "~/utils/urls";
import { isAuditAction, type AuditAction } from "./audit-options";
import { DISPLAY_CURRENCIES, RATE_SCALE } from "./display-currency";
import { isPolicySlug, policyDefaults } from "./policy-defaults";
import { orderReference, partReference } from "./order-reference";
import { partIndexSql } from "./order-reference.server";
import { pageWindow } from "./pagination";

export const AUDIT_PAGE_SIZE = 30;

export type AuditFilters = {
  action?: string;
  actorId?: number;
  cooperativeId?: number;
  from?: string;
  to?: string;
};

export type AuditEntryView = {
  id: number;
  at: string;
  action: string;
  /** The action has its own sentence (else it is shown by its code). */
  known: boolean;
  /** Who did it; null when the system did (a scheduled job, a script). */
  actor: string | null;
  object: { text: string; lang?: string; href: string | null };
  /** Values the sentence names (before, after, detail), already formatted for the reader. */
  values: Record<string, string>;
  reason: string | null;
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const id = (v: string) => (/^\d{1,9}$/.test(v) ? Number(v) : null);

/** Entries about a cooperative: itself, its listings and their revisions and reports, its orders and refunds, its application, its stands at fairs. */
function aboutCooperative(cooperativeId: number): SQL {
  return sql`(
    (${auditLog.entityType} = 'cooperative' and ${auditLog.entityId} = ${String(cooperativeId)})
    or (${auditLog.entityType} = 'product' and ${auditLog.entityId} in (select id::text from products where cooperative_id = ${cooperativeId}))
    or (${auditLog.entityType} = 'product_revision' and ${auditLog.entityId} in (select r.id::text from product_revisions r join products p on p.id = r.product_id where p.cooperative_id = ${cooperativeId}))
    or (${auditLog.entityType} = 'listing_report' and ${auditLog.entityId} in (select l.id::text from listing_reports l join products p on p.id = l.product_id where p.cooperative_id = ${cooperativeId}))
    or (${auditLog.entityType} = 'shop_order' and ${auditLog.entityId} in (select id::text from shop_orders where cooperative_id = ${cooperativeId}))
    or (${auditLog.entityType} = 'refund' and ${auditLog.entityId} in (select f.id::text from refunds f join shop_orders s on s.id = f.shop_order_id where s.cooperative_id = ${cooperativeId}))
    or (${auditLog.entityType} = 'cooperative_application' and ${auditLog.entityId} in (select id::text from cooperative_applications where cooperative_id = ${cooperativeId}))
    or (${auditLog.entityType} = 'fair_stand' and ${auditLog.entityId} in (select id::text from fair_stands where cooperative_id = ${cooperativeId}))
  )`;
}

function whereOf(f: AuditFilters): SQL | undefined {
  const where: SQL[] = [];
  if (f.action) where.push(eq(auditLog.action, f.action));
  if (f.actorId) where.push(eq(auditLog.actorUserId, f.actorId));
  if (f.cooperativeId) where.push(aboutCooperative(f.cooperativeId));
  // Days as the chamber lives them, in Morocco.
  if (f.from && DATE.test(f.from))
    where.push(sql`(${auditLog.createdAt} at time zone 'Africa/Casablanca')::date >= ${f.from}::date`);
  if (f.to && DATE.test(f.to))
    where.push(sql`(${auditLog.createdAt} at time zone 'Africa/Casablanca')::date <= ${f.to}::date`);
  return where.length ? and(...where) : undefined;
}

/** Filters from the query string; anything unknown or malformed is dropped. */
export function parseAuditFilters(params: URLSearchParams): AuditFilters {
  const get = (k: string) => params.get(k)?.trim() ?? "";
  const action = get("action");
  return {
    action: isAuditAction(action) ? action : undefined,
    actorId: id(get("actor")) ?? undefined,
    cooperativeId: id(get("cooperative")) ?? undefined,
    from: DATE.test(get("from")) ? get("from") : undefined,
    to: DATE.test(get("to")) ? get("to") : undefined,
  };
}

export async function browseAuditLog(
  db: Executor,
  input: { filters: AuditFilters; page: number; locale: Locale },
) {
  const where = whereOf(input.filters);
  const [{ total }] = await db.select({ total: count() }).from(auditLog).where(where);
  const { page, pageCount, limit, offset } = pageWindow(total, input.page, AUDIT_PAGE_SIZE);
  const rows = await db
    .select({ entry: auditLog, actorName: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(where)
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(limit)
    .offset(offset);
  const entries = await describeEntries(db, rows, input.locale);
  return { entries, total, page, pageCount };
}

/** The choices of the log's filters: people who appear in it, and cooperatives. */
export async function auditFilterOptions(db: Executor, locale: Locale) {
  const [people, coops] = await Promise.all([
    db
      .selectDistinct({ id: users.id, name: users.name, email: users.email })
      .from(auditLog)
      .innerJoin(users, eq(users.id, auditLog.actorUserId))
      .orderBy(asc(users.name), asc(users.email), asc(users.id))
      .limit(500),
    db
      .select({ id: cooperatives.id, name: cooperatives.name })
      .from(cooperatives)
      .orderBy(asc(cooperatives.slug)),
  ]);
  return {
    people: people.map((p) => ({ id: p.id, label: `${p.name} (${p.email})` })),
    cooperatives: coops.map((c) => ({ id: c.id, name: pickLocalized(c.name, locale) })),
  };
}

type Row = { entry: typeof auditLog.$inferSelect; actorName: string | null };
type Target = { text: string; lang?: string; href: string | null };

async function describeEntries(db: Executor, rows: Row[], locale: Locale): Promise<AuditEntryView[]> {
  const t = getFixedT(locale);
  const path = (p: string) => localePath(locale, `/chamber${p}`);
  const idsOf = (type: string) => [
    ...new Set(
      rows
        .filter((r) => r.entry.entityType === type)
        .map((r) => id(r.entry.entityId))
        .filter((v): v is number => v !== null),
    ),
  ];
  const text = (value: Record<string, string | undefined> | null | undefined) => {
    const picked = pickLocalized(value ?? {}, locale);
    return { text: picked.text, lang: picked.fallback ? picked.lang : undefined };
  };
  const ids = {
    product: idsOf("product"),
    revision: idsOf("product_revision"),
    cooperative: idsOf("cooperative"),
    application: idsOf("cooperative_application"),
    report: idsOf("listing_report"),
    craft: idsOf("craft"),
    user: idsOf("user"),
    shopOrder: idsOf("shop_order"),
    refund: idsOf("refund"),
  };
  const none = Promise.resolve([]);
  // No query for a kind of entity the page does not name.
  const named = <T>(list: number[], query: (list: number[]) => Promise<T[]>) =>
    list.length ? query(list) : Promise.resolve<T[]>([]);
  const [
    productRows,
    revisionRows,
    coopRows,
    applicationRows,
    reportRows,
    craftRows,
    userRows,
    shopOrderRows,
    refundRows,
    reasons,
  ] = await Promise.all([
    named(ids.product, (list) =>
      db.select({ id: products.id, title: products.title }).from(products).where(inArray(products.id, list)),
    ),
    named(ids.revision, (list) =>
      db
        .select({ id: productRevisions.id, title: products.title })
        .from(productRevisions)
        .innerJoin(products, eq(products.id, productRevisions.productId))
        .where(inArray(productRevisions.id, list)),
    ),
    named(ids.cooperative, (list) =>
      db
        .select({ id: cooperatives.id, name: cooperatives.name })
        .from(cooperatives)
        .where(inArray(cooperatives.id, list)),
    ),
    named(ids.application, (list) =>
      db
        .select({ id: cooperativeApplications.id, name: cooperativeApplications.name })
        .from(cooperativeApplications)
        .where(inArray(cooperativeApplications.id, list)),
    ),
    named(ids.report, (list) =>
      db
        .select({ id: listingReports.id, productId: products.id, title: products.title })
        .from(listingReports)
        .innerJoin(products, eq(products.id, listingReports.productId))
        .where(inArray(listingReports.id, list)),
    ),
    named(ids.craft, (list) =>
      db.select({ id: crafts.id, name: crafts.name }).from(crafts).where(inArray(crafts.id, list)),
    ),
    named(ids.user, (list) =>
      db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, list)),
    ),
    named(ids.shopOrder, (list) =>
      db
        .select({
          id: shopOrders.id,
          orderId: shopOrders.orderId,
          cooperativeId: shopOrders.cooperativeId,
          createdAt: orders.createdAt,
          partIndex: partIndexSql,
        })
        .from(shopOrders)
        .innerJoin(orders, eq(orders.id, shopOrders.orderId))
        .where(inArray(shopOrders.id, list)),
    ),
    named(ids.refund, (list) =>
      db
        .select({
          id: refunds.id,
          orderId: refunds.orderId,
          shopOrderId: refunds.shopOrderId,
          createdAt: orders.createdAt,
          partIndex: partIndexSql,
        })
        .from(refunds)
        .innerJoin(orders, eq(orders.id, refunds.orderId))
        .leftJoin(shopOrders, eq(shopOrders.id, refunds.shopOrderId))
        .where(inArray(refunds.id, list)),
    ),
    rows.some((r) => r.entry.action.endsWith(".reject")) ? db.select().from(rejectionReasons) : none,
  ]);

  const targets = new Map<string, Target>();
  for (const p of productRows)
    targets.set(`product:${p.id}`, { ...text(p.title), href: path(`/reviews/listing/${p.id}`) });
  for (const r of revisionRows)
    targets.set(`product_revision:${r.id}`, { ...text(r.title), href: path(`/reviews/revision/${r.id}`) });
  for (const c of coopRows)
    targets.set(`cooperative:${c.id}`, { ...text(c.name), href: path(`/cooperatives/${c.id}`) });
  for (const a of applicationRows)
    targets.set(`cooperative_application:${a.id}`, { text: a.name, href: path(`/applications/${a.id}`) });
  for (const r of reportRows)
    targets.set(`listing_report:${r.id}`, {
      ...text(r.title),
      href: path(`/reviews/listing/${r.productId}`),
    });
  for (const c of craftRows) targets.set(`craft:${c.id}`, { ...text(c.name), href: path("/crafts") });
  for (const u of userRows) targets.set(`user:${u.id}`, { text: u.name, href: path("/settings") });
  for (const s of shopOrderRows) {
    targets.set(`shop_order:${s.id}`, {
      text: partReference({ id: s.orderId, createdAt: s.createdAt }, s.partIndex),
      href: path(`/cooperatives/${s.cooperativeId}`),
    });
  }
  for (const r of refundRows) {
    const order = { id: r.orderId, createdAt: r.createdAt };
    targets.set(`refund:${r.id}`, {
      text: r.shopOrderId ? partReference(order, r.partIndex) : orderReference(order),
      href: path("/payouts"),
    });
  }
  // Buyers' reviews and policy pages (decision 019): the product reviewed, the page edited.
  const reviewIds = idsOf("product_review");
  if (reviewIds.length > 0) {
    const reviewRows = await db
      .select({ id: productReviews.id, title: products.title })
      .from(productReviews)
      .innerJoin(products, eq(products.id, productReviews.productId))
      .where(inArray(productReviews.id, reviewIds));
    for (const r of reviewRows)
      targets.set(`product_review:${r.id}`, { ...text(r.title), href: path(`/reviews/buyer/${r.id}`) });
  }
  for (const slug of new Set(
    rows.filter((r) => r.entry.entityType === "policy_page").map((r) => r.entry.entityId),
  ))
    if (isPolicySlug(slug))
      targets.set(`policy_page:${slug}`, {
        ...text(policyDefaults[slug].title),
        href: path(`/policies/${slug}`),
      });
  targets.set("settings:commission_rate_bp", {
    text: t("chamber:auditLog.objects.commission"),
    href: path("/settings"),
  });
  targets.set("settings:display_rates", {
    text: t("chamber:auditLog.objects.displayRates"),
    href: path("/settings"),
  });
  // Fairs and stands (decision 021): a fair is named and links to its chamber page; a stand is
  // the cooperative that asked for it, linking to the fair's page where stands are decided, and
  // the sentence names the fair (`values.fair`).
  const fairIds = idsOf("fair");
  const standIds = idsOf("fair_stand");
  const [fairRows, standRows] = await Promise.all([
    fairIds.length
      ? db.select({ id: fairs.id, name: fairs.name }).from(fairs).where(inArray(fairs.id, fairIds))
      : none,
    standIds.length
      ? db
          .select({
            id: fairStands.id,
            fairId: fairStands.fairId,
            fairName: fairs.name,
            cooperative: cooperatives.name,
          })
          .from(fairStands)
          .innerJoin(fairs, eq(fairs.id, fairStands.fairId))
          .innerJoin(cooperatives, eq(cooperatives.id, fairStands.cooperativeId))
          .where(inArray(fairStands.id, standIds))
      : none,
  ]);
  for (const f of fairRows) targets.set(`fair:${f.id}`, { ...text(f.name), href: path(`/fairs/${f.id}`) });
  const standFair = new Map(standRows.map((s) => [s.id, text(s.fairName).text]));
  for (const s of standRows)
    targets.set(`fair_stand:${s.id}`, { ...text(s.cooperative), href: path(`/fairs/${s.fairId}`) });
  // Public holidays (decision 020) are entered by their day: the day as the holidays page writes it.
  for (const day of new Set(
    rows.filter((r) => r.entry.entityType === "public_holiday").map((r) => r.entry.entityId),
  ))
    if (DATE.test(day))
      targets.set(`public_holiday:${day}`, {
        text: formatDate(new Date(`${day}T12:00:00Z`), locale, {
          weekday: "long",
          day: "numeric",
          month: "long",
          year: "numeric",
        }),
        href: path("/holidays"),
      });

  const money = (v: unknown) => (typeof v === "number" ? formatMoney(v, "MAD", locale) : "—");
  const percent = (v: unknown) =>
    typeof v === "number"
      ? formatNumber(v / 10_000, locale, { style: "percent", maximumFractionDigits: 2 })
      : "—";
  const role = (v: unknown) => t(`chamber:auditLog.roles.${typeof v === "string" ? v : "none"}`);
  const field = (o: unknown, k: string) =>
    o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined;
  // Display rates are stored as MAD × 10 000 per unit (display-currency.ts): "1 EUR = 10.85 MAD".
  const rates = (o: unknown) =>
    DISPLAY_CURRENCIES.filter((c) => typeof field(o, c) === "number")
      .map(
        (c) =>
          `1 ${c} = ${formatNumber(Number(field(o, c)) / RATE_SCALE, locale, { maximumFractionDigits: 4 })} MAD`,
      )
      .join(" · ") || "—";

  return rows.map(({ entry, actorName }) => {
    const { before, after } = entry;
    const values: Record<string, string> = {};
    switch (entry.action) {
      case "listing.stock.set":
        values.before = formatNumber(Number(field(before, "stock") ?? 0), locale);
        values.after = formatNumber(Number(field(after, "stock") ?? 0), locale);
        break;
      case "listing.price.set":
        values.before = money(field(before, "priceCentimes"));
        values.after = money(field(after, "priceCentimes"));
        break;
      case "settings.commission_rate":
        values.before = percent(field(before, "rateBp"));
        values.after = percent(field(after, "rateBp"));
        break;
      case "settings.display_rates":
        values.before = rates(before);
        values.after = rates(after);
        break;
      case "fair_stand.request":
      case "fair_stand.accept":
      case "fair_stand.decline":
        values.fair = standFair.get(Number(entry.entityId)) ?? "—";
        values.stand = String(field(after, "standNumber") ?? "—");
        break;
      case "holiday.save":
      case "holiday.delete": {
        const name = field(entry.action === "holiday.save" ? after : before, "name");
        values.detail = name && typeof name === "object" ? text(name as Record<string, string>).text : "—";
        break;
      }
      case "staff.role.set":
        values.detail = role(field(after, "staffRole"));
        break;
      case "membership.invite":
        values.detail = `${String(field(after, "email") ?? "")} (${role(field(after, "role"))})`;
        break;
      case "payout.record":
        values.detail = money(field(after, "amountCentimes"));
        break;
    }
    return {
      id: entry.id,
      at: entry.createdAt.toISOString(),
      action: entry.action,
      known: isAuditAction(entry.action),
      actor: actorName,
      object: targets.get(`${entry.entityType}:${entry.entityId}`) ?? {
        text: `${entry.entityType} #${entry.entityId}`,
        href: null,
      },
      values,
      reason: readableReason(entry.action, entry.reason, reasons, locale),
    };
  });
}

/** A rejection's reason is stored as `code: note`: the reader gets the code's label in their language. */
function readableReason(
  action: string,
  reason: string | null,
  reasons: (typeof rejectionReasons.$inferSelect)[],
  locale: Locale,
): string | null {
  if (!reason?.trim()) return null;
  if (!action.endsWith(".reject") || action.startsWith("application.")) return reason.trim();
  const colon = reason.indexOf(":");
  const code = colon >= 0 ? reason.slice(0, colon).trim() : reason.trim();
  const known = reasons.find((r) => r.code === code);
  if (!known) return reason.trim();
  const note = colon >= 0 ? reason.slice(colon + 1).trim() : "";
  const label = pickLocalized(known.label, locale).text;
  return note ? `${label} — ${note}` : label;
}

/** One entry of the audit log: who (null: the system), did what, to which object, why. */
export type AuditEntry = {
  actorUserId: number | null;
  /** Only an action the log can say as a sentence (audit-options.ts, chamber:auditLog.actions.*). */
  action: AuditAction;
  entityType: string;
  entityId: string | number;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
};

/** Appends to the audit log (decision 004): the one writer, so every entry has the same shape. */
export async function recordAudit(db: Executor, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  await db
    .insert(auditLog)
    .values(list.map((e) => ({ ...e, entityId: String(e.entityId), reason: e.reason ?? null })));
}
