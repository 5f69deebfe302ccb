import { useTranslation } from "react-i18next";

type Props = {
  id: string;
  title: string;
  rows: { label: string; value: number }[];
  format: (value: number) => string;
  labelHeader: string;
  valueHeader: string;
};

/**
 * A horizontal bar chart in HTML and CSS: its text is the page's (legible at 360 px, where an
 * SVG scaled to fit shrank it to 6 px), its bars grow from the start edge in either direction,
 * and the same figures stand in a table for screen readers (and anyone who prefers numbers).
 */
export function BarChart({ id, title, rows, format, labelHeader, valueHeader }: Props) {
  const { t } = useTranslation();
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      {rows.length === 0 ? (
        <p className="muted">{t("chamber:dashboard.noData")}</p>
      ) : (
        <>
          <div className="chart__bars" role="img" aria-labelledby={`${id}-title`}>
            {rows.map((row, i) => (
              <div className="chart__row" key={`${row.label}-${i}`}>
                <span className="chart__label">{row.label}</span>
                <span className="chart__track">
                  <span
                    className="chart__bar"
                    style={{ inlineSize: `${Math.max(0.5, (row.value / max) * 100)}%` }}
                  />
                </span>
                <span className="chart__value">{format(row.value)}</span>
              </div>
            ))}
          </div>
          <table className="data-table chart__table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{labelHeader}</th>
                <th scope="col">{valueHeader}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={`${row.label}-${i}`}>
                  <th scope="row">{row.label}</th>
                  <td>{format(row.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </figure>
  );
}
