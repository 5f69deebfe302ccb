import { LOW_STOCK_AT } from "~/models/listing-options";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { AddToCart } from "~/components/add-to-cart";
import { LocalizedTextView } from "~/components/localized-text";
import { Money } from "~/components/money";
import { DeliveryEstimate } from "~/components/delivery-estimate";
import { FavouriteButton } from "~/components/favourite-button";
import { ProductGallery } from "~/components/product-gallery";
import { hydrateLater } from "~/components/hydrate-later";
import { getFixedT } from "~/i18n/i18n.server";
import { getProduct } from "~/models/catalogue.server";
import { presentReviews, publishedReviews } from "~/models/reviews.server";
import { RatingSummary } from "~/components/rating";
import { getMaker } from "~/models/maker.server";
import { db } from "~/utils/db.server";
import { notFound, requireLocale, pageParam } from "~/utils/http.server";
import { seoMeta } from "~/utils/seo";
import { publicOrigin } from "~/utils/env.server";
import { productImageUrl, productJsonLd, reviewsJsonLd } from "~/utils/structured-data";
import { localePath } from "~/utils/urls";
import type { SharedPageHandle } from "~/utils/shared-page";
import { ensureNamespaces, type I18nHandle } from "~/i18n/namespaces";
import type { ClientLoaderFunctionArgs } from "@remix-run/react";

// Below a phone's first screen: rendered by the server, hydrated when scrolled near (decision 024).
const ProductFacts = hydrateLater("ProductFacts", () =>
  import("~/components/product-facts").then((m) => ({ default: m.ProductFacts })),
);
const MadeBy = hydrateLater("MadeBy", () =>
  import("~/components/made-by").then((m) => ({ default: m.MadeBy })),
);
const ReviewsSection = hydrateLater("ReviewsSection", () =>
  import("~/components/reviews").then((m) => ({ default: m.ReviewsSection })),
);
const ProductGrid = hydrateLater("ProductGrid", () =>
  import("~/components/product-card").then((m) => ({ default: m.ProductGrid })),
);

// Public data only: may be served from the shared page cache (decision 005).
export const handle: SharedPageHandle & I18nHandle = { sharedPage: true, i18n: ["trust"] };

export async function loader({ params, request }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const [product, maker] = await Promise.all([
    getProduct(db, { slug: params.slug ?? "", locale }),
    // Who made it and when it arrives (decision 020).
    getMaker(db, params.slug ?? "", locale),
  ]);
  const t = getFixedT(locale);
  if (!product || !maker) notFound();
  const origin = publicOrigin();
  // Approved reviews only, paged by ?reviews= (decision 019).
  const reviewPage = pageParam(new URL(request.url), 10_000, "reviews");
  const reviews = await publishedReviews(db, { productId: product.id, locale, page: reviewPage });
  return {
    locale,
    product,
    reviews: presentReviews(reviews, locale),
    maker,
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

export default function ProductRoute() {
  const { locale, product, reviews, maker } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  // One object while the data is the same: MadeBy hydrates later, and new props would wake it.
  const madeBy = useMemo(() => ({ ...maker, logo: product.cooperative.logo }), [maker, product]);
  const stockState = product.stock === 0 ? "soldOut" : product.stock <= LOW_STOCK_AT ? "lowStock" : "inStock";
  return (
    <>
      <article className="product" aria-labelledby="product-title">
        <div className="product__gallery">
          <ProductGallery pictures={product.pictures} />
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
          <div className="product__price-row">
            <p className="product__price" data-testid="price">
              <Money centimes={product.priceCentimes} currency={product.currency} />
            </p>
            <FavouriteButton locale={locale} productId={product.id} title={product.title.text} />
          </div>
          <p className={`stock stock--${stockState}`} data-testid="stock">
            {t(`product.${stockState}`, { count: product.stock })}
          </p>
          <DeliveryEstimate lines={maker.delivery} processingDays={maker.processingDays} />
          <AddToCart locale={locale} productId={product.id} stock={product.stock} />
          {product.description.text ? (
            <div className="product__description">
              <LocalizedTextView value={product.description} showFallbackNote />
            </div>
          ) : null}
          <ProductFacts product={product} />
          <MadeBy maker={madeBy} locale={locale} />
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
