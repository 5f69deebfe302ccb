import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Money } from "~/components/money";
import { formatDate } from "~/i18n/format";
import { getFixedT } from "~/i18n/i18n.server";
import { useLocale } from "~/i18n/use-locale";
import { listShopOrders } from "~/models/fulfilment.server";
import { requireCooperativeMember } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { pageParam, requireLocale } from "~/utils/http.server";
import { Pagination } from "~/components/pagination";
import { seoMeta } from "~/utils/seo";
import { localePath } from "~/utils/urls";
import { HandoverForm } from "~/components/pickup";
import { fairDays } from "~/models/fair-dates";

/** The active cooperative's shop orders, and only its own. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const { cooperativeId } = await requireCooperativeMember(request, locale, "orders");
  const { orders, page, pageCount } = await listShopOrders(db, cooperativeId, {
    locale,
    page: pageParam(new URL(request.url)),
  });
  const t = getFixedT(locale);
  const dated = orders.map((o) => ({ ...o, date: formatDate(o.createdAt, locale, { dateStyle: "medium" }) }));
  // Orders collected at a fair, by fair (soonest first): what to bring, and "remis" at the stand
  // (the page's orders: a fair's group may go on on the next page).
  const fairs = new Map<
    number,
    { id: number; slug: string; name: string; days: string; orders: typeof dated }
  >();
  for (const o of dated) {
    if (!o.pickupFair) continue;
    const group = fairs.get(o.pickupFair.id) ?? {
      id: o.pickupFair.id,
      slug: o.pickupFair.slug,
      name: o.pickupFair.name.text,
      days: fairDays(o.pickupFair.startsOn, o.pickupFair.endsOn, locale),
      orders: [],
    };
    group.orders.push(o);
    fairs.set(o.pickupFair.id, group);
  }
  return {
    orders: dated.filter((o) => !o.pickupFair),
    fairs: [...fairs.values()],
    page,
    pageCount,
    seo: { title: t("fulfilment:metaTitle") },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

export default function ShopOrders() {
  const { orders, fairs, page, pageCount } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const [search] = useSearchParams();
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
      {search.get("handedOver") ? (
        <p className="alert" role="status" data-testid="handed-over">
          {t("fairs:pickup.handedOver")}
        </p>
      ) : null}
      {fairs.map((fair) => (
        <section
          key={fair.id}
          className="stack fair-orders"
          aria-labelledby={`fair-orders-${fair.id}`}
          data-testid="fair-orders"
          data-fair={fair.slug}
        >
          <h3 id={`fair-orders-${fair.id}`}>{t("fairs:pickup.groupTitle", { fair: fair.name })}</h3>
          <p className="muted">{fair.days}</p>
          <ul className="stand-requests">
            {fair.orders.map((o) => (
              <li
                key={o.id}
                className="stand-request"
                data-testid="pickup-order"
                data-order={o.orderId}
                data-status={o.status}
              >
                <p>
                  <Link to={localePath(locale, `/shop/orders/${o.id}`)}>
                    {t("fulfilment:orderNumber", { number: o.reference })}
                  </Link>{" "}
                  · <bdi>{o.buyerName}</bdi> · {t("fairs:pickup.items", { count: o.itemCount })} ·{" "}
                  <Money centimes={o.subtotalCentimes} currency={o.currency} />
                </p>
                <p className="muted">
                  {t(`checkout:order.status.${o.status}`)} ·{" "}
                  {t(`checkout:order.paymentStatus.${o.paymentStatus}`)}
                </p>
                {o.status === "pending" || o.status === "confirmed" ? (
                  <HandoverForm id={o.id} back="list" />
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {fairs.length > 0 ? <h3>{t("fairs:pickup.shippedTitle")}</h3> : null}
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
      <Pagination page={page} pageCount={pageCount} />
    </section>
  );
}
