import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Locale } from "~/i18n/config";
import type { ProductCard as ProductCardData } from "~/models/catalogue.server";
import { localePath } from "~/utils/urls";
import { LocalizedTextView } from "./localized-text";
import { Money } from "./money";
import { FavouriteButton } from "./favourite-button";
import { Picture } from "./picture";

const CARD_SIZES = "(min-width: 1100px) 260px, (min-width: 700px) 30vw, 46vw";

/** `titleLevel`: 2 when the grid sits right under the page's h1 (headings must not skip a level). */
export function ProductGrid({
  products,
  locale,
  priorityCount = 0,
  titleLevel = 3,
}: {
  products: ProductCardData[];
  locale: Locale;
  priorityCount?: number;
  titleLevel?: 2 | 3;
}) {
  return (
    <ul className="product-grid">
      {products.map((p, i) => (
        <li key={p.slug}>
          <ProductCard product={p} locale={locale} priority={i < priorityCount} titleLevel={titleLevel} />
        </li>
      ))}
    </ul>
  );
}

export function ProductCard({
  product,
  locale,
  priority,
  titleLevel = 3,
}: {
  product: ProductCardData;
  locale: Locale;
  priority?: boolean;
  titleLevel?: 2 | 3;
}) {
  const { t } = useTranslation();
  const Title = titleLevel === 2 ? "h2" : "h3";
  return (
    <article className="product-card" data-testid="product-card">
      <Link
        to={localePath(locale, `/products/${product.slug}`)}
        prefetch="intent"
        className="product-card__link"
      >
        {product.image ? (
          <Picture
            picture={product.image}
            sizes={CARD_SIZES}
            className="product-card__image"
            priority={priority}
            alt=""
          />
        ) : (
          <span className="product-card__image product-card__image--empty" aria-hidden="true" />
        )}
        <Title className="product-card__title">
          <LocalizedTextView value={product.title} />
        </Title>
      </Link>
      <FavouriteButton
        locale={locale}
        productId={product.id}
        title={product.title.text}
        className="favourite--card"
      />
      <p className="product-card__shop">
        <LocalizedTextView value={product.cooperativeName} />
      </p>
      <p className="product-card__price">
        <Money centimes={product.priceCentimes} currency={product.currency} />
        {product.stock === 0 ? <span className="badge badge--muted">{t("product.soldOut")}</span> : null}
      </p>
    </article>
  );
}
