import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ClientLoaderFunctionArgs } from "@remix-run/react";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FairCard } from "~/components/fair-card";
import { getFixedT } from "~/i18n/i18n.server";
import { ensureNamespaces, type I18nHandle } from "~/i18n/namespaces";
import { fairDays } from "~/models/fair-dates";
import { listPublicFairs } from "~/models/fairs.server";
import { db } from "~/utils/db.server";
import { requireLocale } from "~/utils/http.server";
import { seoMeta } from "~/utils/seo";
import type { SharedPageHandle } from "~/utils/shared-page";
import fairStyles from "~/styles/fairs.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: fairStyles }];

// Public data only: may be served from the shared page cache (decision 005).
export const handle: SharedPageHandle & I18nHandle = { sharedPage: true, i18n: ["fairs"] };

export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  const [data] = await Promise.all([serverLoader<typeof loader>(), ensureNamespaces(handle.i18n ?? [])]);
  return data;
}

/** Upcoming and past fairs and exhibitions where the cooperatives meet buyers. */
export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const { coming, past } = await listPublicFairs(db, locale);
  const t = getFixedT(locale);
  const withDays = <F extends { startsOn: string; endsOn: string }>(f: F) => ({
    ...f,
    days: fairDays(f.startsOn, f.endsOn, locale),
  });
  return {
    locale,
    coming: coming.map(withDays),
    past: past.map(withDays),
    seo: { title: t("fairs:list.metaTitle"), description: t("fairs:list.lead") },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

export default function FairsRoute() {
  const { locale, coming, past } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <section className="hero" aria-labelledby="fairs-title">
        <h1 id="fairs-title">{t("fairs:list.title")}</h1>
        <p className="hero__lead">{t("fairs:list.lead")}</p>
      </section>
      <section className="section" aria-labelledby="coming-title">
        <h2 id="coming-title">{t("fairs:list.coming")}</h2>
        {coming.length > 0 ? (
          <ul className="fair-list" data-testid="fairs-coming">
            {coming.map((f) => (
              <li key={f.id}>
                <FairCard fair={f} locale={locale} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">{t("fairs:list.noneComing")}</p>
        )}
      </section>
      <section className="section" aria-labelledby="past-title">
        <h2 id="past-title">{t("fairs:list.past")}</h2>
        {past.length > 0 ? (
          <ul className="fair-list" data-testid="fairs-past">
            {past.map((f) => (
              <li key={f.id}>
                <FairCard fair={f} locale={locale} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">{t("fairs:list.nonePast")}</p>
        )}
      </section>
    </>
  );
}
