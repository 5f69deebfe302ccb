import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ClientLoaderFunctionArgs } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateTime } from "~/components/date-time";
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

function DecisionForms({
  target,
  reasons,
  failure,
}: {
  target: "review" | "reply";
  reasons: { code: string; label: { text: string } }[];
  failure: { errors?: Record<string, string>; values?: Record<string, string> } | undefined;
}) {
  const { t } = useTranslation();
  const id = `${target}-reason`;
  const reasonError = failure?.values?.target === target ? failure?.errors?.reason : undefined;
  return (
    <div className="side-by-side">
      <Form method="post" className="stack">
        <input type="hidden" name="target" value={target} />
        <input type="hidden" name="decision" value="approve" />
        <button type="submit" className="button" data-testid={`approve-${target}`}>
          {t(target === "review" ? "trust:chamber.approveReview" : "trust:chamber.approveReply")}
        </button>
      </Form>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="target" value={target} />
        <input type="hidden" name="decision" value="reject" />
        <div className="field">
          <label htmlFor={id}>{t("chamber:review.reason")}</label>
          <select
            id={id}
            name="reason"
            defaultValue=""
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={reasonError ? `${id}-error` : undefined}
          >
            <option value="">{t("chamber:review.chooseReason")}</option>
            {reasons.map((r) => (
              <option key={r.code} value={r.code}>
                {r.label.text}
              </option>
            ))}
          </select>
          {reasonError ? (
            <p className="field__error" id={`${id}-error`} role="alert">
              {t(reasonError)}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={`${target}-note`}>{t("chamber:review.note")}</label>
          <textarea id={`${target}-note`} name="note" rows={3} />
        </div>
        <button type="submit" className="button button--danger" data-testid={`reject-${target}`}>
          {t(target === "review" ? "trust:chamber.rejectReview" : "trust:chamber.rejectReply")}
        </button>
      </Form>
    </div>
  );
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
          <DecisionForms target="review" reasons={reasons} failure={failure} />
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
            <DecisionForms target="reply" reasons={reasons} failure={failure} />
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
