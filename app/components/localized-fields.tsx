import { useTranslation } from "react-i18next";
import { directionOf, locales, primaryContentLocales, type Locale } from "~/i18n/config";
import { BidiText } from "./bidi-text";
import { Field } from "./form";

/** The label of each locale's field: Arabic and French are the cooperatives' languages, English optional. */
const labelKeys: Record<Locale, string> = {
  ar: "shop:form.inArabic",
  fr: "shop:form.inFrench",
  en: "shop:form.inEnglish",
};

type Failure = { errors?: Record<string, string>; values?: Record<string, string> };

/**
 * One field per locale (`name_ar`, `name_fr`, `name_en`), side by side under one legend;
 * `stale`: the languages whose text is older than another's (each gets a hint saying so).
 * An error on the group itself (`errors[name]`, e.g. "a title in Arabic or French") shows under
 * the legend, describes the fieldset and each of its inputs, and marks the Arabic and French
 * ones invalid (either would do); an error on one language's field stays next to that field.
 */
export function LocalizedFields({
  name,
  label,
  value,
  stale,
  failure,
  multiline,
}: {
  name: string;
  label: string;
  value?: Partial<Record<string, string>>;
  stale?: readonly string[];
  failure?: Failure;
  multiline?: boolean;
}) {
  const { t } = useTranslation();
  const groupError = failure?.errors?.[name];
  const groupErrorId = groupError ? `field-${name}-error` : undefined;
  return (
    <fieldset className="bilingual" aria-describedby={groupErrorId}>
      <legend>{label}</legend>
      {groupError ? (
        <p className="field__error" id={groupErrorId} role="alert">
          <BidiText text={t(groupError)} />
        </p>
      ) : null}
      {locales.map((l) => (
        <Field
          key={l}
          name={`${name}_${l}`}
          label={t(labelKeys[l])}
          lang={l}
          dir={directionOf(l)}
          multiline={multiline}
          errors={failure?.errors}
          values={failure?.values}
          defaultValue={value?.[l]}
          hint={stale?.includes(l) ? t(`shop:form.stale.${l}`) : undefined}
          groupErrorId={groupErrorId}
          groupInvalid={primaryContentLocales.includes(l)}
        />
      ))}
    </fieldset>
  );
}
