import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LocalizedTextView } from "~/components/localized-text";
import { Pagination } from "~/components/pagination";
import { ProductGrid } from "~/components/product-card";
import { getFixedT } from "~/i18n/i18n.server";
import { craftSorts, parseCraftSort } from "~/models/catalogue-options";
import { getCraftPage } from "~/models/catalogue.server";
import { db } from "~/utils/db.server";
import { notFound, pageParam, requireLocale } from "~/utils/http.server";
import { publicOrigin } from "~/utils/env.server";
import { seoMeta } from "~/utils/seo";
import { shareImage } from "~/utils/structured-data";
import type { SharedPageHandle } from "~/utils/shared-page";

// Public data only: may be served from the shared page cache (decision 005).
export const handle: SharedPageHandle = { sharedPage: true };

export async function loader({ params, request }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const url = new URL(request.url);
  const sort = parseCraftSort(url.searchParams.get("sort"));
  const page = await getCraftPage(db, { craftSlug: params.craft ?? "", locale, page: pageParam(url), sort });
  const t = getFixedT(locale);
  if (!page) notFound();
  return {
    locale,
    ...page,
    seo: {
      title: t("craft.metaTitle", { craft: page.craft.name.text }),
      description: page.craft.description.text || t("craft.metaDescription", { craft: page.craft.name.text }),
      image: shareImage(page.products, publicOrigin()),
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

export default function CraftRoute() {
  const { locale, craft, products, total, page, pageCount, sort } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="section" aria-labelledby="craft-title">
      <header className="page-header">
        <h1 id="craft-title">
          <LocalizedTextView value={craft.name} />
        </h1>
        {craft.description.text ? (
          <p className="lead">
            <LocalizedTextView value={craft.description} />
          </p>
        ) : null}
        <p className="muted" data-testid="result-count">
          {t("craft.count", { count: total })}
        </p>
      </header>
      <Form method="get" className="toolbar">
        <label htmlFor="sort">{t("sort.label")}</label>
        <select id="sort" name="sort" defaultValue={sort}>
          {craftSorts.map((s) => (
            <option key={s} value={s}>
              {t(`sort.${s}`)}
            </option>
          ))}
        </select>
        <button type="submit" className="button button--secondary">
          {t("sort.apply")}
        </button>
      </Form>
      {products.length > 0 ? (
        <ProductGrid products={products} locale={locale} priorityCount={2} titleLevel={2} />
      ) : (
        <p className="empty">{t("craft.empty")}</p>
      )}
      <Pagination page={page} pageCount={pageCount} />
    </section>
  );
}
