import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { directionOf, locales, primaryContentLocales } from "~/i18n/config";
import type { LocalizedText } from "~/i18n/localized";
import { Field, FormError, SelectField } from "./form";

type Localized = Partial<Record<string, string>>;
export type FairFormValues = {
  slug: string;
  name: Localized;
  city: Localized;
  venue: Localized;
  description: Localized;
  provinceSlug: string;
  mapUrl: string | null;
  startsOn: string;
  endsOn: string;
  published: boolean;
};

/** The chamber's form for a fair: texts per language (Arabic and French required), place, days. */
export function FairForm({
  fair,
  provinces,
  failure,
}: {
  fair?: FairFormValues;
  provinces: { slug: string; name: LocalizedText }[];
  failure?: { errors: Record<string, string>; values: Record<string, string> };
}) {
  const { t } = useTranslation();
  const errors = failure?.errors;
  const values = failure?.values;
  const text = (field: "name" | "city" | "venue" | "description", multiline = false) =>
    locales.map((l) => (
      <Field
        key={`${field}_${l}`}
        name={`${field}_${l}`}
        label={t(`fairs:form.${field}`, { language: t(`fairs:form.language.${l}`) })}
        errors={errors}
        values={values}
        defaultValue={fair?.[field][l]}
        dir={directionOf(l)}
        lang={l}
        multiline={multiline}
        required={field !== "description" && primaryContentLocales.includes(l)}
      />
    ));
  return (
    <Form method="post" className="stack" noValidate data-testid="fair-form">
      <FormError errors={errors} />
      <input type="hidden" name="intent" value="save" />
      <div className="form-grid">{text("name")}</div>
      <div className="form-grid">
        <Field
          name="startsOn"
          type="date"
          label={t("fairs:form.startsOn")}
          errors={errors}
          values={values}
          defaultValue={fair?.startsOn}
          required
        />
        <Field
          name="endsOn"
          type="date"
          label={t("fairs:form.endsOn")}
          errors={errors}
          values={values}
          defaultValue={fair?.endsOn}
          required
        />
      </div>
      <SelectField
        name="provinceSlug"
        label={t("fairs:form.province")}
        options={provinces.map((p) => ({ value: p.slug, label: p.name.text }))}
        errors={errors}
        values={values}
        defaultValue={fair?.provinceSlug ?? "fes"}
      />
      <div className="form-grid">{text("city")}</div>
      <div className="form-grid">{text("venue")}</div>
      <Field
        name="mapUrl"
        type="url"
        label={t("fairs:form.mapUrl")}
        hint={t("fairs:form.mapUrlHint")}
        errors={errors}
        values={values}
        defaultValue={fair?.mapUrl}
        dir="ltr"
      />
      {text("description", true)}
      <Field
        name="slug"
        label={t("fairs:form.slug")}
        hint={t("fairs:form.slugHint")}
        errors={errors}
        values={values}
        defaultValue={fair?.slug}
        dir="ltr"
      />
      <div className="field field--check">
        <input
          id="field-published"
          type="checkbox"
          name="published"
          defaultChecked={values ? values.published === "on" : (fair?.published ?? true)}
        />
        <label htmlFor="field-published">{t("fairs:form.published")}</label>
      </div>
      <button type="submit" className="button" data-testid="fair-save">
        {fair ? t("fairs:form.save") : t("fairs:form.create")}
      </button>
    </Form>
  );
}
