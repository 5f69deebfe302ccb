import { Form, Link, useLocation } from "@remix-run/react";
import { PolicyLinks } from "./policy-links";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { otherLocales, type Locale } from "~/i18n/config";
import type { CraftLink } from "~/models/catalogue.server";
import { localePath, switchLocalePath } from "~/utils/urls";
import { CartBadge } from "./cart-badge";
import { CurrencySwitch } from "./currency-switch";
import type { CurrencyChoice } from "~/models/display-currency";
import { LocalizedTextView } from "./localized-text";

export type Viewer = { name: string; isMember: boolean; isStaff: boolean } | null;

/**
 * Phone first: the bar holds the logo, the cart and a menu button; the menu (a native
 * <details>, so it opens without JavaScript) holds search, account, language and crafts.
 * Where the browser can style the details' content (::details-content), wide screens show
 * the menu's contents in the bar itself, as the desktop header; elsewhere the menu stays.
 */
export function SiteHeader({
  locale,
  crafts,
  viewer,
  cartCount = 0,
  currency = "MAD",
}: {
  locale: Locale;
  crafts: CraftLink[];
  viewer: Viewer;
  cartCount?: number;
  currency?: CurrencyChoice;
}) {
  const { t } = useTranslation();
  const { pathname, search, key } = useLocation();
  const menu = useRef<HTMLDetailsElement>(null);
  // A client-side navigation keeps the header: close the menu the link was chosen from.
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [key]);
  function closeOnEscape(event: React.KeyboardEvent<HTMLDetailsElement>) {
    const details = event.currentTarget;
    if (event.key !== "Escape" || !details.open) return;
    details.open = false;
    details.querySelector("summary")?.focus();
  }
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("nav.skipToContent")}
      </a>
      <div className="site-header__bar">
        <Link to={localePath(locale)} className="brand" data-testid="brand">
          <svg className="brand__mark" viewBox="0 0 32 32" width="32" height="32" aria-hidden="true">
            <path d="M16 1l4.6 6.9 8.1-1.6-1.6 8.1L31 16l-6.9 4.6 1.6 8.1-8.1-1.6L16 31l-4.6-6.9-8.1 1.6 1.6-8.1L1 16l6.9-4.6-1.6-8.1 8.1 1.6z" />
          </svg>
          <span className="brand__name">{t("brand.name")}</span>
          <span className="brand__tagline">{t("brand.tagline")}</span>
        </Link>
        <CartBadge locale={locale} count={cartCount} />
        {/* eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions -- <details> is interactive content in HTML; Escape anywhere in the open menu closes it */}
        <details className="site-menu" ref={menu} onKeyDown={closeOnEscape} data-testid="site-menu">
          <summary className="site-menu__toggle" data-testid="menu-toggle">
            <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
              <path
                d="M4 6h16M4 12h16M4 18h16"
                fill="none"
                stroke="currentColor"
                strokeWidth="2"
                strokeLinecap="round"
              />
            </svg>
            <span>{t("nav.menu")}</span>
          </summary>
          <div className="site-menu__panel">
            <Form
              method="get"
              action={localePath(locale, "/search")}
              role="search"
              className="header-search"
              data-testid="header-search"
            >
              <label htmlFor="header-q" className="visually-hidden">
                {t("search:box.label")}
              </label>
              <input
                id="header-q"
                type="search"
                name="q"
                placeholder={t("search:box.placeholder")}
                maxLength={200}
                enterKeyHint="search"
              />
              <button type="submit" className="button button--secondary">
                {t("search:box.submit")}
              </button>
            </Form>
            <nav className="account-nav" aria-label={t("nav.account")}>
              <Link to={localePath(locale, "/favourites")} data-testid="favourites-link">
                {t("trust:favourites.nav")}
              </Link>
              {viewer ? (
                <>
                  <bdi className="account-nav__name">{viewer.name}</bdi>
                  <Link to={localePath(locale, "/orders")}>{t("account:nav.orders")}</Link>
                  {viewer.isMember ? (
                    <Link to={localePath(locale, "/shop")}>{t("account:nav.shop")}</Link>
                  ) : null}
                  {viewer.isStaff ? (
                    <Link to={localePath(locale, "/chamber")}>{t("account:nav.chamber")}</Link>
                  ) : null}
                  <Form method="post" action={localePath(locale, "/logout")}>
                    <button type="submit" className="link-button">
                      {t("account:logout.submit")}
                    </button>
                  </Form>
                </>
              ) : (
                // From the home page, no page to come back to: each person lands where their work is.
                <Link
                  to={
                    pathname === localePath(locale)
                      ? localePath(locale, "/login")
                      : `${localePath(locale, "/login")}?redirectTo=${encodeURIComponent(pathname + search)}`
                  }
                  rel="nofollow"
                >
                  {t("account:nav.signIn")}
                </Link>
              )}
            </nav>
            <CurrencySwitch locale={locale} current={currency} />
            <nav className="lang-switcher" aria-label={t("nav.language")}>
              {otherLocales(locale).map((l) => (
                <a
                  key={l}
                  href={switchLocalePath(pathname, search, l)}
                  hrefLang={l}
                  lang={l}
                  data-testid={`switch-${l}`}
                >
                  {t(`languages.${l}`)}
                </a>
              ))}
            </nav>
            <nav className="craft-nav" aria-label={t("nav.crafts")}>
              <ul>
                {crafts.map((c) => (
                  <li key={c.slug}>
                    <Link to={localePath(locale, `/crafts/${c.slug}`)} prefetch="intent">
                      <LocalizedTextView value={c.name} />
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </details>
      </div>
    </header>
  );
}

export function SiteFooter({ locale }: { locale: Locale }) {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <p>{t("footer.about")}</p>
      <p>
        <Link to={localePath(locale, "/join")} className="site-footer__join" data-testid="footer-join">
          {t("footer.join")}
        </Link>
      </p>
      <p className="site-footer__links">
        <Link to={localePath(locale, "/fairs")} data-testid="footer-fairs">
          {t("footer.fairs")}
        </Link>
        <Link to={localePath(locale, "/impact")} data-testid="footer-impact">
          {t("footer.impact")}
        </Link>
      </p>
      <PolicyLinks locale={locale} />
      <p>
        <Link to={localePath(locale)}>{t("brand.name")}</Link> · {t("footer.chamber")}
      </p>
    </footer>
  );
}
