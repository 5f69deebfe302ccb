import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Locale } from "~/i18n/config";
import type { LocalizedText } from "~/i18n/localized";
import type { PictureData } from "~/models/catalogue.server";
import { localePath } from "~/utils/urls";
import { LocalizedTextView } from "./localized-text";
import { Picture } from "./picture";

export type MadeByData = {
  slug: string;
  name: LocalizedText;
  story: LocalizedText;
  province: LocalizedText;
  foundedYear: number | null;
  memberCount: number;
  womenMemberCount: number | null;
  logo?: PictureData | null;
};

/** The first sentence or so of a story, cut at a word: the block's teaser. */
function teaser(text: string, max = 180): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max - 20)).trimEnd()}…`;
}

/** "Made by": who made the listing, with a link to their page (every product page). */
export function MadeBy({ maker, locale }: { maker: MadeByData; locale: Locale }) {
  const { t } = useTranslation();
  const href = localePath(locale, `/cooperatives/${maker.slug}`);
  return (
    <aside className="coop-box made-by" aria-labelledby="coop-box-title" data-testid="made-by">
      {maker.logo ? <Picture picture={maker.logo} sizes="64px" className="coop-box__logo" alt="" /> : null}
      <div className="made-by__text">
        <p className="eyebrow">{t("trust:maker.title")}</p>
        <h2 id="coop-box-title">
          <Link to={href}>
            <LocalizedTextView value={maker.name} />
          </Link>
        </h2>
        <p className="muted" data-testid="made-by-facts">
          <LocalizedTextView value={maker.province} />
          {maker.foundedYear ? <> · {t("trust:maker.founded", { year: maker.foundedYear })}</> : null} ·{" "}
          {t("cooperative.members", { count: maker.memberCount })}
          {maker.womenMemberCount ? (
            <> ({t("trust:maker.women", { count: maker.womenMemberCount })})</>
          ) : null}
        </p>
        {maker.story.text ? (
          <p className="made-by__story">
            <bdi lang={maker.story.fallback ? maker.story.lang : undefined}>{teaser(maker.story.text)}</bdi>
          </p>
        ) : null}
        <p>
          <Link to={href} data-testid="made-by-link">
            {t("trust:maker.link")}
          </Link>
        </p>
      </div>
    </aside>
  );
}
