import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FilterSelect } from "~/components/form";
import { LocalizedTextView } from "~/components/localized-text";
import { Pagination } from "~/components/pagination";
import { Money } from "~/components/money";
import { getFixedT } from "~/i18n/i18n.server";
import { useLocale } from "~/i18n/use-locale";
import { listingStatuses, parseListingStatus } from "~/models/listing-options";
import { listShopListings } from "~/models/listings.server";
import { requireCooperativeMember } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { pageParam, requireLocale } from "~/utils/http.server";
import { seoMeta } from "~/utils/seo";
import { localePath } from "~/utils/urls";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const { cooperativeId } = await requireCooperativeMember(request, locale, "listings");
  const url = new URL(request.url);
  const status = parseListingStatus(url.searchParams.get("status"));
  const list = await listShopListings(db, { cooperativeId, locale, status, page: pageParam(url) });
  const t = getFixedT(locale);
  return { ...list, status: status ?? "", seo: { title: t("shop:listings.metaTitle") } };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

export default function ShopListings() {
  const { listings, status, page, pageCount } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <section aria-labelledby="listings-title" className="stack">
      <div className="toolbar toolbar--spread">
        <h2 id="listings-title">{t("shop:listings.title")}</h2>
        <Link to={localePath(locale, "/shop/listings/new")} className="button">
          {t("shop:listings.new")}
        </Link>
      </div>
      <Form method="get" className="toolbar">
        <FilterSelect
          id="status-filter"
          name="status"
          label={t("shop:listings.filter")}
          allLabel={t("shop:listings.allActive")}
          options={listingStatuses.map((s) => ({ value: s, label: t(`shop:status.${s}`) }))}
          value={status}
        />
        <button type="submit" className="button button--secondary">
          {t("sort.apply")}
        </button>
      </Form>
      {listings.length === 0 ? (
        <p className="empty">{t("shop:listings.empty")}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("shop:listings.colTitle")}</th>
              <th scope="col">{t("shop:listings.colStatus")}</th>
              <th scope="col">{t("shop:listings.colPrice")}</th>
              <th scope="col">{t("shop:listings.colStock")}</th>
            </tr>
          </thead>
          <tbody>
            {listings.map((l) => (
              <tr key={l.id} data-testid="listing-row">
                <td>
                  <Link to={localePath(locale, `/shop/listings/${l.id}`)}>
                    {l.title.text ? <LocalizedTextView value={l.title} /> : t("shop:listings.untitled")}
                  </Link>
                  {l.missingLocale ? (
                    <span className="badge">{t("shop:listings.missingTranslation")}</span>
                  ) : null}
                </td>
                <td data-label={t("shop:listings.colStatus")}>
                  <span className={`status status--${l.status}`} data-testid="listing-status">
                    {t(`shop:status.${l.status}`)}
                  </span>
                  {l.revisionStatus ? (
                    <span className="badge">{t(`shop:revision.${l.revisionStatus}`)}</span>
                  ) : null}
                  {l.status === "rejected" && l.reviewNote ? (
                    <p className="muted">{t("shop:listings.reviewNote", { note: l.reviewNote })}</p>
                  ) : null}
                </td>
                <td data-label={t("shop:listings.colPrice")}>
                  <Money centimes={l.priceCentimes} currency={l.currency} />
                </td>
                <td data-label={t("shop:listings.colStock")}>{l.stock}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination page={page} pageCount={pageCount} />
    </section>
  );
}
