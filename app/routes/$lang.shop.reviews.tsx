import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateTime } from "~/components/date-time";
import { FormError } from "~/components/form";
import { LocalizedTextView } from "~/components/localized-text";
import { Pagination } from "~/components/pagination";
import { Stars } from "~/components/rating";
import { ReplySchema } from "~/forms/trust.server";
import { locales, type Locale } from "~/i18n/config";
import { dateText } from "~/i18n/format";
import { getFixedT } from "~/i18n/i18n.server";
import { useLocale } from "~/i18n/use-locale";
import { replyToReview, shopReviews } from "~/models/reviews.server";
import { requireCooperativeMember } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/form-body.server";
import { formFailure, parseForm } from "~/utils/forms";
import { notFound, pageParam, requireLocale } from "~/utils/http.server";
import { seoMeta } from "~/utils/seo";
import { localePath } from "~/utils/urls";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const { cooperativeId } = await requireCooperativeMember(request, locale, "listings");
  const page = await shopReviews(db, { cooperativeId, locale, page: pageParam(new URL(request.url)) });
  const t = getFixedT(locale);
  return {
    ...page,
    reviews: page.reviews.map((r) => ({ ...r, date: dateText(r.publishedAt, locale) })),
    seo: { title: t("trust:shop.metaTitle") },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const { cooperativeId, user } = await requireCooperativeMember(request, locale, "listings");
  const parsed = parseForm(ReplySchema, await readForm(request));
  if (!parsed.ok) return data(parsed, { status: 400 });
  // Scoped to the member's own cooperative: another's review id is "not found".
  const result = await replyToReview(db, {
    cooperativeId,
    reviewId: parsed.data.reviewId,
    userId: user.id,
    body: parsed.data.reply,
    locale: parsed.data.lang as Locale,
  });
  if (!result.ok) {
    if (result.error === "not_found") notFound();
    return data(
      { ...formFailure("trust:errors.alreadyAnswered"), reviewId: parsed.data.reviewId },
      { status: 409 },
    );
  }
  return redirect(`${localePath(locale, "/shop/reviews")}?sent=1`);
}

export default function ShopReviews() {
  const { reviews, page, pageCount } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const locale = useLocale();
  const failedFor =
    failure?.values?.reviewId ?? (failure && "reviewId" in failure ? String(failure.reviewId) : null);
  return (
    <section className="stack" aria-labelledby="shop-reviews-title">
      <h1 id="shop-reviews-title">{t("trust:shop.title")}</h1>
      <p className="muted">{t("trust:shop.intro")}</p>
      {search.get("sent") === "1" ? (
        <p className="notice" role="status">
          {t("trust:shop.sent")}
        </p>
      ) : null}
      {reviews.length === 0 ? (
        <p className="empty">{t("trust:shop.empty")}</p>
      ) : (
        <ol className="reviews__list">
          {reviews.map((r) => {
            const mine = failedFor === String(r.id);
            return (
              <li key={r.id} className="review" data-testid="shop-review">
                <p className="review__head">
                  <Stars rating={r.rating} label={t("trust:reviews.stars", { rating: r.rating })} />{" "}
                  {r.product ? (
                    <Link to={localePath(locale, `/products/${r.product.slug}`)}>
                      <LocalizedTextView value={r.product.title} />
                    </Link>
                  ) : null}
                </p>
                <p className="review__body" lang={r.lang} dir="auto">
                  {r.body}
                </p>
                <p className="review__by muted">
                  <bdi>{r.author}</bdi> · <DateTime value={r.date} />
                </p>
                {r.replyStatus === "published" || r.replyStatus === "pending" ? (
                  <div className="review__reply">
                    <p className="review__reply-title">
                      {t(
                        r.replyStatus === "published"
                          ? "trust:shop.replyPublished"
                          : "trust:shop.replyPending",
                      )}
                    </p>
                    <p lang={r.reply?.lang} dir="auto">
                      {r.replyDraft}
                    </p>
                  </div>
                ) : (
                  <Form method="post" className="stack" noValidate>
                    {r.replyStatus === "rejected" ? (
                      <p className="alert alert--warn">
                        {t("trust:shop.replyRejected", { reason: r.replyReason?.text ?? "—" })}
                        {r.replyNote ? ` ${r.replyNote}` : ""}
                      </p>
                    ) : null}
                    {mine ? <FormError errors={failure?.errors} /> : null}
                    <input type="hidden" name="reviewId" value={r.id} />
                    <div className={`field${mine && failure?.errors?.reply ? " field--error" : ""}`}>
                      <label htmlFor={`reply-${r.id}`}>{t("trust:shop.replyLabel")}</label>
                      <textarea
                        id={`reply-${r.id}`}
                        name="reply"
                        rows={3}
                        dir="auto"
                        defaultValue={mine ? (failure?.values?.reply ?? "") : ""}
                        aria-invalid={mine && failure?.errors?.reply ? true : undefined}
                        aria-describedby={mine && failure?.errors?.reply ? `reply-${r.id}-error` : undefined}
                      />
                      {mine && failure?.errors?.reply ? (
                        <p className="field__error" id={`reply-${r.id}-error`} role="alert">
                          {t(failure.errors.reply)}
                        </p>
                      ) : null}
                    </div>
                    <div className="field">
                      <label htmlFor={`reply-lang-${r.id}`}>{t("trust:shop.lang")}</label>
                      <select id={`reply-lang-${r.id}`} name="lang" defaultValue={locale}>
                        {locales.map((l) => (
                          <option key={l} value={l} lang={l}>
                            {t(`languages.${l}`)}
                          </option>
                        ))}
                      </select>
                    </div>
                    <button type="submit" className="button button--secondary">
                      {t("trust:shop.replySubmit")}
                    </button>
                  </Form>
                )}
              </li>
            );
          })}
        </ol>
      )}
      <Pagination page={page} pageCount={pageCount} />
    </section>
  );
}
