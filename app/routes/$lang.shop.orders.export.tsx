import type { LoaderFunctionArgs } from "@remix-run/node";
import { getFixedT } from "~/i18n/i18n.server";
import { formatDate } from "~/i18n/format";
import { listShopOrders } from "~/models/fulfilment.server";
import { centimesToDecimal, toCsv } from "~/models/region-stats.server";
import { requireCooperativeMember } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { cachePolicy, requireLocale } from "~/utils/http.server";

/** The active cooperative's orders as CSV, each under the reference the buyer and the chamber read. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const { cooperativeId } = await requireCooperativeMember(request, locale, "orders");
  const orders = await listShopOrders(db, cooperativeId);
  const t = getFixedT(locale);
  const body = toCsv(
    [
      "reference",
      "date",
      "status",
      "payment",
      "buyer",
      "city",
      "country",
      "items",
      "subtotal",
      "shipping",
      "commission",
      "net",
      "currency",
    ].map((c) => t(`fulfilment:csv.${c}`)),
    orders.map((o) => [
      o.reference,
      formatDate(o.createdAt, locale, { dateStyle: "short" }),
      t(`checkout:order.status.${o.status}`),
      t(`checkout:order.paymentStatus.${o.paymentStatus}`),
      o.buyerName,
      o.city,
      o.country,
      o.itemCount,
      centimesToDecimal(o.subtotalCentimes),
      centimesToDecimal(o.shippingCentimes),
      centimesToDecimal(o.commissionCentimes),
      centimesToDecimal(o.netCentimes),
      o.currency,
    ]),
  );
  return new Response(`\uFEFF${body}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="hirfa-orders.csv"',
      "Cache-Control": cachePolicy.none,
    },
  });
}
