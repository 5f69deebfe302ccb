import type { LoaderFunctionArgs } from "@remix-run/node";
import { getFixedT } from "~/i18n/i18n.server";
import { getImpact, impactCsv } from "~/models/impact.server";
import { db } from "~/utils/db.server";
import { cachePolicy, requireLocale } from "~/utils/http.server";

/** The impact page's tables as CSV, headers in the page's language. */
export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const impact = await getImpact(db, locale);
  const t = getFixedT(locale);
  const keys = [
    "section",
    "key",
    "label",
    "cooperatives",
    "articles",
    "sales",
    "paid",
    "total",
    "province",
    "craft",
  ];
  const header = Object.fromEntries(keys.map((k) => [k, t(`fairs:impact.csvHeader.${k}`)]));
  return new Response(impactCsv(impact, header), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="hirfa-impact.csv"',
      "Cache-Control": cachePolicy.none,
    },
  });
}
