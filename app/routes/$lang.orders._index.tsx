import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Money } from "~/components/money";
import { Pagination } from "~/components/pagination";
import { formatDate } from "~/i18n/format";
import { getFixedT } from "~/i18n/i18n.server";
import { useLocale } from "~/i18n/use-locale";
import { useTranslation } from "react-i18next";
import { listBuyerOrders } from "~/models/orders.server";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { cachePolicy, pageParam, requireLocale } from "~/utils/http.server";
import { privateHeaders } from "~/utils/private-headers";
import { seoMeta } from "~/utils/seo";
import { localePath } from "~/utils/urls";

/** The signed-in buyer's orders, each linking to its private page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const user = await requireUser(request, locale);
  const list = await listBuyerOrders(db, { userId: user.id, locale, page: pageParam(new URL(request.url)) });
  const t = getFixedT(locale);
  return data(
    {
      ...list,
      orders: list.orders.map((o) => ({
        ...o,
        date: formatDate(o.createdAt, locale, { dateStyle: "medium" }),
      })),
      seo: { title: t("checkout:myOrders.metaTitle") },
    },
    { headers: { "Cache-Control": cachePolicy.none, "X-Robots-Tag": "noindex" } },
  );
}

export const headers: HeadersFunction = privateHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  ...seoMeta(data?.seo),
  { name: "robots", content: "noindex" },
];

export default function MyOrders() {
  const { orders, page, pageCount } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <section className="section stack" aria-labelledby="my-orders-title">
      <h1 id="my-orders-title">{t("checkout:myOrders.title")}</h1>
      {orders.length === 0 ? (
        <p className="empty" data-testid="my-orders-empty">
          {t("checkout:myOrders.empty")}{" "}
          <Link to={localePath(locale, "")}>{t("checkout:myOrders.browse")}</Link>
        </p>
      ) : (
        <table className="data-table" data-testid="my-orders">
          <caption className="visually-hidden">{t("checkout:myOrders.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("checkout:myOrders.order")}</th>
              <th scope="col">{t("checkout:myOrders.placedOn")}</th>
              <th scope="col">{t("checkout:myOrders.parts")}</th>
              <th scope="col">{t("checkout:myOrders.payment")}</th>
              <th scope="col">{t("checkout:order.total")}</th>
            </tr>
          </thead>
          <tbody>
            {orders.map((o) => (
              <tr key={o.id} data-testid="my-order" data-order={o.id}>
                <th scope="row">
                  <Link to={localePath(locale, `/orders/${o.token}`)}>
                    {t("checkout:myOrders.number", { number: o.reference })}
                  </Link>
                </th>
                <td data-label={t("checkout:myOrders.placedOn")}>{o.date}</td>
                <td data-label={t("checkout:myOrders.parts")}>
                  <ul className="plain-list">
                    {o.parts.map((p, i) => (
                      <li key={i}>
                        <span lang={p.cooperative.fallback ? p.cooperative.lang : undefined}>
                          {p.cooperative.text}
                        </span>
                        {` — ${t(`checkout:order.status.${p.status}`)}`}
                      </li>
                    ))}
                  </ul>
                </td>
                <td data-label={t("checkout:myOrders.payment")}>
                  {t(`checkout:order.paymentStatus.${o.paymentStatus}`)}
                </td>
                <td data-label={t("checkout:order.total")}>
                  <Money centimes={o.totalCentimes} currency={o.currency} />
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
