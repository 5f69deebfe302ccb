import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ClientLoaderFunctionArgs } from "@remix-run/react";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LocalizedTextView } from "~/components/localized-text";
import { Picture } from "~/components/picture";
import { getFixedT } from "~/i18n/i18n.server";
import { ensureNamespaces, type I18nHandle } from "~/i18n/namespaces";
import { fairDays } from "~/models/fair-dates";
import { getPublicFair } from "~/models/fairs.server";
import { db } from "~/utils/db.server";
import { publicOrigin } from "~/utils/env.server";
import { notFound, requireLocale } from "~/utils/http.server";
import { seoMeta } from "~/utils/seo";
import type { SharedPageHandle } from "~/utils/shared-page";
import { localePath, mediaUrl } from "~/utils/urls";
import fairStyles from "~/styles/fairs.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: fairStyles }];

// Public data only: may be served from the shared page cache (decision 005).
export const handle: SharedPageHandle & I18nHandle = { sharedPage: true, i18n: ["fairs"] };

export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  const [data] = await Promise.all([serverLoader<typeof loader>(), ensureNamespaces(handle.i18n ?? [])]);
  return data;
}

/** One fair: when, where, and the cooperatives there with their stand numbers. */
export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const fair = await getPublicFair(db, params.slug ?? "", locale);
  const t = getFixedT(locale);
  if (!fair) notFound();
  const origin = publicOrigin();
  const poster = fair.poster?.variants
    .filter((v) => v.format === "jpeg")
    .sort((a, b) => b.width - a.width)[0];
  const days = fairDays(fair.startsOn, fair.endsOn, locale);
  return {
    locale,
    fair: { ...fair, days },
    seo: {
      title: t("fairs:detail.metaTitle", { name: fair.name.text }),
      description: `${days} · ${fair.venue.text}, ${fair.city.text}`,
      image: poster ? `${origin}${mediaUrl(poster.key)}` : undefined,
      jsonLd: [
        {
          "@context": "https://schema.org",
          "@type": "Event",
          name: fair.name.text,
          startDate: fair.startsOn,
          endDate: fair.endsOn,
          eventAttendanceMode: "https://schema.org/OfflineEventAttendanceMode",
          location: {
            "@type": "Place",
            name: fair.venue.text,
            address: { "@type": "PostalAddress", addressLocality: fair.city.text, addressCountry: "MA" },
          },
          url: `${origin}${localePath(locale, `/fairs/${fair.slug}`)}`,
          ...(fair.description.text ? { description: fair.description.text } : {}),
        },
      ],
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

export default function FairRoute() {
  const { locale, fair } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <article className="fair" aria-labelledby="fair-title" data-testid="fair" data-phase={fair.phase}>
      <header className="fair__header">
        {fair.poster ? (
          <Picture
            picture={fair.poster}
            sizes="(min-width: 700px) 320px, 100vw"
            className="fair__poster"
            priority
          />
        ) : null}
        <div className="stack">
          <p className={`badge fair-phase fair-phase--${fair.phase}`}>{t(`fairs:phase.${fair.phase}`)}</p>
          <h1 id="fair-title">
            <LocalizedTextView value={fair.name} showFallbackNote />
          </h1>
          <dl className="fair__facts">
            <div>
              <dt>{t("fairs:detail.when")}</dt>
              <dd data-testid="fair-days">{fair.days}</dd>
            </div>
            <div>
              <dt>{t("fairs:detail.where")}</dt>
              <dd>
                <LocalizedTextView value={fair.venue} />, <LocalizedTextView value={fair.city} />
                {fair.province.text !== fair.city.text ? (
                  <>
                    {" · "}
                    <LocalizedTextView value={fair.province} />
                  </>
                ) : null}
              </dd>
            </div>
          </dl>
          <p className="fair__actions">
            <a
              className="button"
              href={localePath(locale, `/fairs/${fair.slug}/calendar.ics`)}
              download
              data-testid="fair-ics"
            >
              {t("fairs:detail.addToCalendar")}
            </a>
            {fair.mapUrl ? (
              <a
                className="button button--secondary"
                href={fair.mapUrl}
                rel="noopener noreferrer"
                target="_blank"
              >
                {t("fairs:detail.map")}
              </a>
            ) : null}
          </p>
        </div>
      </header>
      {fair.description.text ? (
        <section className="section" aria-labelledby="fair-about">
          <h2 id="fair-about">{t("fairs:detail.about")}</h2>
          <p className="fair__description">
            <LocalizedTextView value={fair.description} showFallbackNote />
          </p>
        </section>
      ) : null}
      <section className="section" aria-labelledby="fair-stands">
        <h2 id="fair-stands">{t("fairs:detail.cooperatives", { count: fair.stands.length })}</h2>
        {fair.phase !== "past" && fair.stands.length > 0 ? (
          <p className="muted">{t("fairs:detail.pickupHint")}</p>
        ) : null}
        {fair.stands.length > 0 ? (
          <ul className="stand-list" data-testid="fair-stands">
            {fair.stands.map((s) => (
              <li
                key={s.cooperative.slug}
                className="stand"
                data-testid="fair-stand"
                data-cooperative={s.cooperative.slug}
              >
                <span className="stand__number" data-testid="stand-number">
                  {t("fairs:stand", { number: s.standNumber })}
                </span>
                <Link to={localePath(locale, `/cooperatives/${s.cooperative.slug}`)} className="stand__name">
                  <LocalizedTextView value={s.cooperative.name} />
                </Link>
                <span className="muted">
                  <LocalizedTextView value={s.cooperative.city} /> ·{" "}
                  <LocalizedTextView value={s.cooperative.province} />
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">{t("fairs:detail.noStands")}</p>
        )}
      </section>
      <p>
        <Link to={localePath(locale, "/fairs")}>{t("fairs:detail.allFairs")}</Link>
      </p>
    </article>
  );
}
