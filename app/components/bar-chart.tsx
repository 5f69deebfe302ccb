import { useTranslation } from "react-i18next";
import { directionOf } from "~/i18n/config";
import { useLocale } from "~/i18n/use-locale";

type Props = {
  id: string;
  title: string;
  rows: { label: string; value: number }[];
  format: (value: number) => string;
  labelHeader: string;
  valueHeader: string;
};

const WIDTH = 640;
const ROW = 30;
const LABEL = 190;
const VALUE = 110;

/**
 * A horizontal bar chart drawn on the server as SVG, mirrored right to left for Arabic,
 * with the same figures in a table for screen readers (and anyone who prefers numbers).
 */
export function BarChart({ id, title, rows, format, labelHeader, valueHeader }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const rtl = directionOf(locale) === "rtl";
  const max = Math.max(1, ...rows.map((r) => r.value));
  const barSpace = WIDTH - LABEL - VALUE;
  const height = Math.max(ROW, rows.length * ROW) + 8;
  // x of a point measured from the start edge (left in French, right in Arabic).
  const x = (fromStart: number) => (rtl ? WIDTH - fromStart : fromStart);
  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      {rows.length === 0 ? (
        <p className="muted">{t("chamber:dashboard.noData")}</p>
      ) : (
        <>
          <svg
            viewBox={`0 0 ${WIDTH} ${height}`}
            role="img"
            aria-labelledby={`${id}-title`}
            className="chart__svg"
            direction={rtl ? "rtl" : "ltr"}
          >
            {rows.map((row, i) => {
              const y = 4 + i * ROW;
              const length = Math.max(2, (row.value / max) * (barSpace - 10));
              const barStart = LABEL;
              return (
                <g key={`${row.label}-${i}`}>
                  <text x={x(LABEL - 8)} y={y + ROW / 2 + 5} textAnchor="end" className="chart__label">
                    {row.label.length > 24 ? `${row.label.slice(0, 23)}…` : row.label}
                  </text>
                  <rect
                    x={rtl ? x(barStart + length) : x(barStart)}
                    y={y + 4}
                    width={length}
                    height={ROW - 10}
                    rx={3}
                    className="chart__bar"
                  />
                  <text
                    x={x(barStart + length + 6)}
                    y={y + ROW / 2 + 5}
                    textAnchor="start"
                    className="chart__value"
                  >
                    {format(row.value)}
                  </text>
                </g>
              );
            })}
          </svg>
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
