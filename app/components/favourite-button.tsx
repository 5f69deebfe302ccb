import { useFetcher, useLocation, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Locale } from "~/i18n/config";
import { localePath } from "~/utils/urls";
import { FetcherForm } from "./fetcher-form";

/** The root loader's part the hearts read (root.tsx). */
type RootFavourites = { favouriteIds?: number[] };

/**
 * A heart that keeps a listing in the viewer's favourites. Without JavaScript it is a form
 * that posts and comes back to the page; with it, a fetcher, shown changed at once.
 */
export function FavouriteButton({
  locale,
  productId,
  title,
  className = "",
}: {
  locale: Locale;
  productId: number;
  title: string;
  className?: string;
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher();
  const { pathname, search } = useLocation();
  const root = useRouteLoaderData("root") as RootFavourites | undefined;
  const saved = root?.favouriteIds?.includes(productId) ?? false;
  // While the post is on its way, show what it will do.
  const pending = fetcher.formData?.get("intent");
  const favourite = pending ? pending === "add" : saved;
  return (
    <FetcherForm
      fetcher={fetcher}
      action={localePath(locale, "/favourites")}
      className={`favourite ${className}`}
      data-testid="favourite-form"
    >
      <input type="hidden" name="productId" value={productId} />
      <input type="hidden" name="intent" value={favourite ? "remove" : "add"} />
      <input type="hidden" name="redirectTo" value={pathname + search} />
      <button
        type="submit"
        className="favourite__button"
        aria-pressed={favourite}
        aria-label={t(favourite ? "trust:favourites.remove" : "trust:favourites.add", {
          title: `\u2068${title}\u2069`,
        })}
        title={t(favourite ? "trust:favourites.removeShort" : "trust:favourites.addShort")}
        data-testid="favourite-button"
      >
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
          <path
            d="M12 20.5s-7.5-4.6-9.3-9.2C1.4 8 3.4 4.5 6.9 4.5c2 0 3.5 1.1 5.1 3 1.6-1.9 3.1-3 5.1-3 3.5 0 5.5 3.5 4.2 6.8-1.8 4.6-9.3 9.2-9.3 9.2z"
            fill={favourite ? "currentColor" : "none"}
            stroke="currentColor"
            strokeWidth="2"
            strokeLinejoin="round"
          />
        </svg>
      </button>
    </FetcherForm>
  );
}
