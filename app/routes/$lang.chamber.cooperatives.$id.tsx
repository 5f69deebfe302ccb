import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuditReasonField } from "~/components/audit-reason-field";
import { Field, FormError } from "~/components/form";
import { Money } from "~/components/money";
import { RibSchema, StatusChangeSchema } from "~/forms/chamber.server";
import { getFixedT } from "~/i18n/i18n.server";
import { dateText } from "~/i18n/format";
import { DateTime } from "~/components/date-time";
import {
  changeCooperativeStatus,
  getCooperativeForStaff,
  isValidRib,
  setCooperativeRib,
} from "~/models/chamber.server";
import { cooperativeStatement } from "~/models/payouts.server";
import { requireStaff } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { fieldFailure, formFailure, parseForm } from "~/utils/forms";
import { notFound, requireId, requireLocale } from "~/utils/http.server";
import { seoMeta } from "~/utils/seo";
import { localePath } from "~/utils/urls";
import { readForm } from "~/utils/form-body.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  await requireStaff(request, locale, "moderate");
  const id = requireId(params.id);
  const cooperative = await getCooperativeForStaff(db, id, locale);
  const t = getFixedT(locale);
  if (!cooperative) notFound();
  const dated = {
    ...cooperative,
    verifiedOn: dateText(cooperative.verifiedAt, locale)?.text ?? null,
    history: cooperative.history.map((h) => ({
      ...h,
      when: dateText(h.at, locale, { dateStyle: "medium", timeStyle: "short" }),
    })),
  };
  return {
    cooperative: dated,
    statement: await cooperativeStatement(db, id),
    seo: { title: t("chamber:cooperatives.metaTitle") },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const staff = await requireStaff(request, locale, "moderate");
  const cooperativeId = requireId(params.id);
  const formData = await readForm(request);
  const back = (notice: string) =>
    redirect(`${localePath(locale, `/chamber/cooperatives/${cooperativeId}`)}?notice=${notice}`);
  if (formData.get("intent") === "rib") {
    const parsed = parseForm(RibSchema, formData);
    if (!parsed.ok) return data(parsed, { status: 400 });
    if (!isValidRib(parsed.data.rib))
      return data(fieldFailure(formData, "rib", "chamber:errors.rib"), { status: 400 });
    if (!(await setCooperativeRib(db, { cooperativeId, staffId: staff.id, rib: parsed.data.rib })).ok)
      notFound();
    return back("rib");
  }
  const parsed = parseForm(StatusChangeSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const result = await changeCooperativeStatus(db, { cooperativeId, staffId: staff.id, ...parsed.data });
  if (!result.ok) {
    if (result.error === "not_found") notFound();
    return data(formFailure("chamber:errors.transition"), { status: 409 });
  }
  return back(parsed.data.change);
}

export default function ChamberCooperative() {
  const { cooperative: c, statement } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const changes =
    c.status === "pending"
      ? (["verify", "suspend"] as const)
      : c.status === "verified"
        ? (["suspend"] as const)
        : (["reinstate"] as const);
  return (
    <div className="stack">
      <h1>{c.name.text}</h1>
      <p>
        <span className="badge" data-testid="coop-status">
          {t(`shop:coopStatus.${c.status}`)}
        </span>
        {c.verifiedOn ? ` · ${t("chamber:cooperatives.verifiedOn", { date: c.verifiedOn })}` : null} ·{" "}
        {c.registrationNumber}
      </p>
      {search.get("notice") ? (
        <p className="notice" role="status">
          {t("form.saved")}
        </p>
      ) : null}
      <FormError errors={failure?.errors} />
      <section aria-labelledby="status-title" className="stack">
        <h2 id="status-title">{t("chamber:cooperatives.changeStatus")}</h2>
        <Form method="post" className="stack" noValidate>
          <AuditReasonField failure={failure} multiline />
          <div className="toolbar">
            {changes.map((change) => (
              <button
                key={change}
                type="submit"
                name="change"
                value={change}
                className={change === "suspend" ? "button button--danger" : "button"}
              >
                {t(`chamber:cooperatives.${change}`)}
              </button>
            ))}
          </div>
        </Form>
      </section>
      <section aria-labelledby="rib-title" className="stack">
        <h2 id="rib-title">{t("chamber:cooperatives.rib")}</h2>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="rib" />
          <Field
            name="rib"
            label={t("chamber:cooperatives.rib")}
            hint={t("chamber:cooperatives.ribHint")}
            dir="ltr"
            inputMode="numeric"
            errors={failure?.errors}
            values={failure?.values}
            defaultValue={c.rib}
          />
          <button type="submit" className="button button--secondary">
            {t("shop:form.save")}
          </button>
        </Form>
      </section>
      <section aria-labelledby="statement-title">
        <h2 id="statement-title">{t("chamber:payouts.statement")}</h2>
        <p>
          {t("chamber:payouts.deliveredNet")}: <Money centimes={statement.deliveredNet} currency="MAD" /> ·{" "}
          {t("chamber:payouts.paid")}: <Money centimes={statement.paid} currency="MAD" /> ·{" "}
          {t("chamber:payouts.owed")}: <Money centimes={statement.owed} currency="MAD" />
        </p>
      </section>
      <section aria-labelledby="history-title">
        <h2 id="history-title">{t("chamber:cooperatives.history")}</h2>
        <ul className="plain-list">
          {c.history.map((h, i) => (
            <li key={i}>
              <DateTime value={h.when} /> — <code>{h.action}</code> — {h.actor}
              {h.reason ? ` — ${h.reason}` : ""}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
