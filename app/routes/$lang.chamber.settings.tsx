import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuditReasonField } from "~/components/audit-reason-field";
import { EmailField, Field, FormError, SelectField } from "~/components/form";
import { CommissionSchema, StaffRoleSchema } from "~/forms/chamber.server";
import { getFixedT } from "~/i18n/i18n.server";
import { formatNumber } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { listStaff, setStaffRole } from "~/models/chamber.server";
import {
  getCommissionRateBp,
  getDisplayRates,
  setCommissionRateBp,
  setDisplayRates,
} from "~/models/settings.server";
import { parseDisplayRatesForm } from "~/forms/chamber.server";
import { DISPLAY_CURRENCIES, rateToInput } from "~/models/display-currency";
import { dateText } from "~/i18n/format";
import { requireStaff } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { fieldFailure, parseForm } from "~/utils/forms";
import { requireLocale } from "~/utils/http.server";
import { seoMeta } from "~/utils/seo";
import { localePath } from "~/utils/urls";
import { readForm } from "~/utils/form-body.server";

/** Admins only: the platform commission and who is chamber staff. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const admin = await requireStaff(request, locale, "administer");
  const [rateBp, staff, displayRates] = await Promise.all([
    getCommissionRateBp(db),
    listStaff(db),
    getDisplayRates(db),
  ]);
  const t = getFixedT(locale);
  // Formatted here: the browser shows the server's words (its Intl may write dates otherwise).
  const ratesSetOn = dateText(displayRates.setAt, locale, { dateStyle: "long", timeStyle: "short" });
  return {
    rateBp,
    staff,
    displayRates,
    ratesSetOn,
    me: admin.id,
    seo: { title: t("chamber:settings.metaTitle") },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const admin = await requireStaff(request, locale, "administer");
  const formData = await readForm(request);
  const back = (notice: string) => redirect(`${localePath(locale, "/chamber/settings")}?notice=${notice}`);
  if (formData.get("intent") === "rates") {
    const parsed = parseDisplayRatesForm(formData);
    if (!parsed.ok) return data({ ...parsed, intent: "rates" }, { status: 400 });
    await setDisplayRates(db, { rates: parsed.data, actorUserId: admin.id });
    return back("rates");
  }
  if (formData.get("intent") === "commission") {
    const parsed = parseForm(CommissionSchema, formData);
    if (!parsed.ok) return data({ ...parsed, intent: "commission" }, { status: 400 });
    await setCommissionRateBp(db, {
      rateBp: parsed.data.percent,
      actorUserId: admin.id,
      reason: parsed.data.reason,
    });
    return back("commission");
  }
  const parsed = parseForm(StaffRoleSchema, formData);
  if (!parsed.ok) return data({ ...parsed, intent: "staff" }, { status: 400 });
  const result = await setStaffRole(db, {
    adminId: admin.id,
    email: parsed.data.email,
    role: parsed.data.role === "none" ? null : parsed.data.role,
    reason: parsed.data.reason,
  });
  if (!result.ok) {
    const message = { not_found: "chamber:errors.noSuchUser", self: "chamber:errors.ownRole" } as const;
    return data(
      { ...fieldFailure(formData, "email", message[result.error]), intent: "staff" },
      { status: 400 },
    );
  }
  return back("staff");
}

export default function ChamberSettings() {
  const { rateBp, staff, displayRates, ratesSetOn } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const locale = useLocale();
  const commissionFailure = failure?.intent === "commission" ? failure : undefined;
  const staffFailure = failure?.intent === "staff" ? failure : undefined;
  const ratesFailure = failure?.intent === "rates" ? failure : undefined;
  return (
    <div className="stack">
      <h1>{t("chamber:settings.title")}</h1>
      {search.get("notice") ? (
        <p className="notice" role="status">
          {t("form.saved")}
        </p>
      ) : null}
      <section aria-labelledby="commission-title" className="stack narrow">
        <h2 id="commission-title">{t("chamber:settings.commission")}</h2>
        <p data-testid="commission-rate">
          {t("chamber:settings.current", {
            rate: formatNumber(rateBp / 100, locale, { maximumFractionDigits: 2 }),
          })}
        </p>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="commission" />
          <FormError errors={commissionFailure?.errors} />
          <Field
            name="percent"
            label={t("chamber:settings.percent")}
            hint={t("chamber:settings.percentHint")}
            inputMode="decimal"
            dir="ltr"
            errors={commissionFailure?.errors}
            values={commissionFailure?.values}
            defaultValue={String(rateBp / 100)}
          />
          <AuditReasonField failure={commissionFailure} />
          <button type="submit" className="button">
            {t("shop:form.save")}
          </button>
        </Form>
      </section>
      <section aria-labelledby="rates-title" className="stack narrow">
        <h2 id="rates-title">{t("chamber:settings.rates")}</h2>
        <p className="muted">{t("chamber:settings.ratesIntro")}</p>
        <p data-testid="rates-set-on">
          {ratesSetOn
            ? t("chamber:settings.ratesSetOn", { date: ratesSetOn.text })
            : t("chamber:settings.ratesNotSet")}
        </p>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="rates" />
          <FormError errors={ratesFailure?.errors} />
          {DISPLAY_CURRENCIES.map((c) => (
            <Field
              key={c}
              name={`rate_${c}`}
              label={t("chamber:settings.rate", { currency: c })}
              hint={t("chamber:settings.rateHint")}
              inputMode="decimal"
              dir="ltr"
              errors={ratesFailure?.errors}
              values={ratesFailure?.values}
              defaultValue={displayRates.rates[c] ? rateToInput(displayRates.rates[c]) : ""}
              required
            />
          ))}
          <button type="submit" className="button">
            {t("shop:form.save")}
          </button>
        </Form>
      </section>
      <section aria-labelledby="staff-title" className="stack">
        <h2 id="staff-title">{t("chamber:settings.staff")}</h2>
        <table className="data-table">
          <tbody>
            {staff.map((s) => (
              <tr key={s.id}>
                <td>
                  <bdi>{s.name}</bdi>
                </td>
                <td>
                  <bdi dir="ltr">{s.email}</bdi>
                </td>
                <td>{t(`account:roles.${s.staffRole ?? "moderator"}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Form method="post" className="stack narrow" noValidate>
          <input type="hidden" name="intent" value="staff" />
          <FormError errors={staffFailure?.errors} />
          <EmailField
            label={t("shop:members.email")}
            errors={staffFailure?.errors}
            values={staffFailure?.values}
            required
          />
          <SelectField
            id="field-staff-role"
            name="role"
            label={t("shop:members.role")}
            options={[
              { value: "moderator", label: t("account:roles.moderator") },
              { value: "admin", label: t("account:roles.admin") },
              { value: "none", label: t("chamber:settings.noRole") },
            ]}
            errors={staffFailure?.errors}
            values={staffFailure?.values}
            defaultValue="moderator"
          />
          <AuditReasonField failure={staffFailure} />
          <button type="submit" className="button">
            {t("chamber:settings.setRole")}
          </button>
        </Form>
      </section>
    </div>
  );
}
