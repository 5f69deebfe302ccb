import { useTranslation } from "react-i18next";
import { useLocale } from "~/i18n/use-locale";
import { usePageFormat } from "~/i18n/page-formats";
import type { ProductDetail } from "~/models/catalogue.server";
import { LocalizedTextView } from "./localized-text";

/** Materials, size, weight, care and the craft's own attributes, as a description list. */
export function ProductFacts({ product }: { product: ProductDetail }) {
  const { t, i18n } = useTranslation();
  const locale = useLocale();
  const format = usePageFormat();
  const cm = (mm: number) => format.number(mm / 10, locale, { maximumFractionDigits: 1 });
  const dims = [product.widthMm, product.heightMm, product.depthMm].filter((v): v is number => v != null);
  const rows: { key: string; label: string; value: React.ReactNode }[] = [];
  if (product.materials.text)
    rows.push({
      key: "materials",
      label: t("product.materials"),
      value: <LocalizedTextView value={product.materials} />,
    });
  if (dims.length > 0)
    rows.push({
      key: "dimensions",
      label: t("product.dimensions"),
      value: t("units.cm", { value: dims.map(cm).join(" × ") }),
    });
  if (product.weightGrams != null) {
    const value =
      product.weightGrams >= 1000
        ? t("units.kg", {
            value: format.number(product.weightGrams / 1000, locale, { maximumFractionDigits: 2 }),
          })
        : t("units.g", { value: format.number(product.weightGrams, locale) });
    rows.push({ key: "weight", label: t("product.weight"), value });
  }
  for (const key of product.craft.attributeKeys) {
    const raw = product.attributes[key];
    if (raw === undefined || raw === "") continue;
    let value: React.ReactNode;
    if (typeof raw === "boolean") value = t(raw ? "common.yes" : "common.no");
    else if (typeof raw === "number") value = format.number(raw, locale);
    else if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) value = format.calendarDate(raw, locale);
    else
      value = i18n.exists(`attributeValues.${key}.${raw}`) ? (
        t(`attributeValues.${key}.${raw}`)
      ) : (
        <bdi>{raw}</bdi>
      );
    rows.push({ key, label: t(`attributes.${key}`, { defaultValue: key }), value });
  }
  if (product.care.text)
    rows.push({ key: "care", label: t("product.care"), value: <LocalizedTextView value={product.care} /> });
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="facts-title" className="facts">
      <h2 id="facts-title">{t("product.details")}</h2>
      <dl>
        {rows.map((r) => (
          <div key={r.key} className="facts__row" data-testid={`fact-${r.key}`}>
            <dt>{r.label}</dt>
            <dd>{r.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
