import { Form } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ListingContent } from "#db/schema";
import { definitionOf } from "~/models/attributes";
import type { LocalizedText } from "~/i18n/localized";
import { centimesToInput } from "~/utils/forms";
import { Field, FormError } from "./form";
import { LocalizedFields } from "./localized-fields";

type CraftOption = { id: number; name: LocalizedText; attributeKeys: string[] };
type Failure = { errors: Record<string, string>; values: Record<string, string> } | undefined;

const cm = (mm: number | null | undefined) => (mm == null ? "" : String(mm / 10));

/**
 * Every locale side by side; Arabic or French may stay empty (flagged in the list), English is
 * optional. A language left unchanged when another changed is marked as older
 * (content.staleLocales).
 */
function BilingualField({
  name,
  label,
  content,
  failure,
  multiline,
}: {
  name: "title" | "description" | "materials" | "care";
  label: string;
  content?: ListingContent;
  failure: Failure;
  multiline?: boolean;
}) {
  return (
    <LocalizedFields
      name={name}
      label={label}
      value={content?.[name]}
      stale={content?.staleLocales?.[name]}
      failure={failure}
      multiline={multiline}
    />
  );
}

/** `live`: the listing is on sale, so stock and price change at once (the rest is reviewed). */
export function ListingForm({
  crafts,
  content,
  failure,
  submitLabel,
  live = false,
}: {
  crafts: CraftOption[];
  content?: ListingContent;
  failure: Failure;
  submitLabel: string;
  live?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const initialCraft = Number(failure?.values.craftId ?? content?.craftId ?? crafts[0]?.id);
  const [craftId, setCraftId] = useState(initialCraft);
  const craft = crafts.find((c) => c.id === craftId);
  return (
    <Form method="post" className="stack listing-form" noValidate>
      <FormError errors={failure?.errors} />
      <input type="hidden" name="intent" value="save" />
      {/* The stock this form showed: a sale made meanwhile is kept (decision 014). */}
      {content ? (
        <input type="hidden" name="stockSeen" value={failure?.values.stockSeen ?? content.stock} />
      ) : null}
      <div className="field">
        <label htmlFor="field-craftId">{t("shop:form.craft")}</label>
        <select
          id="field-craftId"
          name="craftId"
          value={craftId}
          onChange={(e) => setCraftId(Number(e.target.value))}
        >
          {crafts.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name.text}
            </option>
          ))}
        </select>
      </div>
      <BilingualField name="title" label={t("shop:form.title")} content={content} failure={failure} />
      <BilingualField
        name="description"
        label={t("shop:form.description")}
        content={content}
        failure={failure}
        multiline
      />
      <div className="form-grid">
        <Field
          name="price"
          label={t("shop:form.price")}
          hint={live ? `${t("shop:form.priceHint")} ${t("shop:form.liveHint")}` : t("shop:form.priceHint")}
          inputMode="decimal"
          dir="ltr"
          errors={failure?.errors}
          values={failure?.values}
          defaultValue={content ? centimesToInput(content.priceCentimes) : ""}
          required
        />
        <Field
          name="stock"
          label={t("shop:form.stock")}
          hint={live ? t("shop:form.liveHint") : undefined}
          inputMode="numeric"
          dir="ltr"
          errors={failure?.errors}
          values={failure?.values}
          defaultValue={content?.stock ?? 1}
          required
        />
      </div>
      <BilingualField name="materials" label={t("shop:form.materials")} content={content} failure={failure} />
      <fieldset>
        <legend>{t("shop:form.size")}</legend>
        <div className="form-grid">
          <Field
            name="width"
            label={t("shop:form.width")}
            inputMode="decimal"
            dir="ltr"
            errors={failure?.errors}
            values={failure?.values}
            defaultValue={cm(content?.widthMm)}
          />
          <Field
            name="height"
            label={t("shop:form.height")}
            inputMode="decimal"
            dir="ltr"
            errors={failure?.errors}
            values={failure?.values}
            defaultValue={cm(content?.heightMm)}
          />
          <Field
            name="depth"
            label={t("shop:form.depth")}
            inputMode="decimal"
            dir="ltr"
            errors={failure?.errors}
            values={failure?.values}
            defaultValue={cm(content?.depthMm)}
          />
          <Field
            name="weight"
            label={t("shop:form.weight")}
            inputMode="numeric"
            dir="ltr"
            errors={failure?.errors}
            values={failure?.values}
            defaultValue={content?.weightGrams}
          />
        </div>
      </fieldset>
      <BilingualField name="care" label={t("shop:form.care")} content={content} failure={failure} multiline />
      {craft && craft.attributeKeys.length > 0 ? (
        <fieldset>
          <legend>{t("shop:form.craftDetails", { craft: craft.name.text })}</legend>
          <div className="form-grid">
            {craft.attributeKeys.map((key) => {
              const def = definitionOf(key);
              const name = `attr_${key}`;
              const current =
                failure?.values[name] ??
                (content?.attributes[key] != null ? String(content.attributes[key]) : "");
              const label = t(`attributes.${key}`, { defaultValue: key });
              if (def.type === "select") {
                return (
                  <div className="field" key={key}>
                    <label htmlFor={`field-${name}`}>{label}</label>
                    <select id={`field-${name}`} name={name} defaultValue={current}>
                      <option value="">{t("shop:form.notSpecified")}</option>
                      {def.options.map((o) => (
                        <option key={o} value={o}>
                          {i18n.exists(`attributeValues.${key}.${o}`) ? t(`attributeValues.${key}.${o}`) : o}
                        </option>
                      ))}
                    </select>
                    {failure?.errors[name] ? (
                      <p className="field__error" role="alert">
                        {t(failure.errors[name])}
                      </p>
                    ) : null}
                  </div>
                );
              }
              if (def.type === "boolean") {
                return (
                  <div className="field field--check" key={key}>
                    <input
                      id={`field-${name}`}
                      type="checkbox"
                      name={name}
                      defaultChecked={current === "true" || current === "on"}
                    />
                    <label htmlFor={`field-${name}`}>{label}</label>
                  </div>
                );
              }
              return (
                <Field
                  key={key}
                  name={name}
                  label={label}
                  type={def.type === "date" ? "date" : "text"}
                  inputMode={def.type === "number" ? "numeric" : undefined}
                  errors={failure?.errors}
                  values={failure?.values}
                  defaultValue={current}
                />
              );
            })}
          </div>
        </fieldset>
      ) : null}
      <button type="submit" className="button sticky-action">
        {submitLabel}
      </button>
    </Form>
  );
}
