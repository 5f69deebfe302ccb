import { useTranslation } from "react-i18next";
import { BidiText } from "./bidi-text";

type FieldProps = {
  name: string;
  label: string;
  errors?: Record<string, string>;
  values?: Record<string, string>;
  defaultValue?: string | number | null;
  type?: string;
  hint?: string;
  required?: boolean;
  autoComplete?: string;
  multiline?: boolean;
  rows?: number;
  dir?: "rtl" | "ltr" | "auto";
  lang?: string;
  inputMode?: "numeric" | "decimal" | "email" | "tel" | "text";
  min?: number;
  max?: number;
  step?: string;
  /** `field-${name}` unless given. */
  id?: string;
  /** A <datalist> of suggestions. */
  list?: string;
  /**
   * The id of an error shown for the group this field belongs to (LocalizedFields: "a title in
   * Arabic or French"): it describes this input too, and marks it invalid when `groupInvalid`.
   */
  groupErrorId?: string;
  groupInvalid?: boolean;
};

/** A labelled input with its error next to it; keeps what the user typed after an error. */
export function Field({
  name,
  label,
  errors,
  values,
  defaultValue,
  type = "text",
  hint,
  multiline,
  groupErrorId,
  groupInvalid,
  ...rest
}: FieldProps) {
  const id = rest.id ?? fieldId(name);
  const error = errors?.[name];
  const value = values?.[name] ?? (defaultValue == null ? "" : String(defaultValue));
  const describedBy =
    [hint ? `${id}-hint` : null, error ? `${id}-error` : null, groupErrorId ?? null]
      .filter(Boolean)
      .join(" ") || undefined;
  const invalid = Boolean(error) || (Boolean(groupErrorId) && Boolean(groupInvalid));
  const common = {
    id,
    name,
    defaultValue: value,
    "aria-invalid": invalid ? true : undefined,
    "aria-describedby": describedBy,
    required: rest.required,
    autoComplete: rest.autoComplete,
    dir: rest.dir,
    lang: rest.lang,
  };
  return (
    <div className={`field${invalid ? " field--error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea {...common} rows={rest.rows ?? 5} />
      ) : (
        <input
          {...common}
          type={type}
          inputMode={rest.inputMode}
          min={rest.min}
          max={rest.max}
          step={rest.step}
          list={rest.list}
        />
      )}
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          <BidiText text={hint} />
        </p>
      ) : null}
      <FieldError id={id} error={error} />
    </div>
  );
}

const fieldId = (name: string) => `field-${name.replace(/[^\w-]/g, "-")}`;

function FieldError({ id, error }: { id: string; error: string | undefined }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className="field__error" id={`${id}-error`} role="alert">
      <BidiText text={t(error)} />
    </p>
  );
}

/** An e-mail address (`email` unless named): an e-mail input, written left to right in every locale. */
export function EmailField({
  name = "email",
  ...rest
}: Omit<FieldProps, "name" | "type" | "dir"> & { name?: string }) {
  return <Field name={name} type="email" dir="ltr" {...rest} />;
}

type SelectFieldProps = {
  name: string;
  label: string;
  options: readonly { value: string; label: string }[];
  /** The label of a first, empty option ("choose…"); none unless given. */
  placeholder?: string;
  errors?: Record<string, string>;
  values?: Record<string, string>;
  defaultValue?: string | number | null;
  /** `field-${name}` unless given. */
  id?: string;
};

/** A labelled <select> with its error next to it, like `Field`; keeps the choice after an error. */
export function SelectField({
  name,
  label,
  options,
  placeholder,
  errors,
  values,
  defaultValue,
  ...rest
}: SelectFieldProps) {
  const id = rest.id ?? fieldId(name);
  const error = errors?.[name];
  return (
    <div className={`field${error ? " field--error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        defaultValue={values?.[name] ?? (defaultValue == null ? "" : String(defaultValue))}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {placeholder === undefined ? null : <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError id={id} error={error} />
    </div>
  );
}

/** A list's filter in a toolbar (a GET form): a label and a <select> whose first, empty option means "all". */
export function FilterSelect({
  id,
  name,
  label,
  allLabel,
  options,
  value,
}: {
  id: string;
  name: string;
  label: string;
  allLabel: string;
  options: readonly { value: string; label: string }[];
  value: string | null | undefined;
}) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? ""}>
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </>
  );
}

/** An error about the whole form (not one field). */
export function FormError({ errors }: { errors?: Record<string, string> }) {
  const { t } = useTranslation();
  if (!errors?.form) return null;
  return (
    <p className="form-error" role="alert">
      {t(errors.form)}
    </p>
  );
}
