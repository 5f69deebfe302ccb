import type { LoaderFunctionArgs } from "@remix-run/node";
import { getFixedT } from "~/i18n/i18n.server";
import { payoutBalances } from "~/models/payouts.server";
import { centimesToDecimal, toCsv } from "~/models/region-stats.server";
import { requireStaff } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { cachePolicy, requireLocale } from "~/utils/http.server";

/** The payout batch: every cooperative owed something, with its RIB, as CSV for the bank. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  await requireStaff(request, locale, "moderate");
  const balances = await payoutBalances(db, locale);
  const t = getFixedT(locale);
  const rows = balances
    .filter((b) => b.owed > 0)
    .map((b) => [b.slug, b.name, b.rib ?? "", centimesToDecimal(b.owed), "MAD"]);
  const body = toCsv(
    [
      t("chamber:csv.key"),
      t("chamber:csv.label"),
      t("chamber:csv.rib"),
      t("chamber:csv.amount"),
      t("chamber:csv.currency"),
    ],
    rows,
  );
  return new Response(`\uFEFF${body}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="hirfa-payouts.csv"',
      "Cache-Control": cachePolicy.none,
    },
  });
}
