import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Locale } from "~/i18n/config";
import type { LocalizedText } from "~/i18n/localized";
import type { PictureData } from "~/models/catalogue.server";
import { localePath } from "~/utils/urls";
import { LocalizedTextView } from "./localized-text";
import { Picture } from "./picture";

export type FairCardData = {
  slug: string;
  name: LocalizedText;
  city: LocalizedText;
  venue: LocalizedText;
  days: string;
  phase: "upcoming" | "ongoing" | "past";
  poster: PictureData | null;
  standCount: number;
};

/** A fair in a list: its poster, name, days, place and how many cooperatives are there. */
export function FairCard({ fair, locale }: { fair: FairCardData; locale: Locale }) {
  const { t } = useTranslation();
  return (
    <Link
      to={localePath(locale, `/fairs/${fair.slug}`)}
      className="fair-card"
      data-testid="fair-card"
      data-fair={fair.slug}
    >
      {fair.poster ? (
        <Picture
          picture={fair.poster}
          sizes="(min-width: 700px) 200px, 100vw"
          className="fair-card__poster"
          alt=""
        />
      ) : null}
      <span className="fair-card__body">
        <span className={`badge fair-phase fair-phase--${fair.phase}`}>{t(`fairs:phase.${fair.phase}`)}</span>
        <span className="fair-card__name">
          <LocalizedTextView value={fair.name} />
        </span>
        <span className="fair-card__days">{fair.days}</span>
        <span className="muted">
          <LocalizedTextView value={fair.venue} /> · <LocalizedTextView value={fair.city} />
        </span>
        <span className="muted">{t("fairs:standCount", { count: fair.standCount })}</span>
      </span>
    </Link>
  );
}
