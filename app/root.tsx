import type { LinksFunction } from "@remix-run/node";
// The root loader lives in one server module: each `.server` module a route imports becomes an
// empty stub module in the browser build (a request and a task of its own), so the root
// imports one instead of nine (decision 017).
import { loader } from "./root-loader.server";
export { loader };
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { SiteFooter, SiteHeader } from "~/components/layout";
import { HeadAlternates } from "~/components/head-alternates";
import { defaultLocale, directionOf, isLocale, type Locale } from "~/i18n/config";
import { namespacesOf } from "~/i18n/namespaces";
import { PageStrings } from "~/i18n/page-strings";
import { PageFormats } from "~/i18n/page-formats";
import { useNonce } from "~/utils/nonce";
import arabicFonts from "~/styles/fonts-ar.css";
import appStyles from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: appStyles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export type RootData = Awaited<ReturnType<typeof loader>>["data"];

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

function useDocumentLocale(): Locale {
  const root = useRootData();
  const { pathname } = useLocation();
  if (root?.locale) return root.locale;
  const first = pathname.split("/")[1];
  return isLocale(first) ? first : defaultLocale;
}

const errorKinds = {
  400: "badRequest",
  403: "forbidden",
  404: "notFound",
  413: "tooLarge",
  415: "unsupportedType",
} as const;
type ErrorKind = (typeof errorKinds)[keyof typeof errorKinds] | "server";

function errorKind(error: unknown): { status: number; kind: ErrorKind } {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return { status, kind: errorKinds[status as keyof typeof errorKinds] ?? "server" };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const locale = useDocumentLocale();
  const root = useRootData();
  const nonce = useNonce();
  const error = useRouteError();
  const { t } = useTranslation();
  // Only the strings this page's routes need travel with it.
  const namespaces = namespacesOf(useMatches().map((m) => m.handle));
  // Marks the document as hydrated, error pages included (tests wait for it before using
  // what only JavaScript does).
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <html lang={locale} dir={directionOf(locale)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#1f4e5f" />
        <Meta />
        {/* Error pages have no route meta: they still need a title in the page's language. */}
        {error ? <title>{`${t(`errors.${errorKind(error).kind}.title`)} | ${t("brand.name")}`}</title> : null}
        {locale === "ar" ? (
          <>
            <link rel="stylesheet" href={arabicFonts} />
          </>
        ) : null}
        <Links />
        {!error && root ? <HeadAlternates origin={root.origin} /> : null}
      </head>
      <body>
        <SiteHeader
          locale={locale}
          crafts={root?.crafts ?? []}
          viewer={root?.viewer ?? null}
          cartCount={root?.cartCount ?? 0}
          currency={root?.currency ?? "MAD"}
        />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter locale={locale} />
        {/* After the content: the numbers and prices it formatted, for hydration. */}
        <PageFormats nonce={nonce} />
        {/* This locale's strings for the browser's i18next, read before hydration. */}
        <PageStrings namespaces={namespaces} nonce={nonce} />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const locale = useDocumentLocale();
  const { status, kind } = errorKind(error);
  if (status >= 500 && typeof document === "undefined") console.error(error);
  return (
    <section className="error-page" aria-labelledby="error-title">
      <p className="error-code">{status}</p>
      <h1 id="error-title">{t(`errors.${kind}.title`)}</h1>
      <p>{t(`errors.${kind}.body`)}</p>
      <p>
        <a href={`/${locale}`}>{t("errors.backHome")}</a>
      </p>
    </section>
  );
}
