import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ClientLoaderFunctionArgs } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateTime } from "~/components/date-time";
import { DecisionForms } from "~/components/decision-forms";
import { FormError } from "~/components/form";
import { LocalizedTextView } from "~/components/localized-text";
import { Stars } from "~/components/rating";
import { BuyerReviewDecisionSchema } from "~/forms/trust.server";
import { dateText } from "~/i18n/format";
import { getFixedT } from "~/i18n/i18n.server";
import { ensureNamespaces, type I18nHandle } from "~/i18n/namespaces";
import { useLocale } from "~/i18n/use-locale";
import { listRejectionReasons } from "~/models/moderation.server";
import { decideBuyerReview, getBuyerReview } from "~/models/reviews.server";
import { requireStaff } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { publicOrigin } from "~/utils/env.server";
import { readForm } from "~/utils/form-body.server";
import { formFailure, parseForm } from "~/utils/forms";
import { notFound, requireId, requireLocale } from "~/utils/http.server";
import { seoMeta } from "~/utils/seo";
import { localePath } from "~/utils/urls";

export const handle: I18nHandle = { i18n: ["trust"] };

export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  const [loaded] = await Promise.all([serverLoader<typeof loader>(), ensureNamespaces(handle.i18n ?? [])]);
  return loaded;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  await requireStaff(request, locale, "moderate");
  const [review, reasons] = await Promise.all([
    getBuyerReview(db, requireId(params.id), locale),
    listRejectionReasons(db, locale, "review"),
  ]);
  if (!review) notFound();
  const t = getFixedT(locale);
  return {
    review,
    submitted: dateText(review.submittedAt, locale, { dateStyle: "medium", timeStyle: "short" }),
    reasons,
    seo: { title: t("trust:chamber.metaTitle") },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const staff = await requireStaff(request, locale, "moderate");
  const id = requireId(params.id);
  const parsed = parseForm(BuyerReviewDecisionSchema, await readForm(request));
  if (!parsed.ok) return data(parsed, { status: 400 });
  const { target, decision } = parsed.data;
  const result = await decideBuyerReview(
    db,
    decision === "approve"
      ? { id, target, staffId: staff.id, approve: true }
      : {
          id,
          target,
          staffId: staff.id,
          approve: false,
          reasonCode: parsed.data.reason ?? "",
          note: parsed.data.note,
        },
    publicOrigin(),
  );
  if (!result.ok) {
    if (result.error === "not_found") notFound();
    if (result.error === "unknown_reason")
      return data(formFailure("chamber:errors.reason", "reason"), { status: 400 });
    return data(formFailure("chamber:review.alreadyDecided"), { status: 409 });
  }
  return redirect(`${localePath(locale, "/chamber/reviews")}?decided=${decision}`);
}

export default function BuyerReviewDecision() {
  const { review, submitted, reasons } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <div className="stack">
      <p>
        <Link to={localePath(locale, "/chamber/reviews")}>{t("chamber:review.back")}</Link>
      </p>
      <h1>{t("trust:chamber.title")}</h1>
      <FormError errors={failure?.errors?.form ? failure.errors : undefined} />
      <dl className="order-facts">
        <div>
          <dt>{t("trust:chamber.product")}</dt>
          <dd>
            <Link to={localePath(locale, `/products/${review.product.slug}`)}>
              <LocalizedTextView value={review.product.title} />
            </Link>
          </dd>
        </div>
        <div>
          <dt>{t("trust:chamber.cooperative")}</dt>
          <dd>
            <LocalizedTextView value={review.cooperative} />
          </dd>
        </div>
        <div>
          <dt>{t("trust:chamber.order")}</dt>
          <dd>
            <bdi>{review.reference}</bdi> · <DateTime value={submitted} />
          </dd>
        </div>
      </dl>
      <p className="muted">{t("trust:chamber.verifiedNote")}</p>
      <section className="stack" aria-labelledby="buyer-review-title" data-testid="buyer-review">
        <h2 id="buyer-review-title">{t("trust:chamber.review")}</h2>
        <p>
          <Stars rating={review.rating} label={t("trust:reviews.stars", { rating: review.rating })} />{" "}
          <bdi>{review.author}</bdi>
        </p>
        <blockquote lang={review.lang} dir="auto" className="review__body">
          {review.body}
        </blockquote>
        {review.status === "pending" ? (
          <DecisionForms
            target="review"
            reasons={reasons}
            failure={failure}
            approveLabel={t("trust:chamber.approveReview")}
            rejectLabel={t("trust:chamber.rejectReview")}
          />
        ) : (
          <p className="notice">
            {t("trust:chamber.decided", { status: t(`trust:review.status.${review.status}`) })}
          </p>
        )}
      </section>
      {review.reply ? (
        <section className="stack" aria-labelledby="buyer-reply-title" data-testid="buyer-reply">
          <h2 id="buyer-reply-title">{t("trust:chamber.reply")}</h2>
          <blockquote lang={review.reply.lang} dir="auto" className="review__body">
            {review.reply.body}
          </blockquote>
          {review.reply.status === "pending" ? (
            <DecisionForms
              target="reply"
              reasons={reasons}
              failure={failure}
              approveLabel={t("trust:chamber.approveReply")}
              rejectLabel={t("trust:chamber.rejectReply")}
            />
          ) : (
            <p className="notice">
              {t("trust:chamber.decided", { status: t(`trust:review.status.${review.reply.status}`) })}
            </p>
          )}
        </section>
      ) : null}
    </div>
  );
}
