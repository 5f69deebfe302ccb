import { LOW_STOCK_AT } from "~/models/listing-options";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AddToCart } from "~/components/add-to-cart";
import { LocalizedTextView } from "~/components/localized-text";
import { Money } from "~/components/money";
import { Picture } from "~/components/picture";
import { ProductGrid } from "~/components/product-card";
import { ProductFacts } from "~/components/product-facts";
import { getFixedT } from "~/i18n/i18n.server";
import { getProduct } from "~/models/catalog.server";
import { presentReviews, publishedReviews } from "~/models/reviews.server";
import { RatingSummary, ReviewsSection } from "~/components/reviews";
import { db } from "~/utils/db.server";
import { notFound, requireLocale, pageParam } from "~/utils/http.server";
import { seoMeta } from "~/utils/seo";
import { publicOrigin } from "~/utils/env.server";
import { productImageUrl, productJsonLd, reviewsJsonLd } from "~/utils/structured-data";
import { localePath } from "~/utils/urls";
import type { SharedPageHandle } from "~/utils/shared-page";
import { ensureNamespaces, type I18nHandle } from "~/i18n/namespaces";
import type { ClientLoaderFunctionArgs } from "@remix-run/react";

// Public data only: may be served from the shared page cache (decision 005).
export const handle: SharedPageHandle & I18nHandle = { sharedPage: true, i18n: ["trust"] };

export async function loader({ params, request }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const [product, t] = await Promise.all([
    getProduct(db, { slug: params.slug ?? "", locale }),
    getFixedT(locale),
  ]);
  if (!product) notFound();
  const origin = publicOrigin();
  // Approved reviews only, paged by ?reviews= (decision 019).
  const reviewPage = pageParam(new URL(request.url), 10_000, "reviews");
  const reviews = await publishedReviews(db, { productId: product.id, locale, page: reviewPage });
  return {
    locale,
    product,
    reviews: presentReviews(reviews, locale),
    seo: {
      title: t("product.metaTitle", {
        title: product.title.text,
        cooperative: product.cooperative.name.text,
      }),
      description: product.description.text.slice(0, 160),
      image: productImageUrl(product, origin, 800),
      imageAlt: product.pictures[0]?.alt.text,
      type: "product",
      jsonLd: [{ ...productJsonLd(product, origin, locale), ...reviewsJsonLd(reviews) }],
    },
  };
}

/** Client-side navigations into this page bring the review strings first. */
export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  const [data] = await Promise.all([serverLoader<typeof loader>(), ensureNamespaces(handle.i18n ?? [])]);
  return data;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

const MAIN_SIZES = "(min-width: 900px) 560px, 100vw";
const THUMB_SIZES = "120px";

export default function ProductRoute() {
  const { locale, product, reviews } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const [cover, ...others] = product.pictures;
  const stockState = product.stock === 0 ? "soldOut" : product.stock <= LOW_STOCK_AT ? "lowStock" : "inStock";
  return (
    <>
      <article className="product" aria-labelledby="product-title">
        <div className="product__gallery" data-testid="gallery">
          {cover ? (
            <Picture picture={cover} sizes={MAIN_SIZES} priority className="product__cover" />
          ) : (
            <span className="product__cover product-card__image--empty" aria-hidden="true" />
          )}
          {others.length > 0 ? (
            <ul className="product__thumbs">
              {others.map((p, i) => (
                <li key={i}>
                  <Picture picture={p} sizes={THUMB_SIZES} />
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        <div className="product__summary">
          <p className="eyebrow">
            <Link to={localePath(locale, `/crafts/${product.craft.slug}`)}>
              <LocalizedTextView value={product.craft.name} />
            </Link>
          </p>
          <h1 id="product-title">
            <LocalizedTextView value={product.title} showFallbackNote />
          </h1>
          <RatingSummary view={reviews} />
          <p className="product__price" data-testid="price">
            <Money centimes={product.priceCentimes} currency={product.currency} />
          </p>
          <p className={`stock stock--${stockState}`} data-testid="stock">
            {t(`product.${stockState}`, { count: product.stock })}
          </p>
          <p className="muted">{t("product.processing", { count: product.cooperative.processingDays })}</p>
          <AddToCart locale={locale} productId={product.id} stock={product.stock} />
          {product.description.text ? (
            <div className="product__description">
              <LocalizedTextView value={product.description} showFallbackNote />
            </div>
          ) : null}
          <ProductFacts product={product} />
          <aside className="coop-box" aria-labelledby="coop-box-title">
            {product.cooperative.logo ? (
              <Picture picture={product.cooperative.logo} sizes="64px" className="coop-box__logo" alt="" />
            ) : null}
            <div>
              <h2 id="coop-box-title">
                <Link to={localePath(locale, `/cooperatives/${product.cooperative.slug}`)}>
                  <LocalizedTextView value={product.cooperative.name} />
                </Link>
              </h2>
              <p className="muted">
                <LocalizedTextView value={product.cooperative.city} /> ·{" "}
                <LocalizedTextView value={product.cooperative.province} /> ·{" "}
                {t("cooperative.members", { count: product.cooperative.memberCount })}
              </p>
            </div>
          </aside>
          <p className="muted">
            <Link to={localePath(locale, `/products/${product.slug}/report`)} rel="nofollow">
              {t("product.report")}
            </Link>
          </p>
        </div>
      </article>
      <ReviewsSection view={reviews} locale={locale} />
      {product.moreFromShop.length > 0 ? (
        <section className="section" aria-labelledby="more-title">
          <h2 id="more-title">{t("product.moreFromShop")}</h2>
          <ProductGrid products={product.moreFromShop} locale={locale} />
        </section>
      ) : null}
    </>
  );
}
