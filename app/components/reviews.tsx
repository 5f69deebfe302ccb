import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Locale } from "~/i18n/config";
import type { DateText } from "~/i18n/format";
import type { LocalizedText } from "~/i18n/localized";
import { localePath } from "~/utils/urls";
import { DateTime } from "./date-time";
import { LocalizedTextView } from "./localized-text";
import { Pagination } from "./pagination";
import { RatingSummary, Stars } from "./rating";

export type ReviewsView = {
  count: number;
  average: number | null;
  averageText: string | null;
  page: number;
  pageCount: number;
  reviews: {
    id: number;
    rating: number;
    body: string;
    lang: string;
    author: string;
    date: DateText | null;
    product: { slug: string; title: LocalizedText } | null;
    reply: { body: string; lang: string } | null;
  }[];
};

/** Approved reviews, newest first, paged by `?reviews=` (products keep `?page=`). */
export function ReviewsSection({ view, locale }: { view: ReviewsView; locale: Locale }) {
  const { t } = useTranslation();
  return (
    <section className="section reviews" aria-labelledby="reviews-title" data-testid="reviews">
      <h2 id="reviews-title">{t("trust:reviews.title")}</h2>
      <RatingSummary view={view} />
      {view.reviews.length === 0 ? (
        <p className="empty">{t("trust:reviews.none")}</p>
      ) : (
        <ol className="reviews__list">
          {view.reviews.map((r) => (
            <li key={r.id} className="review" data-testid="review">
              <p className="review__head">
                <Stars rating={r.rating} label={t("trust:reviews.stars", { rating: r.rating })} />{" "}
                <span className="badge badge--verified" data-testid="verified-purchase">
                  <span aria-hidden="true">✓</span> {t("trust:reviews.verified")}
                </span>
              </p>
              {r.product ? (
                <p className="muted">
                  <Link to={localePath(locale, `/products/${r.product.slug}`)}>
                    <LocalizedTextView value={r.product.title} />
                  </Link>
                </p>
              ) : null}
              <p className="review__body" lang={r.lang} dir="auto">
                {r.body}
              </p>
              <p className="review__by muted">
                <bdi>{r.author}</bdi> · <DateTime value={r.date} />
              </p>
              {r.reply ? (
                <div className="review__reply" data-testid="review-reply">
                  <p className="review__reply-title">{t("trust:reviews.reply")}</p>
                  <p lang={r.reply.lang} dir="auto">
                    {r.reply.body}
                  </p>
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      <Pagination
        page={view.page}
        pageCount={view.pageCount}
        param="reviews"
        hash="#reviews-title"
        label={t("trust:reviews.pagination")}
      />
    </section>
  );
}

/** On the buyer's order page: for a delivered part, a link to review each piece, or the review's state. */
export function OrderReviewLinks({
  locale,
  token,
  lines,
}: {
  locale: Locale;
  token: string;
  lines: { productId: number; title: LocalizedText; review: { status: string; rating: number } | null }[];
}) {
  const { t } = useTranslation();
  if (lines.length === 0) return null;
  return (
    <div className="order-reviews" data-testid="order-reviews">
      <h3>{t("trust:order.reviewsTitle")}</h3>
      <p className="muted">{t("trust:order.reviewsIntro")}</p>
      <ul className="order-reviews__list">
        {lines.map((l) => (
          <li key={l.productId}>
            {l.review ? (
              <span data-testid="review-state" data-status={l.review.status}>
                {t("trust:order.yourReview", {
                  title: l.title.text,
                  status: t(`trust:review.status.${l.review.status}`),
                })}
              </span>
            ) : (
              <Link
                className="button button--secondary"
                to={localePath(locale, `/orders/${token}/review/${l.productId}`)}
                data-testid="review-link"
              >
                {t("trust:order.rate", { title: l.title.text })}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
