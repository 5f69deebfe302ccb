import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ListingStatus } from "~/models/listing-options";

/** Where a listing stands, as its member must read it: one of these, each with its own explanation. */
export type ListingState =
  | "draft"
  | "pending"
  | "rejected"
  | "published"
  | "changesNotSent"
  | "changesInReview"
  | "archived";

export function listingState(
  status: ListingStatus,
  revisionStatus: "draft" | "pending" | null,
): ListingState {
  if (status !== "published") return status;
  return revisionStatus === "draft"
    ? "changesNotSent"
    : revisionStatus === "pending"
      ? "changesInReview"
      : "published";
}

/**
 * The one state of a listing at the top of its page, what it means for buyers, the chamber's
 * reason when it said no, and the one thing to do next (send to review, or see it on sale).
 */
export function ListingStatusBanner({
  status,
  revisionStatus,
  reviewNote,
  liveHref,
}: {
  status: ListingStatus;
  revisionStatus: "draft" | "pending" | null;
  reviewNote: string | null;
  liveHref: string;
}) {
  const { t } = useTranslation();
  const state = listingState(status, revisionStatus);
  const submit = state === "draft" || state === "rejected" || state === "changesNotSent";
  return (
    <section
      className={`status-banner status-banner--${state}`}
      aria-labelledby="listing-state"
      data-testid="listing-banner"
      data-state={state}
    >
      <h3 id="listing-state" className="status-banner__title">
        <span className={`status status--${status}`} data-testid="listing-status">
          {t(`shop:status.${status}`)}
        </span>
        {revisionStatus ? (
          <span className="badge" data-testid="revision-status">
            {t(`shop:revision.${revisionStatus}`)}
          </span>
        ) : null}
      </h3>
      <p className="status-banner__text">{t(`shop:banner.${state}`)}</p>
      {reviewNote && (status === "rejected" || status === "published") ? (
        <p className="status-banner__reason" data-testid="review-note">
          {t(status === "rejected" ? "shop:listings.reviewNote" : "shop:banner.changesRejected", {
            note: reviewNote,
          })}
        </p>
      ) : null}
      {submit ? (
        <Form method="post">
          <button type="submit" name="intent" value="submit" className="button" data-testid="banner-action">
            {t(state === "changesNotSent" ? "shop:banner.sendChanges" : "shop:edit.submit")}
          </button>
        </Form>
      ) : status === "published" ? (
        <p>
          <Link to={liveHref} className="button button--secondary" data-testid="banner-action">
            {t("shop:edit.viewLive")}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
