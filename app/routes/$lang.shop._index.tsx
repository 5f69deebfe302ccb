import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LocalizedTextView } from "~/components/localized-text";
import { getFixedT } from "~/i18n/i18n.server";
import { useLocale } from "~/i18n/use-locale";
import { listingStatuses } from "~/models/listing-options";
import { shopDashboard } from "~/models/listings.server";
import { shopOrdersToDo } from "~/models/fulfilment.server";
import { formatAge, formatNumber, minutesSince } from "~/i18n/format";
import { memberCan } from "~/utils/permissions";
import { requireCooperativeMember } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { requireLocale } from "~/utils/http.server";
import { seoMeta } from "~/utils/seo";
import { localePath } from "~/utils/urls";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const { cooperativeId, role } = await requireCooperativeMember(request, locale, "listings");
  const seesOrders = memberCan(role, "orders");
  const [dashboard, orders] = await Promise.all([
    shopDashboard(db, { cooperativeId, locale }),
    seesOrders ? shopOrdersToDo(db, cooperativeId) : null,
  ]);
  const t = getFixedT(locale);
  // Ages written here, so the server's and the browser's render agree.
  const age = (d: Date | null) => (d ? formatAge(minutesSince(d), locale) : null);
  const todo: ToDo[] = [
    ...(orders
      ? ([
          {
            id: "toConfirm",
            count: orders.toConfirm.count,
            oldest: age(orders.toConfirm.oldest),
            cod: orders.toConfirm.cod,
            to: "/shop/orders",
          },
          { id: "toShip", count: orders.toShip.count, oldest: age(orders.toShip.oldest), to: "/shop/orders" },
        ] satisfies ToDo[])
      : []),
    {
      id: "lowStock",
      count: dashboard.lowStockCount,
      oldest: age(dashboard.lowStockOldest),
      to: "/shop/listings?status=published",
    },
    {
      id: "rejected",
      count: dashboard.rejectedCount,
      oldest: age(dashboard.rejectedOldest),
      to: "/shop/listings?status=rejected",
    },
  ];
  return { dashboard, todo, seo: { title: t("shop:dashboard.metaTitle") } };
}

type ToDo = {
  id: "toConfirm" | "toShip" | "lowStock" | "rejected";
  count: number;
  oldest: string | null;
  cod?: number;
  to: string;
};

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

export default function ShopDashboard() {
  const { dashboard, todo } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const listing = (id: number) => localePath(locale, `/shop/listings/${id}`);
  return (
    <div className="stack">
      <section aria-labelledby="todo-title">
        <h2 id="todo-title">{t("shop:todo.title")}</h2>
        <ul className="todo-list">
          {todo.map((item) => (
            <li
              key={item.id}
              className={`todo${item.count === 0 ? " todo--done" : ""}`}
              data-testid={`todo-${item.id}`}
              data-count={item.count}
            >
              <Link to={localePath(locale, item.to)} className="todo__link">
                <span className="todo__count">{formatNumber(item.count, locale)}</span>
                <span className="todo__label">{t(`shop:todo.${item.id}`)}</span>
              </Link>
              {item.count > 0 && item.oldest !== null ? (
                <span className="todo__age" data-testid={`todo-${item.id}-age`}>
                  {t("shop:todo.oldest", { age: item.oldest })}
                </span>
              ) : (
                <span className="todo__age">{t("shop:todo.nothing")}</span>
              )}
              {item.cod ? (
                <span className="todo__hint">
                  {t("shop:todo.cod", { n: formatNumber(item.cod, locale) })}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="counts-title">
        <h2 id="counts-title">{t("shop:dashboard.byStatus")}</h2>
        <ul className="stat-grid">
          {listingStatuses.map((s) => (
            <li key={s} className="stat">
              <Link to={`${localePath(locale, "/shop/listings")}?status=${s}`}>
                <span className="stat__value" data-testid={`count-${s}`}>
                  {dashboard.counts[s]}
                </span>
                <span className="stat__label">{t(`shop:status.${s}`)}</span>
              </Link>
            </li>
          ))}
        </ul>
        <p>
          <Link to={localePath(locale, "/shop/listings/new")} className="button">
            {t("shop:listings.new")}
          </Link>
        </p>
      </section>
      <section aria-labelledby="attention-title">
        <h2 id="attention-title">{t("shop:dashboard.attention")}</h2>
        {dashboard.rejected.length === 0 && dashboard.lowStock.length === 0 ? (
          <p className="muted">{t("shop:dashboard.allGood")}</p>
        ) : null}
        {dashboard.rejected.length > 0 ? (
          <>
            <h3>{t("shop:dashboard.rejected")}</h3>
            <ul className="plain-list">
              {dashboard.rejected.map((r) => (
                <li key={r.id}>
                  <Link to={listing(r.id)}>
                    <LocalizedTextView value={r.title} />
                  </Link>
                  {r.reviewNote ? (
                    <p className="muted">{t("shop:listings.reviewNote", { note: r.reviewNote })}</p>
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {dashboard.lowStock.length > 0 ? (
          <>
            <h3>{t("shop:dashboard.lowStock")}</h3>
            <ul className="plain-list">
              {dashboard.lowStock.map((r) => (
                <li key={r.id}>
                  <Link to={listing(r.id)}>
                    <LocalizedTextView value={r.title} />
                  </Link>{" "}
                  — {t("shop:dashboard.stockLeft", { count: r.stock })}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
    </div>
  );
}
