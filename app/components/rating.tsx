import { useTranslation } from "react-i18next";
import type { ReviewsView } from "./reviews";

// Apart from reviews.tsx: the summary sits at the top of product and cooperative pages, while
// the reviews themselves hydrate when they come into view (hydrateLater, decision 024).

/** Five stars, `rating` of them filled: drawn for the eye, said in words for screen readers. */
export function Stars({ rating, label }: { rating: number; label: string }) {
  return (
    <span className="stars" role="img" aria-label={label} data-rating={rating}>
      <span aria-hidden="true">
        {"★".repeat(rating)}
        <span className="stars__empty">{"★".repeat(5 - rating)}</span>
      </span>
    </span>
  );
}

/** The average and count of approved reviews, as the product and cooperative pages show them. */
export function RatingSummary({ view }: { view: Pick<ReviewsView, "count" | "average" | "averageText"> }) {
  const { t } = useTranslation();
  if (view.count === 0 || view.average === null || !view.averageText) return null;
  const rounded = Math.round(view.average);
  return (
    <p className="rating-summary" data-testid="rating-summary">
      <a href="#reviews-title">
        <Stars
          rating={Math.min(5, Math.max(1, rounded))}
          label={t("trust:reviews.average", { average: view.averageText })}
        />{" "}
        <strong data-testid="rating-average">
          {t("trust:reviews.average", { average: view.averageText })}
        </strong>{" "}
        <span className="muted" data-testid="rating-count">
          ({t("trust:reviews.count", { count: view.count })})
        </span>
      </a>
    </p>
  );
}
