import type { LoaderFunctionArgs } from "@remix-run/node";
import { getFixedT } from "~/i18n/i18n.server";
import { formatDate } from "~/i18n/format";
import { allShopOrders } from "~/models/fulfilment.server";
import { centimesToDecimal, toCsv, toCsvRows } from "~/models/region-stats.server";
import type { ShopOrderSummary } from "~/models/fulfilment.server";
import { requireCooperativeMember } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { cachePolicy, requireLocale } from "~/utils/http.server";

/**
 * The active cooperative's orders as CSV, each under the reference the buyer and the chamber
 * read: every one of them, streamed a batch at a time (no cap, and no whole file in memory).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const { cooperativeId } = await requireCooperativeMember(request, locale, "orders");
  const t = getFixedT(locale);
  const header = [
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
  ].map((c) => t(`fulfilment:csv.${c}`));
  const row = (o: ShopOrderSummary) => [
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
  ];
  const batches = allShopOrders(db, cooperativeId);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${toCsv(header, [])}`));
    },
    async pull(controller) {
      const next = await batches.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(toCsvRows(next.value.map(row))));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="hirfa-orders.csv"',
      "Cache-Control": cachePolicy.none,
    },
  });
}
