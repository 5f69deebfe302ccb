import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Locale } from "~/i18n/config";
import type { ProductCard as ProductCardData } from "~/models/catalog.server";
import { localePath } from "~/utils/urls";
import { LocalizedTextView } from "./localized-text";
import { Money } from "./money";
import { Picture } from "./picture";

const CARD_SIZES = "(min-width: 1100px) 260px, (min-width: 700px) 30vw, 46vw";

export function ProductGrid({ products, locale, priorityCount = 0 }: { products: ProductCardData[]; locale: Locale; priorityCount?: number }) {
  return (
    <ul className="product-grid">
      {products.map((p, i) => (
        <li key={p.slug}>
          <ProductCard product={p} locale={locale} priority={i < priorityCount} />
        </li>
      ))}
    </ul>
  );
}

export function ProductCard({ product, locale, priority }: { product: ProductCardData; locale: Locale; priority?: boolean }) {
  const { t } = useTranslation();
  return (
    <article className="product-card" data-testid="product-card">
      <Link to={localePath(locale, `/products/${product.slug}`)} prefetch="intent" className="product-card__link">
        {product.image ? (
          <Picture picture={product.image} sizes={CARD_SIZES} className="product-card__image" priority={priority} alt="" />
        ) : (
          <span className="product-card__image product-card__image--empty" aria-hidden="true" />
        )}
        <h3 className="product-card__title">
          <LocalizedTextView value={product.title} />
        </h3>
      </Link>
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
