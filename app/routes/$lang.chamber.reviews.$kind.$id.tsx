import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DecisionForms } from "~/components/decision-forms";
import { FormError } from "~/components/form";
import { Money } from "~/components/money";
import { Picture } from "~/components/picture";
import { DecisionSchema } from "~/forms/chamber.server";
import { directionOf, locales, type Locale } from "~/i18n/config";
import { getFixedT } from "~/i18n/i18n.server";
import { pickLocalized } from "~/i18n/localized";
import { useLocale } from "~/i18n/use-locale";
import {
  decideSubmission,
  getReview,
  listRejectionReasons,
  type ListingVersion,
  type SubmissionKind,
} from "~/models/moderation.server";
import { requireStaff } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { publicOrigin } from "~/utils/env.server";
import { formFailure, parseForm } from "~/utils/forms";
import { notFound, requireId, requireLocale } from "~/utils/http.server";
import { seoMeta } from "~/utils/seo";
import { localePath } from "~/utils/urls";
import { readForm } from "~/utils/form-body.server";

function parseKind(kind: string | undefined): SubmissionKind {
  return kind === "listing" || kind === "revision" ? kind : notFound();
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  await requireStaff(request, locale, "moderate");
  const kind = parseKind(params.kind);
  const [review, reasons] = await Promise.all([
    getReview(db, { kind, id: requireId(params.id), locale }),
    listRejectionReasons(db, locale),
  ]);
  const t = getFixedT(locale);
  if (!review) notFound();
  // The previews speak the previewed language, whose strings the page does not carry.
  const previewStock = Object.fromEntries(
    locales.map((l) => [l, getFixedT(l)("chamber:review.stock", { count: review.proposed.content.stock })]),
  ) as Record<Locale, string>;
  return { review, reasons, previewStock, seo: { title: t("chamber:review.metaTitle") } };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const staff = await requireStaff(request, locale, "moderate");
  const kind = parseKind(params.kind);
  const parsed = parseForm(DecisionSchema, await readForm(request));
  if (!parsed.ok) return data(parsed, { status: 400 });
  const decision =
    parsed.data.decision === "approve"
      ? { kind, id: requireId(params.id), staffId: staff.id, approve: true as const }
      : {
          kind,
          id: requireId(params.id),
          staffId: staff.id,
          approve: false as const,
          reasonCode: parsed.data.reason ?? "other",
          note: parsed.data.note,
        };
  const decided = await decideSubmission(db, decision, { origin: publicOrigin() });
  if (!decided.ok) {
    if (decided.error === "not_found") notFound();
    if (decided.error === "unknown_reason")
      return data(formFailure("chamber:errors.reason", "reason"), { status: 400 });
    // The other staff member got there first: say so, change nothing.
    return data(formFailure("chamber:review.alreadyDecided"), { status: 409 });
  }
  return redirect(`${localePath(locale, "/chamber/reviews")}?decided=${parsed.data.decision}`);
}

function Version({
  version,
  locale,
  heading,
  stockText,
}: {
  version: ListingVersion;
  locale: Locale;
  heading: string;
  stockText: string;
}) {
  const { t } = useTranslation();
  const pageLocale = useLocale();
  const c = version.content;
  const text = (v: Record<string, string | undefined>) => pickLocalized(v, locale);
  const title = text(c.title);
  return (
    <article className="preview" lang={locale} dir={directionOf(locale)} aria-label={heading}>
      <h3 lang={pageLocale} dir={directionOf(pageLocale)}>
        {heading}
      </h3>
      <div className="preview__pictures">
        {version.pictures.map((p) => (
          <Picture key={p.imageId} picture={p} sizes="140px" alt="" />
        ))}
      </div>
      <h4 dir="auto" lang={title.lang}>
        {title.text || "—"}
      </h4>
      {title.fallback ? (
        <p className="badge" lang={pageLocale} dir={directionOf(pageLocale)}>
          {t("chamber:review.missingTranslation")}
        </p>
      ) : null}
      <p className="product__price">
        <Money centimes={c.priceCentimes} currency="MAD" locale={locale} />
      </p>
      <p className="muted">
        {version.craft.name[locale].text} · <span data-testid="preview-stock">{stockText}</span>
      </p>
      <p dir="auto" lang={text(c.description).lang}>
        {text(c.description).text}
      </p>
      {text(c.materials).text ? (
        <p className="muted" dir="auto" lang={text(c.materials).lang}>
          {text(c.materials).text}
        </p>
      ) : null}
    </article>
  );
}

export default function ReviewPage() {
  const { review, reasons, previewStock } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  const decided = review.status !== "pending";
  return (
    <div className="stack">
      <p>
        <Link to={localePath(locale, "/chamber/reviews")}>{t("chamber:review.back")}</Link>
      </p>
      <h1>{t(`chamber:review.title.${review.kind}`)}</h1>
      <p className="muted">
        {review.cooperative.name.text} ·{" "}
        <span className="badge">{t(`shop:coopStatus.${review.cooperative.status}`)}</span>
      </p>
      <div className="side-by-side">
        {locales.map((l) => (
          <Version
            key={l}
            version={review.proposed}
            locale={l}
            heading={t(`chamber:review.asBuyersSee.${l}`)}
            stockText={previewStock[l]}
          />
        ))}
      </div>
      {review.live ? (
        <section aria-labelledby="changes-title" className="stack">
          <h2 id="changes-title">{t("chamber:review.changes")}</h2>
          {review.changes.length === 0 &&
          review.photosAdded.length === 0 &&
          review.photosRemoved.length === 0 ? (
            <p className="muted">{t("chamber:review.noChanges")}</p>
          ) : (
            <table className="data-table" data-testid="changes">
              <thead>
                <tr>
                  <th scope="col">{t("chamber:review.field")}</th>
                  <th scope="col">{t("chamber:review.before")}</th>
                  <th scope="col">{t("chamber:review.after")}</th>
                </tr>
              </thead>
              <tbody>
                {review.changes.map((c) => {
                  const [name, lang] = c.field.split(".");
                  const label = `${t(`chamber:review.fields.${name}`)}${lang ? ` (${lang})` : ""}`;
                  // Texts: one cell, the words taken out struck through, the words put in underlined.
                  return c.words ? (
                    <tr key={c.field}>
                      <th scope="row">{label}</th>
                      <td
                        colSpan={2}
                        className="word-diff"
                        lang={lang}
                        dir={lang === "ar" ? "rtl" : lang ? "ltr" : undefined}
                        data-testid="word-diff"
                      >
                        {c.words.map((part, i) =>
                          part.removed ? (
                            <del key={i} className="change--removed">
                              {part.value}
                            </del>
                          ) : part.added ? (
                            <ins key={i} className="change--added">
                              {part.value}
                            </ins>
                          ) : (
                            <span key={i}>{part.value}</span>
                          ),
                        )}
                      </td>
                    </tr>
                  ) : (
                    <tr key={c.field}>
                      <th scope="row">{label}</th>
                      <td className="change--removed" data-label={t("chamber:review.before")}>
                        {c.before}
                      </td>
                      <td className="change--added" data-label={t("chamber:review.after")}>
                        {c.after}
                      </td>
                    </tr>
                  );
                })}
                {review.photosAdded.length > 0 ? (
                  <tr>
                    <th scope="row">{t("chamber:review.photosAdded")}</th>
                    <td />
                    <td className="change--added">{review.photosAdded.length}</td>
                  </tr>
                ) : null}
                {review.photosRemoved.length > 0 ? (
                  <tr>
                    <th scope="row">{t("chamber:review.photosRemoved")}</th>
                    <td className="change--removed">{review.photosRemoved.length}</td>
                    <td />
                  </tr>
                ) : null}
              </tbody>
            </table>
          )}
        </section>
      ) : null}
      <section aria-labelledby="decision-title" className="stack">
        <h2 id="decision-title">{t("chamber:review.decision")}</h2>
        <FormError errors={failure?.errors} />
        {decided ? (
          <p className="notice">{t("chamber:review.alreadyDecided")}</p>
        ) : (
          <DecisionForms
            reasons={reasons}
            failure={failure}
            approveLabel={t("chamber:review.approve")}
            rejectLabel={t("chamber:review.reject")}
          />
        )}
      </section>
    </div>
  );
}
