import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ClientLoaderFunctionArgs } from "@remix-run/react";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BarChart } from "~/components/bar-chart";
import { formatMoney, formatNumber } from "~/i18n/format";
import { getFixedT } from "~/i18n/i18n.server";
import { ensureNamespaces, type I18nHandle } from "~/i18n/namespaces";
import { useLocale } from "~/i18n/use-locale";
import { getImpact, type ImpactGroup } from "~/models/impact.server";
import { db } from "~/utils/db.server";
import { requireLocale } from "~/utils/http.server";
import { seoMeta } from "~/utils/seo";
import type { SharedPageHandle } from "~/utils/shared-page";
import { localePath } from "~/utils/urls";
import fairStyles from "~/styles/fairs.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: fairStyles }];

// Aggregates only, the same for everyone: may be served from the shared page cache (decision 005).
export const handle: SharedPageHandle & I18nHandle = { sharedPage: true, i18n: ["fairs"] };

export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  const [data] = await Promise.all([serverLoader<typeof loader>(), ensureNamespaces(handle.i18n ?? [])]);
  return data;
}

/** The region's impact in public: what the cooperatives were paid, sold, and who sold it. */
export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const impact = await getImpact(db, locale);
  const t = getFixedT(locale);
  return {
    locale,
    impact,
    seo: { title: t("fairs:impact.metaTitle"), description: t("fairs:impact.lead") },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

function GroupTable({
  id,
  caption,
  rows,
  labelHeader,
  withPaid,
}: {
  id: string;
  caption: string;
  rows: ImpactGroup[];
  labelHeader: string;
  withPaid: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <table className="data-table" data-testid={`${id}-table`}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{labelHeader}</th>
          <th scope="col">{t("fairs:impact.col.cooperatives")}</th>
          <th scope="col">{t("fairs:impact.col.articles")}</th>
          <th scope="col">{t("fairs:impact.col.sales")}</th>
          {withPaid ? <th scope="col">{t("fairs:impact.col.paid")}</th> : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-key={r.key}>
            <th scope="row" lang={r.label.fallback ? r.label.lang : undefined}>
              {r.label.text}
            </th>
            <td data-label={t("fairs:impact.col.cooperatives")} data-value={r.cooperatives}>
              {formatNumber(r.cooperatives, locale)}
            </td>
            <td data-label={t("fairs:impact.col.articles")} data-value={r.articles}>
              {formatNumber(r.articles, locale)}
            </td>
            <td data-label={t("fairs:impact.col.sales")} data-value={r.salesCentimes}>
              {formatMoney(r.salesCentimes, "MAD", locale)}
            </td>
            {withPaid ? (
              <td data-label={t("fairs:impact.col.paid")} data-value={r.paidCentimes}>
                {formatMoney(r.paidCentimes, "MAD", locale)}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function ImpactRoute() {
  const { locale, impact } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const money = (c: number) => formatMoney(c, "MAD", locale);
  const number = (n: number) => formatNumber(n, locale);
  const figures = [
    {
      id: "paid-year",
      label: t("fairs:impact.paidThisYear", { year: impact.year }),
      value: money(impact.paidThisYearCentimes),
      raw: impact.paidThisYearCentimes,
    },
    {
      id: "paid-total",
      label: t("fairs:impact.paidTotal"),
      value: money(impact.paidTotalCentimes),
      raw: impact.paidTotalCentimes,
    },
    { id: "orders", label: t("fairs:impact.orders"), value: number(impact.orders), raw: impact.orders },
    {
      id: "articles",
      label: t("fairs:impact.articles"),
      value: number(impact.articles),
      raw: impact.articles,
    },
    {
      id: "cooperatives",
      label: t("fairs:impact.cooperatives"),
      value: number(impact.cooperativesSelling),
      raw: impact.cooperativesSelling,
    },
    {
      id: "members",
      label: t("fairs:impact.members"),
      value: number(impact.membersSelling),
      raw: impact.membersSelling,
    },
    {
      id: "women",
      label: t("fairs:impact.women"),
      // Zero women is a fact only once some cooperative said how many it has.
      value: impact.womenReportedBy > 0 ? number(impact.womenMembers) : t("fairs:impact.womenUnknown"),
      raw: impact.womenMembers,
    },
  ];
  // What the women figure stands on: no sales yet, no cooperative that said, none among those that did, or how many said.
  const womenNote =
    impact.cooperativesSelling === 0
      ? t("fairs:impact.womenNoteNoSales")
      : impact.womenReportedBy === 0
        ? t("fairs:impact.womenNoteNotReported", { count: impact.cooperativesSelling })
        : impact.womenMembers === 0
          ? t("fairs:impact.womenNoteNone", {
              count: impact.womenReportedBy,
              total: impact.cooperativesSelling,
            })
          : t("fairs:impact.womenNote", { count: impact.womenReportedBy, total: impact.cooperativesSelling });
  const provinces = impact.byProvince;
  const crafts = impact.byCraft;
  return (
    <>
      <section className="hero" aria-labelledby="impact-title">
        <h1 id="impact-title">{t("fairs:impact.title")}</h1>
        <p className="hero__lead">{t("fairs:impact.lead")}</p>
      </section>
      <section className="section" aria-labelledby="impact-figures">
        <h2 id="impact-figures" className="visually-hidden">
          {t("fairs:impact.figures")}
        </h2>
        <dl className="impact-figures" data-testid="impact-figures">
          {figures.map((f) => (
            <div key={f.id} className="impact-figure" data-testid={`impact-${f.id}`} data-value={f.raw}>
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
        <p className="muted" data-testid="impact-women-note">
          {womenNote}
        </p>
        <p className="muted">{t("fairs:impact.definition")}</p>
        <p>
          <a href={localePath(locale, "/impact.csv")} download data-testid="impact-csv">
            {t("fairs:impact.csv")}
          </a>
        </p>
      </section>
      <section className="section stack" aria-labelledby="impact-provinces">
        <h2 id="impact-provinces">{t("fairs:impact.byProvince")}</h2>
        <BarChart
          id="chart-provinces"
          title={t("fairs:impact.salesByProvince")}
          rows={provinces.map((r) => ({ label: r.label.text, value: r.salesCentimes }))}
          format={money}
          labelHeader={t("fairs:impact.col.province")}
          valueHeader={t("fairs:impact.col.sales")}
        />
        <GroupTable
          id="provinces"
          caption={t("fairs:impact.byProvinceTable")}
          rows={provinces}
          labelHeader={t("fairs:impact.col.province")}
          withPaid
        />
      </section>
      <section className="section stack" aria-labelledby="impact-crafts">
        <h2 id="impact-crafts">{t("fairs:impact.byCraft")}</h2>
        {crafts.length > 0 ? (
          <>
            <BarChart
              id="chart-crafts"
              title={t("fairs:impact.articlesByCraft")}
              rows={crafts.map((r) => ({ label: r.label.text, value: r.articles }))}
              format={number}
              labelHeader={t("fairs:impact.col.craft")}
              valueHeader={t("fairs:impact.col.articles")}
            />
            <GroupTable
              id="crafts"
              caption={t("fairs:impact.byCraftTable")}
              rows={crafts}
              labelHeader={t("fairs:impact.col.craft")}
              withPaid={false}
            />
          </>
        ) : (
          <p className="empty">{t("fairs:impact.noSales")}</p>
        )}
      </section>
    </>
  );
}
