import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LocalizedTextView } from "~/components/localized-text";
import { Pagination } from "~/components/pagination";
import { Picture } from "~/components/picture";
import { ProductGrid } from "~/components/product-card";
import { dateText, formatNumber } from "~/i18n/format";
import { getFixedT } from "~/i18n/i18n.server";
import { getCooperative } from "~/models/catalogue.server";
import { presentReviews, publishedReviews } from "~/models/reviews.server";
import { RatingSummary } from "~/components/rating";
import { hydrateLater } from "~/components/hydrate-later";
import { ensureNamespaces, type I18nHandle } from "~/i18n/namespaces";
import type { ClientLoaderFunctionArgs } from "@remix-run/react";
import { getWorkshop } from "~/models/maker.server";
import { db } from "~/utils/db.server";
import { notFound, pageParam, requireLocale } from "~/utils/http.server";
import { seoMeta } from "~/utils/seo";
import { publicOrigin } from "~/utils/env.server";
import { cooperativeJsonLd } from "~/utils/structured-data";
import { localePath, mediaUrl } from "~/utils/urls";
import type { SharedPageHandle } from "~/utils/shared-page";
import { fairDays } from "~/models/fair-dates";
import { standsOfCooperative } from "~/models/fairs.server";

function logoUrl(
  c: { logo: { variants: { format: string; width: number; key: string }[] } | null },
  origin: string,
) {
  const jpeg = c.logo?.variants.filter((v) => v.format === "jpeg").sort((a, b) => b.width - a.width)[0];
  return jpeg ? `${origin}${mediaUrl(jpeg.key)}` : undefined;
}

// Below a phone's first screen: rendered by the server, hydrated when scrolled near (decision 024).
const ReviewsSection = hydrateLater("ReviewsSection", () =>
  import("~/components/reviews").then((m) => ({ default: m.ReviewsSection })),
);

// Public data only: may be served from the shared page cache (decision 005).
export const handle: SharedPageHandle & I18nHandle = { sharedPage: true, i18n: ["trust"] };

export async function loader({ params, request }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const url = new URL(request.url);
  const [cooperative, stands, workshop] = await Promise.all([
    getCooperative(db, { slug: params.slug ?? "", locale, page: pageParam(url) }),
    standsOfCooperative(db, params.slug ?? "", locale),
    getWorkshop(db, params.slug ?? "", locale),
  ]);
  const t = getFixedT(locale);
  if (!cooperative || !workshop) notFound();
  // Approved reviews of all its pieces, paged by ?reviews= (decision 019).
  const reviews = await publishedReviews(db, {
    cooperativeSlug: cooperative.slug,
    locale,
    page: pageParam(url, 10_000, "reviews"),
  });
  return {
    locale,
    cooperative,
    // "À retrouver au Salon … stand 12" (decision 021), written here: this page loads no fairs namespace.
    atFairs: stands.map((s) => ({
      slug: s.slug,
      text: t("fairs:atFair", {
        fair: s.name.text,
        stand: s.standNumber,
        days: fairDays(s.startsOn, s.endsOn, locale),
        city: s.city.text,
      }),
    })),
    reviews: presentReviews(reviews, locale),
    // Who made it: women members and the workshop (decision 020).
    workshop: {
      womenMemberCount: workshop.womenMemberCount,
      photos: workshop.photos.map(({ altByLocale: _, ...p }) => p),
    },
    verifiedOn: dateText(cooperative.verifiedAt, locale)?.text ?? null,
    seo: {
      title: t("cooperative.metaTitle", { name: cooperative.name.text }),
      description: cooperative.story.text.slice(0, 160),
      image: logoUrl(cooperative, publicOrigin()),
      jsonLd: [cooperativeJsonLd(cooperative, publicOrigin(), locale)],
    },
  };
}

/** Client-side navigations into this page bring the review strings first. */
export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  const [data] = await Promise.all([serverLoader<typeof loader>(), ensureNamespaces(handle.i18n ?? [])]);
  return data;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

export default function CooperativeRoute() {
  const { locale, cooperative: c, verifiedOn, atFairs, reviews, workshop } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <section className="coop-hero" aria-labelledby="coop-title">
        {c.logo ? (
          <Picture picture={c.logo} sizes="96px" className="coop-hero__logo" alt="" priority />
        ) : null}
        <div>
          <h1 id="coop-title">
            <LocalizedTextView value={c.name} showFallbackNote />
          </h1>
          <p className="muted">
            <LocalizedTextView value={c.city} /> · <LocalizedTextView value={c.province} />
          </p>
          {c.verifiedAt ? (
            <p className="verified-mark" data-testid="verified-mark">
              <span aria-hidden="true">✓</span> {t("cooperative.verified", { date: verifiedOn })}
            </p>
          ) : null}
          {atFairs.map((f) => (
            <p key={f.slug} className="at-fair" data-testid="at-fair">
              <Link to={localePath(locale, `/fairs/${f.slug}`)}>{f.text}</Link>
            </p>
          ))}
          <RatingSummary view={reviews} />
          <ul className="chips" aria-label={t("cooperative.crafts")}>
            {c.crafts.map((craft) => (
              <li key={craft.slug}>
                <Link to={localePath(locale, `/crafts/${craft.slug}`)}>
                  <LocalizedTextView value={craft.name} />
                </Link>
              </li>
            ))}
          </ul>
        </div>
      </section>
      <div className="coop-body">
        <section aria-labelledby="story-title" className="coop-story">
          <h2 id="story-title">{t("cooperative.story")}</h2>
          <p>
            <LocalizedTextView value={c.story} showFallbackNote />
          </p>
        </section>
        <dl className="coop-facts">
          <div>
            <dt>{t("cooperative.province")}</dt>
            <dd>
              <LocalizedTextView value={c.province} />
            </dd>
          </div>
          <div>
            <dt>{t("cooperative.membersLabel")}</dt>
            <dd data-testid="member-count">{t("cooperative.members", { count: c.memberCount })}</dd>
          </div>
          {workshop.womenMemberCount !== null ? (
            <div>
              <dt>{t("trust:maker.womenLabel")}</dt>
              <dd data-testid="women-member-count">{formatNumber(workshop.womenMemberCount, locale)}</dd>
            </div>
          ) : null}
          {c.foundedYear ? (
            <div>
              <dt>{t("cooperative.founded")}</dt>
              <dd>{c.foundedYear}</dd>
            </div>
          ) : null}
        </dl>
      </div>
      {workshop.photos.length > 0 ? (
        <section className="section" aria-labelledby="workshop-title">
          <h2 id="workshop-title">{t("trust:maker.workshop")}</h2>
          <ul className="workshop" data-testid="workshop">
            {workshop.photos.map((p, i) => (
              <li key={i}>
                <Picture
                  picture={p}
                  sizes="(min-width: 1100px) 280px, (min-width: 700px) 45vw, 100vw"
                  alt={p.alt.text || t("trust:maker.workshopPhoto", { number: i + 1 })}
                />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="section" aria-labelledby="coop-products-title">
        <h2 id="coop-products-title">{t("cooperative.products", { count: c.total })}</h2>
        {c.products.length > 0 ? (
          <ProductGrid products={c.products} locale={locale} />
        ) : (
          <p className="empty">{t("cooperative.noProducts")}</p>
        )}
        <Pagination page={c.page} pageCount={c.pageCount} />
      </section>
      <ReviewsSection view={reviews} locale={locale} />
    </>
  );
}
