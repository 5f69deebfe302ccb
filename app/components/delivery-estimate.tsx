import { useTranslation } from "react-i18next";
import type { DeliveryLine, DeliveryZone } from "~/models/delivery";

/** "Livré entre le 4 et le 7 décembre": the dates are the server's text (no hydration drift). */
export function DeliverySentence({ line, withZone = false }: { line: DeliveryLine; withZone?: boolean }) {
  const { t } = useTranslation();
  const zone = t(`trust:delivery.zones.${line.zone}`);
  const same = line.from === line.to;
  const key = withZone ? (same ? "zoneOn" : "zoneBetween") : same ? "on" : "between";
  return (
    <span data-testid={`delivery-${line.zone}`} data-from={line.from} data-to={line.to}>
      {t(`trust:delivery.${key}`, { zone, from: line.fromText, to: line.toText, date: line.toText })}
    </span>
  );
}

/**
 * A listing's delivery estimate: the headline for one zone (the rest of Morocco unless the
 * page knows better), and every zone's in a disclosure that opens without JavaScript.
 */
export function DeliveryEstimate({
  lines,
  processingDays,
  zone = "morocco",
}: {
  lines: DeliveryLine[];
  processingDays: number;
  zone?: DeliveryZone;
}) {
  const { t } = useTranslation();
  const headline = lines.find((l) => l.zone === zone) ?? lines[0];
  if (!headline) return null;
  return (
    <details className="delivery" data-testid="delivery-estimate">
      <summary>
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" className="delivery__icon">
          <path
            d="M3 7h11v9H3zM14 10h4l3 3v3h-7M6.5 19a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3zM17.5 19a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3z"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.8"
            strokeLinejoin="round"
          />
        </svg>
        <DeliverySentence line={headline} />
      </summary>
      <div className="delivery__body">
        <p className="delivery__title">{t("trust:delivery.details")}</p>
        <ul>
          {lines.map((l) => (
            <li key={l.zone}>
              <DeliverySentence line={l} withZone />
            </li>
          ))}
        </ul>
        <p className="muted">{t("trust:delivery.note", { count: processingDays })}</p>
      </div>
    </details>
  );
}

/** The estimates for some zones, one line each (cart, checkout, order). */
export function DeliveryLines({ lines, label }: { lines: DeliveryLine[]; label?: string }) {
  const { t } = useTranslation();
  if (lines.length === 0) return null;
  return (
    <div className="delivery-lines" data-testid="delivery-lines">
      <span className="delivery-lines__label">{label ?? t("trust:delivery.estimate")}</span>
      <ul>
        {lines.map((l) => (
          <li key={l.zone}>
            <DeliverySentence line={l} withZone={lines.length > 1} />
          </li>
        ))}
      </ul>
    </div>
  );
}
