import type { LoaderFunctionArgs } from "@remix-run/node";
import { getFixedT } from "~/i18n/i18n.server";
import {
  centimesToDecimal,
  regionStats,
  statTables,
  toCsv,
  type StatTable,
} from "~/models/region-stats.server";
import { requireStaff } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { cachePolicy, notFound, requireLocale } from "~/utils/http.server";

/** The dashboard's tables as CSV files. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  await requireStaff(request, locale, "moderate");
  const table = params.table as StatTable;
  if (!statTables.includes(table)) notFound();
  const stats = await regionStats(db, locale);
  const t = getFixedT(locale);
  const body = toCsv(
    [t("chamber:csv.key"), t("chamber:csv.label"), t("chamber:csv.orders"), t("chamber:csv.amount")],
    stats[table].map((r) => [r.key, r.label, r.orders, centimesToDecimal(r.amount)]),
  );
  return new Response(`\uFEFF${body}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="hirfa-${table}.csv"`,
      "Cache-Control": cachePolicy.none,
    },
  });
}
