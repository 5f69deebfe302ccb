import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { LocalizedTextView } from "~/components/localized-text";
import { getFixedT } from "~/i18n/i18n.server";
import { useLocale } from "~/i18n/use-locale";
import { listingStatuses } from "~/models/listing-options";
import { shopDashboard } from "~/models/listings.server";
import { requireCooperativeMember } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { requireLocale } from "~/utils/http.server";
import { seoMeta } from "~/utils/seo";
import { localePath } from "~/utils/urls";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const { cooperativeId } = await requireCooperativeMember(request, locale, "listings");
  const [dashboard, t] = await Promise.all([shopDashboard(db, { cooperativeId, locale }), getFixedT(locale)]);
  return { dashboard, seo: { title: t("shop:dashboard.metaTitle") } };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

export default function ShopDashboard() {
  const { dashboard } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const listing = (id: number) => localePath(locale, `/shop/listings/${id}`);
  return (
    <div className="stack">
      <section aria-labelledby="counts-title">
        <h2 id="counts-title">{t("shop:dashboard.byStatus")}</h2>
        <ul className="stat-grid">
          {listingStatuses.map((s) => (
            <li key={s} className="stat">
              <Link to={`${localePath(locale, "/shop/listings")}?status=${s}`}>
                <span className="stat__value" data-testid={`count-${s}`}>{dashboard.counts[s]}</span>
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
        {dashboard.rejected.length === 0 && dashboard.lowStock.length === 0 ? <p className="muted">{t("shop:dashboard.allGood")}</p> : null}
        {dashboard.rejected.length > 0 ? (
          <>
            <h3>{t("shop:dashboard.rejected")}</h3>
            <ul className="plain-list">
              {dashboard.rejected.map((r) => (
                <li key={r.id}>
                  <Link to={listing(r.id)}>
                    <LocalizedTextView value={r.title} />
                  </Link>
                  {r.reviewNote ? <p className="muted">{t("shop:listings.reviewNote", { note: r.reviewNote })}</p> : null}
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
