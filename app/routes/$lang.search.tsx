import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Pagination } from "~/components/pagination";
import { ProductGrid } from "~/components/product-card";
import { getFixedT } from "~/i18n/i18n.server";
import { usePageFormat } from "~/i18n/page-formats";
import { searchSorts } from "~/models/search-options";
import { parseSearchUrl, searchProducts, type FacetValue } from "~/models/search.server";
import { db } from "~/utils/db.server";
import { cachePolicy, pageParam, requireLocale } from "~/utils/http.server";
import { seoMeta } from "~/utils/seo";
import { localePath } from "~/utils/urls";
import type { SharedPageHandle } from "~/utils/shared-page";

// Public data only (the results of the URL's query): its documents may be served from the
// shared page cache (decisions 005 and 022); results and facets are cached on their own (016).
export const handle: SharedPageHandle = { sharedPage: true };

export async function loader({ params, request }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const url = new URL(request.url);
  const { filters, input } = parseSearchUrl(url);
  const result = await searchProducts(db, { ...input, locale, page: pageParam(url) });
  const t = getFixedT(locale);
  return data(
    {
      locale,
      result,
      filters,
      seo: {
        title: result.q ? t("search:page.metaTitleWithQuery", { q: result.q }) : t("search:page.metaTitle"),
        description: t("search:page.metaDescription"),
        // Result pages are for people: crawlers follow the links, they do not index the list.
        robots: "noindex, follow",
      },
    },
    { headers: { "Cache-Control": cachePolicy.page } },
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

function FacetSelect({
  name,
  label,
  values,
  anyLabel,
}: {
  name: string;
  label: string;
  values: FacetValue[];
  anyLabel: string;
}) {
  const { t } = useTranslation();
  const selected = values.find((v) => v.selected)?.value ?? "";
  return (
    <div className="field">
      <label htmlFor={`f-${name}`}>{label}</label>
      <select id={`f-${name}`} name={name} defaultValue={selected} data-testid={`facet-${name}`}>
        <option value="">{anyLabel}</option>
        {values.map((v) => (
          <option key={v.value} value={v.value} data-count={v.count}>
            {t("search:filters.option", { label: v.label.text, count: v.count })}
          </option>
        ))}
      </select>
    </div>
  );
}

export default function SearchRoute() {
  const { locale, result, filters } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const format = usePageFormat();
  const { facets } = result;
  const bucketHref = (min: number, max: number | null) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({
      q: result.q,
      craft: filters.craft,
      province: filters.province,
      cooperative: filters.cooperative,
      sort: filters.sort,
    })) {
      if (v) params.set(k, String(v));
    }
    if (filters.stock) params.set("stock", "1");
    if (min > 0) params.set("price_min", String(min));
    if (max != null) params.set("price_max", String(max));
    return `${localePath(locale, "/search")}?${params.toString()}`;
  };
  const hasFilters = Boolean(
    filters.craft ||
      filters.province ||
      filters.cooperative ||
      filters.stock ||
      filters.price_min != null ||
      filters.price_max != null,
  );
  return (
    <section className="section search" aria-labelledby="search-title">
      <header className="page-header">
        <h1 id="search-title">
          {result.q ? t("search:page.titleWithQuery", { q: result.q }) : t("search:page.title")}
        </h1>
        <p className="muted" data-testid="result-count" role="status">
          {t("search:page.results", { count: result.total })}
        </p>
      </header>
      <div className="search__layout">
        <Form method="get" className="search__filters" aria-labelledby="filters-title">
          <h2 id="filters-title">{t("search:filters.title")}</h2>
          <div className="field">
            <label htmlFor="search-q">{t("search:box.label")}</label>
            <input id="search-q" type="search" name="q" defaultValue={result.q} maxLength={200} />
          </div>
          <FacetSelect
            name="craft"
            label={t("search:filters.craft")}
            values={facets.crafts}
            anyLabel={t("search:filters.any")}
          />
          <FacetSelect
            name="province"
            label={t("search:filters.province")}
            values={facets.provinces}
            anyLabel={t("search:filters.any")}
          />
          <FacetSelect
            name="cooperative"
            label={t("search:filters.cooperative")}
            values={facets.cooperatives}
            anyLabel={t("search:filters.any")}
          />
          <fieldset className="field price-range">
            <legend>{t("search:filters.price")}</legend>
            <label htmlFor="f-price-min">{t("search:filters.priceMin")}</label>
            <input
              id="f-price-min"
              type="number"
              name="price_min"
              min={0}
              inputMode="numeric"
              defaultValue={filters.price_min ?? ""}
            />
            <label htmlFor="f-price-max">{t("search:filters.priceMax")}</label>
            <input
              id="f-price-max"
              type="number"
              name="price_max"
              min={0}
              inputMode="numeric"
              defaultValue={filters.price_max ?? ""}
            />
          </fieldset>
          <div className="field field--check">
            <input id="f-stock" type="checkbox" name="stock" value="1" defaultChecked={filters.stock} />
            <label htmlFor="f-stock" data-testid="facet-stock" data-count={facets.inStock}>
              {t("search:filters.option", { label: t("search:filters.inStock"), count: facets.inStock })}
            </label>
          </div>
          <div className="field">
            <label htmlFor="f-sort">{t("sort.label")}</label>
            <select id="f-sort" name="sort" defaultValue={result.sort}>
              {searchSorts.map((s) => (
                <option key={s} value={s}>
                  {s === "relevance" ? t("search:sort.relevance") : t(`sort.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button">
            {t("search:filters.apply")}
          </button>
          {hasFilters ? (
            <p>
              <Link
                to={`${localePath(locale, "/search")}${result.q ? `?q=${encodeURIComponent(result.q)}` : ""}`}
              >
                {t("search:page.clear")}
              </Link>
            </p>
          ) : null}
          <nav aria-label={t("search:filters.priceRanges")}>
            <ul className="price-buckets" data-testid="facet-price">
              {facets.prices.map((b) => (
                <li key={b.index} data-count={b.count}>
                  <Link to={bucketHref(b.min, b.max)} aria-current={b.selected ? "true" : undefined}>
                    {t("search:filters.option", {
                      label:
                        b.max == null
                          ? t("search:filters.bucketOpen", { min: format.number(b.min, locale) })
                          : t("search:filters.bucket", {
                              min: format.number(b.min, locale),
                              max: format.number(b.max, locale),
                            }),
                      count: b.count,
                    })}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        </Form>
        <div className="search__results">
          {result.products.length > 0 ? (
            <ProductGrid products={result.products} locale={locale} priorityCount={2} />
          ) : (
            <p className="empty">{t("search:page.empty")}</p>
          )}
          <Pagination page={result.page} pageCount={result.pageCount} />
        </div>
      </div>
    </section>
  );
}
