import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ClientLoaderFunctionArgs } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormError } from "~/components/form";
import { ReviewSchema } from "~/forms/trust.server";
import { locales } from "~/i18n/config";
import { getFixedT } from "~/i18n/i18n.server";
import { ensureNamespaces, type I18nHandle } from "~/i18n/namespaces";
import { useLocale } from "~/i18n/use-locale";
import { reviewTarget, submitReview } from "~/models/reviews.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/form-body.server";
import { formFailure, parseForm } from "~/utils/forms";
import { cachePolicy, notFound, requireId, requireLocale } from "~/utils/http.server";
import { privateHeaders } from "~/utils/private-headers";
import { seoMeta } from "~/utils/seo";
import { localePath } from "~/utils/urls";

/** Like the order page it belongs to: private, never cached, indexed nor sent as a referrer. */
function privatePage() {
  return { "Cache-Control": cachePolicy.none, "X-Robots-Tag": "noindex", "Referrer-Policy": "no-referrer" };
}

export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const found = await reviewTarget(db, {
    token: params.token ?? "",
    productId: requireId(params.productId),
    locale,
  });
  // Another buyer's product, a made-up token: nothing here.
  if (!found.ok && found.error === "not_found") notFound();
  const t = getFixedT(locale);
  return data(
    {
      token: params.token ?? "",
      state: found.ok
        ? found.target.existing
          ? ("already" as const)
          : ("open" as const)
        : ("notDelivered" as const),
      title: found.ok ? found.target.title : null,
      reference: found.ok ? found.target.reference : null,
      seo: { title: t("trust:review.metaTitle") },
    },
    { headers: privatePage() },
  );
}

export const headers: HeadersFunction = privateHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  ...seoMeta(data?.seo),
  { name: "robots", content: "noindex" },
];

export const handle: I18nHandle = { i18n: ["trust"] };

export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  const [loaded] = await Promise.all([serverLoader<typeof loader>(), ensureNamespaces(handle.i18n ?? [])]);
  return loaded;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const token = params.token ?? "";
  const productId = requireId(params.productId);
  const parsed = parseForm(ReviewSchema, await readForm(request));
  if (!parsed.ok) return data(parsed, { status: 400, headers: privatePage() });
  const result = await submitReview(db, {
    token,
    productId,
    rating: parsed.data.rating,
    body: parsed.data.body,
    locale: parsed.data.lang as (typeof locales)[number],
  });
  if (!result.ok) {
    if (result.error === "not_found") notFound();
    // Refused on the server whatever the form said: not delivered, or reviewed already.
    return data(
      formFailure(result.error === "not_delivered" ? "trust:review.notDelivered" : "trust:review.already"),
      { status: result.error === "not_delivered" ? 403 : 409, headers: privatePage() },
    );
  }
  return redirect(`${localePath(locale, `/orders/${token}`)}?reviewed=1`, { headers: privatePage() });
}

export default function ReviewRoute() {
  const { token, state, title, reference } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  const values = failure?.values ?? {};
  const ratingError = failure?.errors?.rating;
  return (
    <section className="narrow stack" aria-labelledby="review-title">
      <p>
        <Link to={localePath(locale, `/orders/${token}`)}>{t("trust:review.back")}</Link>
      </p>
      <h1 id="review-title">
        {title ? t("trust:review.title", { title: title.text }) : t("trust:review.metaTitle")}
      </h1>
      {title ? (
        <p className="muted">{reference ? t("trust:review.order", { number: reference }) : null}</p>
      ) : null}
      {state === "notDelivered" ? (
        <p className="notice" data-testid="review-refused">
          {t("trust:review.notDelivered")}
        </p>
      ) : state === "already" ? (
        <p className="notice" data-testid="review-refused">
          {t("trust:review.already")}
        </p>
      ) : (
        <Form method="post" className="stack" noValidate data-testid="review-form">
          <FormError errors={failure?.errors} />
          <fieldset
            className={`field rating-field${ratingError ? " field--error" : ""}`}
            aria-describedby={ratingError ? "field-rating-error" : undefined}
          >
            <legend>{t("trust:review.rating")}</legend>
            <div className="rating-field__options">
              {[5, 4, 3, 2, 1].map((n) => (
                <label key={n} className="rating-field__option">
                  <input
                    type="radio"
                    name="rating"
                    value={n}
                    defaultChecked={values.rating === String(n)}
                    required
                  />{" "}
                  <span aria-hidden="true">{"★".repeat(n)}</span> {t("trust:review.star", { count: n })}
                </label>
              ))}
            </div>
            {ratingError ? (
              <p className="field__error" id="field-rating-error" role="alert">
                {t(ratingError)}
              </p>
            ) : null}
          </fieldset>
          <Field
            name="body"
            label={t("trust:review.body")}
            hint={t("trust:review.bodyHint")}
            errors={failure?.errors}
            values={values}
            multiline
            required
            dir="auto"
          />
          <div className="field">
            <label htmlFor="field-lang">{t("trust:review.lang")}</label>
            <select id="field-lang" name="lang" defaultValue={values.lang ?? locale}>
              {locales.map((l) => (
                <option key={l} value={l} lang={l}>
                  {t(`languages.${l}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button">
            {t("trust:review.submit")}
          </button>
        </Form>
      )}
    </section>
  );
}
