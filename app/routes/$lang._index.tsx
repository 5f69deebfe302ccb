import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LocalizedTextView } from "~/components/localized-text";
import { hydrateLater } from "~/components/hydrate-later";
import { getFixedT } from "~/i18n/i18n.server";
import { listCooperatives, listCrafts, listNewProducts } from "~/models/catalogue.server";
import { db } from "~/utils/db.server";
import { requireLocale } from "~/utils/http.server";
import { seoMeta } from "~/utils/seo";
import { publicOrigin } from "~/utils/env.server";
import { shareImage, siteJsonLd } from "~/utils/structured-data";
import { localePath } from "~/utils/urls";
import type { SharedPageHandle } from "~/utils/shared-page";
import { FairBanner } from "~/components/fair-banner";
import { fairDays } from "~/models/fair-dates";
import { nextFair } from "~/models/fairs.server";
import fairStyles from "~/styles/fairs.css";

// Below a phone's first screen: rendered by the server, hydrated when scrolled near (decision 024).
const ProductGrid = hydrateLater("ProductGrid", () =>
  import("~/components/product-card").then((m) => ({ default: m.ProductGrid })),
);
const CooperativeGrid = hydrateLater("CooperativeGrid", () =>
  import("~/components/cooperative-grid").then((m) => ({ default: m.CooperativeGrid })),
);

export const links: LinksFunction = () => [{ rel: "stylesheet", href: fairStyles }];

// Public data only: may be served from the shared page cache (decision 005).
export const handle: SharedPageHandle = { sharedPage: true };

export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const [crafts, cooperatives, newListings, fair] = await Promise.all([
    listCrafts(db, locale),
    listCooperatives(db, locale, 12),
    listNewProducts(db, locale, 8),
    nextFair(db, locale),
  ]);
  const t = getFixedT(locale);
  return {
    locale,
    // The next fair's banner (decision 021), its strings sent with it: the home page loads no fairs namespace.
    fair: fair
      ? {
          slug: fair.slug,
          name: fair.name,
          city: fair.city,
          phase: fair.phase,
          days: fairDays(fair.startsOn, fair.endsOn, locale),
          text: {
            eyebrow: t(`fairs:banner.${fair.phase === "ongoing" ? "ongoing" : "upcoming"}`),
            stands: t("fairs:standCount", { count: fair.standCount }),
            action: t("fairs:banner.action"),
          },
        }
      : null,
    crafts,
    cooperatives,
    newListings,
    seo: {
      title: t("home.metaTitle"),
      description: t("home.metaDescription"),
      // The newest listing's picture, else a cooperative's logo.
      image: shareImage([...newListings, ...cooperatives.map((c) => ({ image: c.logo }))], publicOrigin()),
      jsonLd: siteJsonLd(publicOrigin(), locale, t("brand.name"), t("home.metaDescription")),
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

export default function Home() {
  const { locale, crafts, cooperatives, newListings, fair } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <section className="hero" aria-labelledby="hero-title">
        <h1 id="hero-title">{t("home.title")}</h1>
        <p className="hero__lead">{t("home.lead")}</p>
      </section>
      {fair ? <FairBanner fair={fair} locale={locale} /> : null}

      <section aria-labelledby="crafts-title" className="section">
        <h2 id="crafts-title">{t("home.crafts")}</h2>
        <ul className="craft-tiles">
          {crafts.map((c) => (
            <li key={c.slug}>
              <Link to={localePath(locale, `/crafts/${c.slug}`)} className="craft-tile" data-craft={c.slug}>
                <span className="craft-tile__name">
                  <LocalizedTextView value={c.name} />
                </span>
                <span className="craft-tile__count">{t("home.productCount", { count: c.productCount })}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="new-title" className="section">
        <h2 id="new-title">{t("home.newListings")}</h2>
        <ProductGrid products={newListings} locale={locale} priorityCount={2} />
      </section>

      <section aria-labelledby="coops-title" className="section">
        <h2 id="coops-title">{t("home.cooperatives")}</h2>
        <CooperativeGrid cooperatives={cooperatives} locale={locale} />
      </section>

      <section aria-labelledby="join-title" className="section join-cta">
        <h2 id="join-title">{t("home.joinTitle")}</h2>
        <p>{t("home.joinLead")}</p>
        <p>
          <Link to={localePath(locale, "/join")} className="button" data-testid="home-join">
            {t("home.joinAction")}
          </Link>
        </p>
      </section>
    </>
  );
}
