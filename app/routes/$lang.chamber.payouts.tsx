import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError } from "~/components/form";
import { Money } from "~/components/money";
import { PayoutSchema, RefundByHandSchema } from "~/forms/chamber.server";
import { getFixedT } from "~/i18n/i18n.server";
import { useLocale } from "~/i18n/use-locale";
import { payoutBalances, recordPayout } from "~/models/payouts.server";
import { markRefundMadeByHand, refundsNeedingAttention } from "~/models/refunds.server";
import { NO_CARD_PAYMENT } from "~/services/payments/types";
import { dateText } from "~/i18n/format";
import { DateTime } from "~/components/date-time";
import { requireStaff } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formFailure, parseForm } from "~/utils/forms";
import { notFound, pageParam, requireLocale } from "~/utils/http.server";
import { Pagination } from "~/components/pagination";
import { seoMeta } from "~/utils/seo";
import { localePath } from "~/utils/urls";
import { readForm } from "~/utils/form-body.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  await requireStaff(request, locale, "moderate");
  const [balances, stuck] = await Promise.all([
    payoutBalances(db, locale),
    refundsNeedingAttention(db, locale, pageParam(new URL(request.url), 10_000, "refunds")),
  ]);
  const t = getFixedT(locale);
  return {
    balances,
    stuckRefunds: stuck.refunds.map((r) => ({ ...r, since: dateText(r.createdAt, locale) })),
    refundsPage: stuck.page,
    refundsPageCount: stuck.pageCount,
    today: new Date().toISOString().slice(0, 10),
    seo: { title: t("chamber:payouts.metaTitle") },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const staff = await requireStaff(request, locale, "moderate");
  const formData = await readForm(request);
  if (formData.get("intent") === "refund-by-hand") {
    const refundId = String(formData.get("refundId") ?? "");
    const marked = parseForm(RefundByHandSchema, formData);
    if (!marked.ok) return data({ ...marked, cooperativeId: "", refundId }, { status: 400 });
    const outcome = await markRefundMadeByHand(db, {
      refundId: marked.data.refundId,
      staffId: staff.id,
      note: marked.data.note,
    });
    if (!outcome.ok) {
      if (outcome.error === "not_found") notFound();
      const refused = {
        already_handled: "chamber:errors.refundAlreadyHandled",
        too_early: "chamber:errors.refundTooEarly",
        busy: "chamber:errors.refundBusy",
      } as const;
      return data({ ...formFailure(refused[outcome.error]), cooperativeId: "", refundId }, { status: 409 });
    }
    return redirect(`${localePath(locale, "/chamber/payouts")}?refunded=${outcome.madeBy}`);
  }
  const parsed = parseForm(PayoutSchema, formData);
  const cooperativeId = String(formData.get("cooperativeId") ?? "");
  if (!parsed.ok) return data({ ...parsed, cooperativeId, refundId: "" }, { status: 400 });
  const result = await recordPayout(db, {
    ...parsed.data,
    amountCentimes: parsed.data.amount,
    staffId: staff.id,
  });
  if (!result.ok) {
    if (result.error === "not_found") notFound();
    return data(
      { ...formFailure("chamber:errors.moreThanOwed"), cooperativeId, refundId: "" },
      { status: 400 },
    );
  }
  return redirect(`${localePath(locale, "/chamber/payouts")}?recorded=${cooperativeId}`);
}

export default function PayoutsPage() {
  const { balances, stuckRefunds, refundsPage, refundsPageCount, today } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <section className="stack" aria-labelledby="payouts-title">
      <h1 id="payouts-title">{t("chamber:payouts.title")}</h1>
      {search.get("recorded") ? (
        <p className="notice" role="status">
          {t("chamber:payouts.recorded")}
        </p>
      ) : null}
      {search.get("refunded") ? (
        <p className="notice" role="status">
          {t(
            search.get("refunded") === "stripe" ? "chamber:refunds.foundAtStripe" : "chamber:refunds.marked",
          )}
        </p>
      ) : null}
      <p>
        <a href={localePath(locale, "/chamber/payouts/export")} download>
          {t("chamber:payouts.export")}
        </a>
      </p>
      <table className="data-table" data-testid="balances">
        <thead>
          <tr>
            <th scope="col">{t("chamber:dashboard.cooperative")}</th>
            <th scope="col">{t("chamber:payouts.deliveredNet")}</th>
            <th scope="col">{t("chamber:payouts.paid")}</th>
            <th scope="col">{t("chamber:payouts.owed")}</th>
            <th scope="col">{t("chamber:payouts.record")}</th>
          </tr>
        </thead>
        <tbody>
          {balances.map((b) => {
            const rowFailure = failure?.cooperativeId === String(b.cooperativeId) ? failure : undefined;
            return (
              <tr key={b.cooperativeId}>
                <th scope="row">
                  <Link to={localePath(locale, `/chamber/cooperatives/${b.cooperativeId}`)}>{b.name}</Link>
                  {!b.rib ? <span className="badge">{t("chamber:payouts.noRib")}</span> : null}
                </th>
                <td data-label={t("chamber:payouts.deliveredNet")}>
                  <Money centimes={b.deliveredNet} currency="MAD" />
                </td>
                <td data-label={t("chamber:payouts.paid")}>
                  <Money centimes={b.paid} currency="MAD" />
                </td>
                <td data-label={t("chamber:payouts.owed")} data-testid={`owed-${b.slug}`}>
                  <Money centimes={b.owed} currency="MAD" />
                </td>
                <td className="data-table__actions">
                  {b.owed > 0 ? (
                    <Form method="post" className="toolbar" noValidate>
                      <input type="hidden" name="cooperativeId" value={b.cooperativeId} />
                      <FormError
                        errors={
                          rowFailure?.errors?.form
                            ? rowFailure.errors
                            : rowFailure && Object.keys(rowFailure.errors).length
                              ? { form: Object.values(rowFailure.errors)[0] }
                              : undefined
                        }
                      />
                      <label className="visually-hidden" htmlFor={`amount-${b.cooperativeId}`}>
                        {t("chamber:payouts.amount")}
                      </label>
                      <input
                        id={`amount-${b.cooperativeId}`}
                        name="amount"
                        inputMode="decimal"
                        dir="ltr"
                        size={8}
                        placeholder={t("chamber:payouts.amount")}
                      />
                      <label className="visually-hidden" htmlFor={`reference-${b.cooperativeId}`}>
                        {t("chamber:payouts.reference")}
                      </label>
                      <input
                        id={`reference-${b.cooperativeId}`}
                        name="reference"
                        dir="ltr"
                        size={10}
                        placeholder={t("chamber:payouts.reference")}
                      />
                      <label className="visually-hidden" htmlFor={`date-${b.cooperativeId}`}>
                        {t("chamber:payouts.date")}
                      </label>
                      <input id={`date-${b.cooperativeId}`} name="paidOn" type="date" defaultValue={today} />
                      <button type="submit" className="button button--secondary">
                        {t("chamber:payouts.record")}
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <section className="stack" aria-labelledby="refunds-title">
        <h2 id="refunds-title">{t("chamber:refunds.title")}</h2>
        <p className="muted">{t("chamber:refunds.intro")}</p>
        {failure?.refundId && !stuckRefunds.some((r) => String(r.id) === failure.refundId) ? (
          // A refund no longer (or not yet) in the list: its answer cannot sit in its row.
          <p className="form-error" role="alert" id={`refund-error-${failure.refundId}`}>
            {t(failure.errors.form ?? Object.values(failure.errors)[0])}
          </p>
        ) : null}
        {stuckRefunds.length === 0 ? (
          <p data-testid="refunds-empty">{t("chamber:refunds.empty")}</p>
        ) : (
          <table className="data-table" data-testid="stuck-refunds">
            <thead>
              <tr>
                <th scope="col">{t("chamber:refunds.order")}</th>
                <th scope="col">{t("chamber:dashboard.cooperative")}</th>
                <th scope="col">{t("chamber:refunds.amount")}</th>
                <th scope="col">{t("chamber:refunds.status")}</th>
                <th scope="col">{t("chamber:refunds.since")}</th>
                <th scope="col">{t("chamber:refunds.stripeSaid")}</th>
                <th scope="col">{t("chamber:refunds.byHand")}</th>
              </tr>
            </thead>
            <tbody>
              {stuckRefunds.map((r) => (
                <tr key={r.id} data-testid={`refund-${r.id}`}>
                  <th scope="row">{t("chamber:refunds.orderNumber", { number: r.reference })}</th>
                  <td data-label={t("chamber:dashboard.cooperative")}>
                    {r.cooperative ? (
                      <span lang={r.cooperative.fallback ? r.cooperative.lang : undefined}>
                        {r.cooperative.text}
                      </span>
                    ) : (
                      t("chamber:refunds.wholeOrder")
                    )}
                  </td>
                  <td data-label={t("chamber:refunds.amount")}>
                    <Money centimes={r.amountCentimes} currency={r.currency} />
                  </td>
                  <td data-label={t("chamber:refunds.status")}>
                    {t(`chamber:refunds.statuses.${r.status}`, { count: r.attempts })}
                  </td>
                  <td data-label={t("chamber:refunds.since")}>
                    <DateTime value={r.since} />
                  </td>
                  {r.lastError === NO_CARD_PAYMENT ? (
                    <td data-label={t("chamber:refunds.stripeSaid")}>{t("chamber:refunds.noCardPayment")}</td>
                  ) : (
                    <td data-label={t("chamber:refunds.stripeSaid")}>
                      <span dir="ltr" lang="en">
                        {r.lastError ?? "—"}
                      </span>
                    </td>
                  )}
                  <td className="data-table__actions">
                    <Form method="post" className="toolbar" noValidate>
                      <input type="hidden" name="intent" value="refund-by-hand" />
                      <input type="hidden" name="refundId" value={r.id} />
                      {failure?.refundId === String(r.id) ? (
                        <p className="form-error" role="alert" id={`refund-error-${r.id}`}>
                          {t(failure.errors.form ?? Object.values(failure.errors)[0])}
                        </p>
                      ) : null}
                      <label className="visually-hidden" htmlFor={`refund-note-${r.id}`}>
                        {t("chamber:refunds.note")}
                      </label>
                      <input
                        id={`refund-note-${r.id}`}
                        name="note"
                        size={14}
                        placeholder={t("chamber:refunds.note")}
                        defaultValue={failure?.refundId === String(r.id) ? failure.values.note : ""}
                        aria-invalid={
                          failure?.refundId === String(r.id) && failure.errors.note ? true : undefined
                        }
                        aria-describedby={
                          failure?.refundId === String(r.id) ? `refund-error-${r.id}` : undefined
                        }
                      />
                      <button type="submit" className="button button--secondary">
                        {t("chamber:refunds.markByHand")}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Pagination
          page={refundsPage}
          pageCount={refundsPageCount}
          param="refunds"
          hash="#refunds-title"
          label={t("chamber:refunds.title")}
        />
      </section>
    </section>
  );
}
