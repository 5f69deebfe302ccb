import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormError } from "~/components/form";
import { LocalizedTextView } from "~/components/localized-text";
import { localizedValue } from "~/forms/fields.server";
import { HolidayDeleteSchema, HolidaySchema } from "~/forms/trust.server";
import { getFixedT } from "~/i18n/i18n.server";
import { deleteHoliday, listHolidays, saveHoliday } from "~/models/delivery.server";
import { requireStaff } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/form-body.server";
import { parseForm } from "~/utils/forms";
import { requireLocale } from "~/utils/http.server";
import { seoMeta } from "~/utils/seo";
import { localePath } from "~/utils/urls";

/** Morocco's public holidays, which delivery estimates skip: admins keep the list (decision 020). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  await requireStaff(request, locale, "administer");
  const holidays = await listHolidays(db, locale);
  const t = getFixedT(locale);
  return { holidays, seo: { title: t("trustadmin:holidays.metaTitle") } };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const staff = await requireStaff(request, locale, "administer");
  const formData = await readForm(request);
  const back = (query: string) => redirect(`${localePath(locale, "/chamber/holidays")}?${query}`);
  if (formData.get("intent") === "delete") {
    const parsed = parseForm(HolidayDeleteSchema, formData);
    if (!parsed.ok) return data(parsed, { status: 400 });
    await deleteHoliday(db, { day: parsed.data.day, actorUserId: staff.id });
    return back("notice=deleted");
  }
  const parsed = parseForm(HolidaySchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  await saveHoliday(db, {
    day: parsed.data.day,
    name: localizedValue(parsed.data, "name"),
    actorUserId: staff.id,
  });
  return back("notice=saved");
}

export default function ChamberHolidays() {
  const { holidays } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const notice = search.get("notice");
  const errors = failure?.errors;
  const values = failure?.values;
  return (
    <section className="stack" aria-labelledby="holidays-title">
      <h2 id="holidays-title">{t("trustadmin:holidays.title")}</h2>
      <p className="muted">{t("trustadmin:holidays.intro")}</p>
      {notice === "saved" || notice === "deleted" ? (
        <p className="notice" role="status">
          {t(`trustadmin:holidays.${notice}`)}
        </p>
      ) : null}
      <Form method="post" className="stack preview" noValidate data-testid="holiday-form">
        <FormError errors={errors} />
        <div className="form-grid">
          <Field
            name="day"
            type="date"
            label={t("trustadmin:holidays.day")}
            errors={errors}
            values={values}
            dir="ltr"
            required
          />
          <Field
            name="name_ar"
            label={t("trustadmin:holidays.nameAr")}
            errors={errors}
            values={values}
            dir="rtl"
            lang="ar"
            required
          />
          <Field
            name="name_fr"
            label={t("trustadmin:holidays.nameFr")}
            errors={errors}
            values={values}
            dir="ltr"
            lang="fr"
            required
          />
          <Field
            name="name_en"
            label={t("trustadmin:holidays.nameEn")}
            errors={errors}
            values={values}
            dir="ltr"
            lang="en"
          />
        </div>
        <button type="submit" className="button">
          {t("trustadmin:holidays.add")}
        </button>
      </Form>
      {holidays.length === 0 ? (
        <p className="empty">{t("trustadmin:holidays.none")}</p>
      ) : (
        <ul className="holiday-list" data-testid="holidays">
          {holidays.map((h) => (
            <li key={h.day} data-day={h.day}>
              <span>
                <time dateTime={h.day}>{h.dayText}</time> · <LocalizedTextView value={h.name} />
              </span>
              <Form method="post">
                <input type="hidden" name="intent" value="delete" />
                <input type="hidden" name="day" value={h.day} />
                <button
                  type="submit"
                  className="button button--secondary"
                  aria-label={t("trustadmin:holidays.deleteLabel", { day: h.dayText })}
                >
                  {t("trustadmin:holidays.delete")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
