import { Link } from "@remix-run/react";
import type { Locale } from "~/i18n/config";
import type { CooperativeCard } from "~/models/catalogue.server";
import { localePath } from "~/utils/urls";
import { LocalizedTextView } from "./localized-text";
import { Picture } from "./picture";

/** The home page's cooperatives: logo, name and place, each a link to the cooperative's page. */
export function CooperativeGrid({
  cooperatives,
  locale,
}: {
  cooperatives: CooperativeCard[];
  locale: Locale;
}) {
  return (
    <ul className="coop-grid">
      {cooperatives.map((c) => (
        <li key={c.slug}>
          <Link to={localePath(locale, `/cooperatives/${c.slug}`)} className="coop-card">
            {c.logo ? <Picture picture={c.logo} sizes="64px" className="coop-card__logo" alt="" /> : null}
            <span className="coop-card__name">
              <LocalizedTextView value={c.name} />
            </span>
            <span className="coop-card__place">
              <LocalizedTextView value={c.city} /> · <LocalizedTextView value={c.province} />
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
