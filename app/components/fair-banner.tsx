import { Link } from "@remix-run/react";
import type { Locale } from "~/i18n/config";
import type { LocalizedText } from "~/i18n/localized";
import { localePath } from "~/utils/urls";
import { LocalizedTextView } from "./localized-text";

type Props = {
  fair: {
    slug: string;
    name: LocalizedText;
    city: LocalizedText;
    days: string;
    /** Its strings, translated by the loader (pages that show it need not load the fairs namespace). */
    text: { eyebrow: string; stands: string; action: string };
  };
  locale: Locale;
};

/** The home page's banner for the next fair (in progress, else the soonest). */
export function FairBanner({ fair, locale }: Props) {
  return (
    <aside className="fair-banner" aria-labelledby="fair-banner-title" data-testid="fair-banner">
      <p className="eyebrow">{fair.text.eyebrow}</p>
      <p id="fair-banner-title" className="fair-banner__name">
        <LocalizedTextView value={fair.name} />
      </p>
      <p className="fair-banner__when">
        {fair.days} · <LocalizedTextView value={fair.city} /> · {fair.text.stands}
      </p>
      <Link to={localePath(locale, `/fairs/${fair.slug}`)} className="button" data-testid="fair-banner-link">
        {fair.text.action}
      </Link>
    </aside>
  );
}
