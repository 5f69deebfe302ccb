import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BarChart } from "~/components/bar-chart";
import { getFixedT } from "~/i18n/i18n.server";
import { dateText, formatMoney, formatNumber } from "~/i18n/format";
import { DateTime } from "~/components/date-time";
import { LocalizedTextView } from "~/components/localized-text";
import { recentPriceChanges } from "~/models/moderation.server";
import { useLocale } from "~/i18n/use-locale";
import { regionStats } from "~/models/region-stats.server";
import { requireStaff } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { requireLocale } from "~/utils/http.server";
import { seoMeta } from "~/utils/seo";
import { localePath } from "~/utils/urls";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  await requireStaff(request, locale, "moderate");
  const [stats, priceChanges] = await Promise.all([
    regionStats(db, locale),
    recentPriceChanges(db, { locale }),
  ]);
  const t = getFixedT(locale);
  return {
    stats,
    // Dates written here: the browser's time-zone data may disagree with the server's and break hydration.
    priceChanges: priceChanges.map((p) => ({
      ...p,
      when: dateText(p.at, locale, { dateStyle: "medium", timeStyle: "short" }),
    })),
    seo: { title: t("chamber:dashboard.metaTitle") },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

export default function ChamberDashboard() {
  const { stats, priceChanges } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const money = (c: number) => formatMoney(c, "MAD", locale);
  const csv = (table: string) => localePath(locale, `/chamber/export/${table}`);
  const charts = [
    { id: "byMonth", title: t("chamber:dashboard.byMonth"), label: t("chamber:dashboard.month") },
    { id: "byCraft", title: t("chamber:dashboard.byCraft"), label: t("chamber:dashboard.craft") },
    { id: "byProvince", title: t("chamber:dashboard.byProvince"), label: t("chamber:dashboard.province") },
    {
      id: "topCooperatives",
      title: t("chamber:dashboard.topCooperatives"),
      label: t("chamber:dashboard.cooperative"),
    },
  ] as const;
  return (
    <div className="stack">
      <h1>{t("chamber:dashboard.title")}</h1>
      <ul className="stat-grid">
        <li className="stat">
          <div>
            <span className="stat__value" data-testid="pending-reviews">
              {formatNumber(stats.pendingReviews, locale)}
            </span>
            <span className="stat__label">{t("chamber:dashboard.pendingReviews")}</span>
          </div>
        </li>
        <li className="stat">
          <div>
            <span className="stat__value">
              {stats.medianReviewHours == null ? "—" : formatNumber(stats.medianReviewHours, locale)}
            </span>
            <span className="stat__label">{t("chamber:dashboard.medianReviewHours")}</span>
          </div>
        </li>
        <li className="stat">
          <Link to={localePath(locale, "/chamber/reviews")}>
            <span className="stat__value" data-testid="late-reviews">
              {formatNumber(stats.lateReviews, locale)}
            </span>
            <span className="stat__label">{t("chamber:dashboard.lateReviews")}</span>
          </Link>
        </li>
        <li className="stat">
          <div>
            <span className="stat__value" data-testid="awaiting-confirmation">
              {formatNumber(stats.awaitingConfirmation.orders, locale)}
            </span>
            <span className="stat__label">
              {t("chamber:dashboard.awaitingConfirmation", {
                amount: money(stats.awaitingConfirmation.amount),
              })}
            </span>
          </div>
        </li>
      </ul>
      <p className="muted">{t("chamber:dashboard.salesNote")}</p>
      <div className="dashboard-grid">
        {charts.map((c) => (
          <section key={c.id} aria-labelledby={`${c.id}-title`}>
            <BarChart
              id={c.id}
              title={c.title}
              rows={stats[c.id].map((r) => ({ label: r.label, value: r.amount }))}
              format={money}
              labelHeader={c.label}
              valueHeader={t("chamber:dashboard.sales")}
            />
            <p>
              <a href={csv(c.id)} download>
                {t("chamber:dashboard.csv", { table: c.title })}
              </a>
            </p>
          </section>
        ))}
      </div>
      <section aria-labelledby="prices-title" className="stack">
        <h2 id="prices-title">{t("chamber:dashboard.priceChanges")}</h2>
        <p className="muted">{t("chamber:dashboard.priceChangesNote")}</p>
        {priceChanges.length === 0 ? (
          <p className="empty">{t("chamber:dashboard.noPriceChanges")}</p>
        ) : (
          <ul className="plain-list price-changes" data-testid="price-changes">
            {priceChanges.map((p) => (
              <li
                key={p.id}
                className={`price-change${p.flagged ? " price-change--flagged" : ""}`}
                data-testid="price-change"
                data-flagged={p.flagged}
              >
                <Link to={localePath(locale, `/chamber/reviews/listing/${p.productId}`)}>
                  <LocalizedTextView value={p.title} />
                </Link>{" "}
                · <LocalizedTextView value={p.cooperative} />
                <br />
                <span dir="auto">
                  {money(p.before)} → {money(p.after)}
                </span>{" "}
                {p.flagged ? (
                  <span className="badge badge--late">{t("chamber:dashboard.bigMove")}</span>
                ) : null}{" "}
                <span className="muted">
                  <DateTime value={p.when} />
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
