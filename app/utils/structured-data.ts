/**
 * schema.org descriptions of pages, as JSON-LD (rendered by Remix's `script:ld+json` meta,
 * which escapes `<`). Pure: the loaders pass what they loaded and the site's origin.
 */
import type { Locale } from "~/i18n/config";
import type { CooperativeDetail, ProductDetail } from "~/models/catalogue.server";
import { localePath, mediaUrl } from "./urls";

/** A decimal price from integer centimes, without floats: 35000 → "350.00". */
export function centimesToDecimal(centimes: number): string {
  const sign = centimes < 0 ? "-" : "";
  const abs = Math.abs(centimes);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

function largestJpeg(picture: { variants: { format: string; width: number; key: string }[] } | undefined) {
  const jpegs = picture?.variants.filter((v) => v.format === "jpeg").sort((a, b) => b.width - a.width) ?? [];
  return jpegs[0];
}

/** A shareable JPEG of a picture (about 800 px wide), as an absolute URL. */
export function cardImageUrl(
  picture: { variants: { format: string; width: number; key: string }[] },
  origin: string,
): string | undefined {
  const jpegs = picture.variants.filter((v) => v.format === "jpeg").sort((a, b) => a.width - b.width);
  const pick = jpegs.find((v) => v.width >= 800) ?? jpegs[jpegs.length - 1];
  return pick ? `${origin}${mediaUrl(pick.key)}` : undefined;
}

/** The picture to share for a listing page: the first listing that has one. */
export function shareImage(
  cards: { image: { variants: { format: string; width: number; key: string }[] } | null }[],
  origin: string,
) {
  const card = cards.find((c) => c.image);
  return card?.image ? cardImageUrl(card.image, origin) : undefined;
}

export function productImageUrl(
  product: ProductDetail,
  origin: string,
  preferWidth = 1600,
): string | undefined {
  const jpegs =
    product.pictures[0]?.variants.filter((v) => v.format === "jpeg").sort((a, b) => a.width - b.width) ?? [];
  const pick = jpegs.find((v) => v.width >= preferWidth) ?? jpegs[jpegs.length - 1];
  return pick ? `${origin}${mediaUrl(pick.key)}` : undefined;
}

export function productJsonLd(product: ProductDetail, origin: string, locale: Locale) {
  const url = `${origin}${localePath(locale, `/products/${product.slug}`)}`;
  const images = product.pictures
    .map((p) => largestJpeg(p))
    .filter((v): v is NonNullable<typeof v> => v !== undefined)
    .map((v) => `${origin}${mediaUrl(v.key)}`);
  return {
    "@context": "https://schema.org",
    "@type": "Product",
    "@id": `${url}#product`,
    name: product.title.text,
    description: product.description.text || undefined,
    image: images,
    sku: product.slug,
    url,
    inLanguage: locale,
    category: product.craft.name.text,
    brand: { "@type": "Brand", name: product.cooperative.name.text },
    offers: {
      "@type": "Offer",
      url,
      price: centimesToDecimal(product.priceCentimes),
      priceCurrency: product.currency,
      availability: product.stock > 0 ? "https://schema.org/InStock" : "https://schema.org/OutOfStock",
      itemCondition: "https://schema.org/NewCondition",
      seller: {
        "@type": "Organization",
        name: product.cooperative.name.text,
        url: `${origin}${localePath(locale, `/cooperatives/${product.cooperative.slug}`)}`,
      },
    },
  };
}

export function cooperativeJsonLd(cooperative: CooperativeDetail, origin: string, locale: Locale) {
  const url = `${origin}${localePath(locale, `/cooperatives/${cooperative.slug}`)}`;
  const logo = largestJpeg(cooperative.logo ?? undefined);
  return {
    "@context": "https://schema.org",
    "@type": "Organization",
    "@id": `${url}#organization`,
    name: cooperative.name.text,
    url,
    description: cooperative.story.text || undefined,
    logo: logo ? `${origin}${mediaUrl(logo.key)}` : undefined,
    foundingDate: cooperative.foundedYear ? String(cooperative.foundedYear) : undefined,
    numberOfEmployees: { "@type": "QuantitativeValue", value: cooperative.memberCount },
    address: {
      "@type": "PostalAddress",
      addressLocality: cooperative.city.text,
      addressRegion: cooperative.province.text,
      addressCountry: "MA",
    },
    parentOrganization: { "@id": `${origin}/#organization` },
  };
}

/** The marketplace itself, on the home page. */
export function siteJsonLd(origin: string, locale: Locale, name: string, description: string) {
  return [
    {
      "@context": "https://schema.org",
      "@type": "Organization",
      "@id": `${origin}/#organization`,
      name,
      url: `${origin}${localePath(locale)}`,
      logo: `${origin}/favicon.svg`,
      description,
      areaServed: "MA",
    },
    {
      "@context": "https://schema.org",
      "@type": "WebSite",
      name,
      url: `${origin}${localePath(locale)}`,
      inLanguage: locale,
      potentialAction: {
        "@type": "SearchAction",
        target: `${origin}${localePath(locale, "/search")}?q={query}`,
        "query-input": "required name=query",
      },
    },
  ];
}

/**
 * `aggregateRating` and `review` of a product from its approved reviews only (the page's own
 * page of them): nothing when it has none, as search engines ask.
 */
export function reviewsJsonLd(view: {
  count: number;
  average: number | null;
  reviews: { rating: number; body: string; author: string; publishedAt: string; lang: string }[];
}) {
  if (view.count === 0 || view.average === null) return {};
  return {
    aggregateRating: {
      "@type": "AggregateRating",
      ratingValue: view.average.toFixed(1),
      reviewCount: view.count,
      bestRating: 5,
      worstRating: 1,
    },
    review: view.reviews.map((r) => ({
      "@type": "Review",
      reviewRating: { "@type": "Rating", ratingValue: r.rating, bestRating: 5, worstRating: 1 },
      author: { "@type": "Person", name: r.author },
      datePublished: r.publishedAt.slice(0, 10),
      reviewBody: r.body,
      inLanguage: r.lang,
    })),
  };
}
