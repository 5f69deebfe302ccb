import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError } from "~/components/form";
import { LocalizedTextView } from "~/components/localized-text";
import { ReportDecisionSchema } from "~/forms/chamber.server";
import { getFixedT } from "~/i18n/i18n.server";
import { dateText } from "~/i18n/format";
import { DateTime } from "~/components/date-time";
import { useLocale } from "~/i18n/use-locale";
import { decideReport, listOpenReports } from "~/models/chamber.server";
import { requireStaff } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formFailure, parseForm } from "~/utils/forms";
import { notFound, requireId, requireLocale } from "~/utils/http.server";
import { seoMeta } from "~/utils/seo";
import { localePath } from "~/utils/urls";
import { readForm } from "~/utils/form-body.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  await requireStaff(request, locale, "moderate");
  const reports = await listOpenReports(db, locale);
  const t = getFixedT(locale);
  return {
    reports: reports.map((r) => ({ ...r, reported: dateText(r.createdAt, locale, { dateStyle: "medium" }) })),
    seo: { title: t("chamber:reports.metaTitle") },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const staff = await requireStaff(request, locale, "moderate");
  const formData = await readForm(request);
  const parsed = parseForm(ReportDecisionSchema, formData);
  if (!parsed.ok) return data({ ...parsed, reportId: String(formData.get("reportId")) }, { status: 400 });
  const result = await decideReport(db, {
    reportId: requireId(formData.get("reportId")),
    staffId: staff.id,
    unpublish: parsed.data.decision === "unpublish",
    reason: parsed.data.reason,
  });
  if (!result.ok) {
    if (result.error === "not_found") notFound();
    return data({ ...formFailure("chamber:review.alreadyDecided"), reportId: "" }, { status: 409 });
  }
  return redirect(`${localePath(locale, "/chamber/reports")}?decided=${parsed.data.decision}`);
}

export default function ReportsQueue() {
  const { reports } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <section className="stack" aria-labelledby="reports-title">
      <h1 id="reports-title">{t("chamber:reports.title")}</h1>
      {failure && !failure.reportId ? <FormError errors={failure.errors} /> : null}
      {reports.length === 0 ? <p className="empty">{t("chamber:reports.empty")}</p> : null}
      {reports.map((r) => (
        <article key={r.id} className="preview stack" data-testid="report">
          <h2>
            <Link to={localePath(locale, `/products/${r.productSlug}`)}>
              <LocalizedTextView value={r.title} />
            </Link>
          </h2>
          <p className="muted">
            <LocalizedTextView value={r.cooperative} /> · <DateTime value={r.reported} /> ·{" "}
            {t(`chamber:report.reasons.${r.reason}`)}
          </p>
          {r.note ? <p>{r.note}</p> : null}
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="reportId" value={r.id} />
            {failure?.reportId === String(r.id) ? (
              <FormError errors={{ form: failure.errors.reason ?? failure.errors.form ?? "form.invalid" }} />
            ) : null}
            <div className="field">
              <label htmlFor={`reason-${r.id}`}>{t("chamber:cooperatives.reason")}</label>
              <textarea id={`reason-${r.id}`} name="reason" rows={2} required />
            </div>
            <div className="toolbar">
              <button type="submit" name="decision" value="dismiss" className="button button--secondary">
                {t("chamber:reports.dismiss")}
              </button>
              <button type="submit" name="decision" value="unpublish" className="button button--danger">
                {t("chamber:reports.unpublish")}
              </button>
            </div>
          </Form>
        </article>
      ))}
    </section>
  );
}
