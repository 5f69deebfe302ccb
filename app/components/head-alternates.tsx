import { useLocation } from "@remix-run/react";
import { defaultLocale, isLocale, locales } from "~/i18n/config";
import { switchLocalePath } from "~/utils/urls";

/** Canonical URL and hreflang alternates (with x-default) for the current page. */
export function HeadAlternates({ origin }: { origin: string }) {
  const { pathname, search } = useLocation();
  const params = new URLSearchParams(search);
  // Only the page number changes what a listing shows; sort and the like are not canonical.
  const page = params.get("page");
  const keep = page && page !== "1" ? `?page=${encodeURIComponent(page)}` : "";
  const isHome = pathname.split("/").filter(Boolean).length <= 1;
  const current = pathname.split("/")[1];
  return (
    <>
      <link rel="canonical" href={`${origin}${pathname}${keep}`} />
      <meta property="og:url" content={`${origin}${pathname}${keep}`} />
      {isLocale(current) ? <meta property="og:locale" content={`${current}_MA`} /> : null}
      {locales.map((l) => (
        <link key={l} rel="alternate" hrefLang={l} href={`${origin}${switchLocalePath(pathname, keep, l)}`} />
      ))}
      <link
        rel="alternate"
        hrefLang="x-default"
        href={isHome ? `${origin}/` : `${origin}${switchLocalePath(pathname, keep, defaultLocale)}`}
      />
    </>
  );
}
