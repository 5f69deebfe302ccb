import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Money } from "~/components/money";
import { formatDate } from "~/i18n/format";
import { getFixedT } from "~/i18n/i18n.server";
import { useLocale } from "~/i18n/use-locale";
import { listShopOrders } from "~/models/fulfilment.server";
import { requireCooperativeMember } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { requireLocale } from "~/utils/http.server";
import { seoMeta } from "~/utils/seo";
import { localePath } from "~/utils/urls";

/** The active cooperative's shop orders, and only its own. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const { cooperativeId } = await requireCooperativeMember(request, locale, "orders");
  const [orders, t] = await Promise.all([listShopOrders(db, cooperativeId), getFixedT(locale)]);
  return {
    orders: orders.map((o) => ({ ...o, date: formatDate(o.createdAt, locale, { dateStyle: "medium" }) })),
    seo: { title: t("fulfilment:metaTitle") },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

export default function ShopOrders() {
  const { orders } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <section aria-labelledby="orders-title" className="stack">
      <h2 id="orders-title">{t("fulfilment:title")}</h2>
      {orders.length > 0 ? (
        <p>
          <a href={localePath(locale, "/shop/orders/export")} download data-testid="orders-csv">
            {t("fulfilment:csv.download")}
          </a>
        </p>
      ) : null}
      {orders.length === 0 ? (
        <p className="empty">{t("fulfilment:empty")}</p>
      ) : (
        <table className="data-table" data-testid="shop-orders">
          <thead>
            <tr>
              <th scope="col">{t("fulfilment:colOrder")}</th>
              <th scope="col">{t("fulfilment:colDate")}</th>
              <th scope="col">{t("fulfilment:colBuyer")}</th>
              <th scope="col">{t("fulfilment:colPayment")}</th>
              <th scope="col">{t("fulfilment:colStatus")}</th>
              <th scope="col">{t("fulfilment:colNet")}</th>
            </tr>
          </thead>
          <tbody>
            {orders.map((o) => (
              <tr key={o.id} data-testid="shop-order-row" data-order={o.orderId}>
                <td>
                  <Link to={localePath(locale, `/shop/orders/${o.id}`)}>
                    {t("fulfilment:orderNumber", { number: o.reference })}
                  </Link>
                </td>
                <td data-label={t("fulfilment:colDate")}>{o.date}</td>
                <td data-label={t("fulfilment:colBuyer")}>
                  <bdi>{o.buyerName}</bdi> · <bdi>{o.city}</bdi>
                </td>
                <td data-label={t("fulfilment:colPayment")}>
                  {t(`checkout:order.paymentStatus.${o.paymentStatus}`)}
                </td>
                <td data-label={t("fulfilment:colStatus")}>{t(`checkout:order.status.${o.status}`)}</td>
                <td data-label={t("fulfilment:colNet")}>
                  <Money centimes={o.netCentimes} currency={o.currency} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
