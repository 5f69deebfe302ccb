import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Money } from "~/components/money";
import { getFixedT } from "~/i18n/i18n.server";
import { dateText } from "~/i18n/format";
import { DateTime } from "~/components/date-time";
import { cooperativeStatement } from "~/models/payouts.server";
import { requireCooperativeMember } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { requireLocale } from "~/utils/http.server";
import { seoMeta } from "~/utils/seo";

/** What the cooperative sold, what Hirfa kept, what it was paid and what it is owed. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const { cooperativeId } = await requireCooperativeMember(request, locale, "orders");
  const statement = await cooperativeStatement(db, cooperativeId);
  const t = getFixedT(locale);
  return {
    statement: {
      ...statement,
      orders: statement.orders.map((o) => ({
        ...o,
        delivered: dateText(o.deliveredAt, locale, { dateStyle: "medium" }),
      })),
    },
    seo: { title: t("chamber:payouts.statementMetaTitle") },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

export default function ShopStatement() {
  const { statement: s } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="stack" aria-labelledby="statement-title">
      <h2 id="statement-title">{t("chamber:payouts.statement")}</h2>
      <ul className="stat-grid">
        <li className="stat">
          <div>
            <span className="stat__value">
              <Money centimes={s.deliveredNet} currency="MAD" />
            </span>
            <span className="stat__label">{t("chamber:payouts.deliveredNet")}</span>
          </div>
        </li>
        <li className="stat">
          <div>
            <span className="stat__value">
              <Money centimes={s.paid} currency="MAD" />
            </span>
            <span className="stat__label">{t("chamber:payouts.paid")}</span>
          </div>
        </li>
        <li className="stat">
          <div>
            <span className="stat__value" data-testid="owed">
              <Money centimes={s.owed} currency="MAD" />
            </span>
            <span className="stat__label">{t("chamber:payouts.owed")}</span>
          </div>
        </li>
      </ul>
      <table className="data-table">
        <caption>{t("chamber:payouts.deliveredOrders")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("fulfilment:colOrder")}</th>
            <th scope="col">{t("chamber:payouts.deliveredOn")}</th>
            <th scope="col">{t("chamber:payouts.gross")}</th>
            <th scope="col">{t("chamber:payouts.commission")}</th>
            <th scope="col">{t("chamber:payouts.net")}</th>
          </tr>
        </thead>
        <tbody>
          {s.orders.map((o) => (
            <tr key={o.id}>
              <td dir="ltr">{o.reference}</td>
              <td data-label={t("chamber:payouts.deliveredOn")}>
                <DateTime value={o.delivered} />
              </td>
              <td data-label={t("chamber:payouts.gross")}>
                <Money centimes={o.gross} currency="MAD" />
              </td>
              <td data-label={t("chamber:payouts.commission")}>
                <Money centimes={o.commission} currency="MAD" />
              </td>
              <td data-label={t("chamber:payouts.net")}>
                <Money centimes={o.net} currency="MAD" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="data-table">
        <caption>{t("chamber:payouts.transfers")}</caption>
        <tbody>
          {s.transfers.map((p) => (
            <tr key={p.id}>
              <td>{p.paidOn}</td>
              <td>
                <bdi dir="ltr">{p.reference}</bdi>
              </td>
              <td>
                <Money centimes={p.amount} currency="MAD" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
