import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { JoinedText } from "~/components/joined-text";
import { OrderLinesTable } from "~/components/order-lines";
import { Money } from "~/components/money";
import { intlLocaleOf } from "~/i18n/config";
import { formatDate, isolated } from "~/i18n/format";
import { getFixedT } from "~/i18n/i18n.server";
import { getOrder } from "~/models/orders.server";
import { reviewableLines } from "~/models/reviews.server";
import { OrderReviewLinks } from "~/components/reviews";
import { ensureNamespaces, type I18nHandle } from "~/i18n/namespaces";
import type { ClientLoaderFunctionArgs } from "@remix-run/react";
import { db } from "~/utils/db.server";
import { cachePolicy, notFound, requireLocale } from "~/utils/http.server";
import { privateHeaders } from "~/utils/private-headers";
import { seoMeta } from "~/utils/seo";
import { RefundNote } from "~/components/refund-note";
import { PickupNote } from "~/components/pickup";
import { fairDays } from "~/models/fair-dates";
import fairStyles from "~/styles/fairs.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: fairStyles }];
export const handle: I18nHandle = { i18n: ["fairs", "trust"] };
import { DeliveryLines } from "~/components/delivery-estimate";
import { orderDelivery } from "~/models/delivery.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const order = await getOrder(db, { token: params.token ?? "" }, locale);
  if (!order) notFound();
  const t = getFixedT(locale);
  const reviewable = await reviewableLines(db, order.id, locale);
  const payment = new URL(request.url).searchParams.get("payment");
  const reviewed = new URL(request.url).searchParams.get("reviewed") === "1";
  const countryName =
    new Intl.DisplayNames([intlLocaleOf(locale)], { type: "region" }).of(order.address.country) ??
    order.address.country;
  // When each part still on its way should arrive (decision 020).
  const delivery = await orderDelivery(
    db,
    { orderedAt: order.createdAt, address: order.address, parts: order.shopOrders },
    locale,
  );
  return data(
    {
      locale,
      order: {
        ...order,
        shopOrders: order.shopOrders.map((s) => ({
          ...s,
          pickup: s.pickup
            ? { ...s.pickup, days: fairDays(s.pickup.startsOn, s.pickup.endsOn, locale) }
            : null,
        })),
      },
      delivery,
      countryName,
      placedOn: formatDate(order.createdAt, locale, { dateStyle: "long", timeStyle: "short" }),
      payment: payment === "success" || payment === "cancelled" ? payment : null,
      reviewable,
      reviewed,
      seo: { title: t("checkout:order.metaTitle", { number: order.reference }) },
    },
    // A private page: never cached, never indexed, never sent as a referrer.
    {
      headers: {
        "Cache-Control": cachePolicy.none,
        "X-Robots-Tag": "noindex",
        "Referrer-Policy": "no-referrer",
      },
    },
  );
}

export const headers: HeadersFunction = privateHeaders;

export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  const [data] = await Promise.all([serverLoader<typeof loader>(), ensureNamespaces(handle.i18n ?? [])]);
  return data;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  ...seoMeta(data?.seo),
  { name: "robots", content: "noindex" },
];

export default function OrderRoute() {
  const { order, delivery, countryName, placedOn, payment, reviewable, reviewed, locale } =
    useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <article
      className="order"
      aria-labelledby="order-title"
      data-testid="order"
      data-payment-status={order.paymentStatus}
    >
      <h1 id="order-title">{t("checkout:order.title", { number: order.reference })}</h1>
      <p className="lead">{t("checkout:order.thanks", { name: isolated(order.buyerName) })}</p>
      <p className="muted">{t("checkout:order.placedOn", { date: placedOn })}</p>
      {reviewed ? (
        <p className="notice" role="status" data-testid="review-thanks">
          {t("trust:review.thanks")}
        </p>
      ) : null}
      {payment === "success" && order.paymentStatus === "awaiting_payment" ? (
        <p className="alert" role="status">
          {t("checkout:order.paymentSuccess")}
        </p>
      ) : null}
      {payment === "cancelled" && order.paymentStatus === "awaiting_payment" ? (
        <p className="alert alert--warn" role="status">
          {t("checkout:order.paymentCancelled")}
        </p>
      ) : null}
      <dl className="order-facts">
        <div>
          <dt>{t("checkout:order.payment")}</dt>
          <dd data-testid="payment-status">
            {order.paymentStatus === "cod_pending" && order.shopOrders.every((s) => s.pickup)
              ? t("fairs:pickup.toPayAtStand")
              : t(`checkout:order.paymentStatus.${order.paymentStatus}`)}
          </dd>
        </div>
        {order.shopOrders.every((s) => s.pickup) ? null : (
          <div>
            <dt>{t("checkout:order.deliverTo")}</dt>
            <dd>
              <JoinedText
                parts={[
                  order.buyerName,
                  order.address.line1,
                  order.address.line2,
                  [order.address.postalCode, order.address.city].filter(Boolean).join(" "),
                  countryName,
                ]}
              />
            </dd>
          </div>
        )}
      </dl>
      {order.refund ? <RefundNote refund={order.refund} currency={order.currency} audience="buyer" /> : null}
      {order.stripeCheckoutUrl ? (
        <p>
          <a className="button" href={order.stripeCheckoutUrl}>
            {t("checkout:order.resumePayment")}
          </a>
        </p>
      ) : null}
      {order.shopOrders.map((shop) => (
        <section
          key={shop.id}
          className="shop-order"
          aria-labelledby={`shop-order-${shop.id}`}
          data-testid="shop-order"
          data-cooperative={shop.cooperativeSlug}
          data-status={shop.status}
        >
          <header className="shop-order__header">
            <h2 id={`shop-order-${shop.id}`}>
              {t("checkout:order.shopOrder", { cooperative: shop.cooperative.text })}
            </h2>
            <p className={`order-status order-status--${shop.status}`} data-testid="shop-order-status">
              {t(`checkout:order.status.${shop.status}`)}
            </p>
          </header>
          <p className="muted" data-testid="part-reference">
            {t("checkout:order.partReference", { reference: shop.reference })}
          </p>
          {shop.pickup && shop.status !== "cancelled" ? (
            <PickupNote pickup={shop.pickup} audience="buyer" />
          ) : null}
          {!shop.pickup && (shop.status === "shipped" || shop.status === "delivered") ? (
            <p data-testid="tracking">
              {t("checkout:order.tracking", {
                carrier: shop.carrier ?? "",
                tracking: shop.trackingNumber ?? "",
              })}
            </p>
          ) : null}
          {delivery[shop.id] ? <DeliveryLines lines={[delivery[shop.id]]} /> : null}
          {shop.status === "cancelled" && shop.cancelReason ? (
            <p>{t("checkout:order.cancelReason", { reason: shop.cancelReason })}</p>
          ) : null}
          {shop.refund ? (
            <RefundNote refund={shop.refund} currency={order.currency} audience="buyer" />
          ) : null}
          <OrderLinesTable lines={shop.lines} currency={order.currency}>
            <tr>
              <td colSpan={2}>{t("checkout:order.shipping")}</td>
              <td>
                <Money centimes={shop.shippingCentimes} currency={order.currency} />
              </td>
            </tr>
          </OrderLinesTable>
          {shop.status === "delivered" ? (
            <OrderReviewLinks
              locale={locale}
              token={order.token}
              lines={reviewable.filter((l) => l.shopOrderId === shop.id)}
            />
          ) : null}
        </section>
      ))}
      <p className="summary-total">
        <span>{t("checkout:order.total")}</span>
        <strong data-testid="order-total">
          <Money centimes={order.totalCentimes} currency={order.currency} />
        </strong>
      </p>
    </article>
  );
}
