import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ProductGrid } from "~/components/product-card";
import { getFixedT } from "~/i18n/i18n.server";
import {
  addFavourite,
  favouriteCards,
  isFavouritable,
  removeFavourite,
  viewerFavouriteIds,
} from "~/models/favourites.server";
import { getUser, safeRedirect } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { guestFavouritesHeader, readGuestFavourites } from "~/utils/favourites-cookie.server";
import { readForm } from "~/utils/form-body.server";
import { cachePolicy, parseId, requireLocale } from "~/utils/http.server";
import { privateHeaders } from "~/utils/private-headers";
import { seoMeta } from "~/utils/seo";
import { localePath } from "~/utils/urls";

/** The viewer's favourites: an account's, or a guest's from this browser. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const user = await getUser(request);
  const t = getFixedT(locale);
  const ids = await viewerFavouriteIds(db, request, user?.id ?? null);
  return data(
    {
      locale,
      signedIn: user !== null,
      products: await favouriteCards(db, ids, locale),
      seo: { title: t("trust:favourites.metaTitle") },
    },
    { headers: { "Cache-Control": cachePolicy.none, "X-Robots-Tag": "noindex" } },
  );
}

export const headers: HeadersFunction = privateHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  ...seoMeta(data?.seo),
  { name: "robots", content: "noindex" },
];

export type FavouriteActionData = { ok: boolean; productId: number | null; favourite: boolean };

/**
 * Adds or removes a favourite (a heart's form). Without JavaScript the browser comes back to
 * the page it posted from (post/redirect/get); a fetcher gets the outcome instead.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const form = await readForm(request);
  const productId = parseId(form.get("productId"));
  const intent = form.get("intent");
  const viaFetcher = form.get("_fetcher") === "1";
  const back = safeRedirect(form.get("redirectTo"), localePath(locale, "/favourites"));
  if (productId === null || (intent !== "add" && intent !== "remove")) {
    return data<FavouriteActionData>({ ok: false, productId, favourite: false }, { status: 400 });
  }
  const user = await getUser(request);
  const headers = new Headers();
  let ok = true;
  if (user) {
    if (intent === "add") ok = (await addFavourite(db, { userId: user.id, productId })).ok;
    else await removeFavourite(db, { userId: user.id, productId });
  } else {
    const ids = (await readGuestFavourites(request)).filter((id) => id !== productId);
    if (intent === "add") {
      ok = await isFavouritable(db, productId);
      if (ok) ids.unshift(productId);
    }
    headers.append("Set-Cookie", await guestFavouritesHeader(ids));
  }
  const favourite = ok && intent === "add";
  if (viaFetcher) {
    return data<FavouriteActionData>({ ok, productId, favourite }, { status: ok ? 200 : 404, headers });
  }
  return redirect(back, { status: 303, headers });
}

export default function Favourites() {
  const { locale, signedIn, products } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="section stack" aria-labelledby="favourites-title">
      <h1 id="favourites-title">{t("trust:favourites.title")}</h1>
      {signedIn ? null : (
        <p className="notice" data-testid="favourites-guest-note">
          {t("trust:favourites.guestNote")}{" "}
          <Link
            to={`${localePath(locale, "/login")}?redirectTo=${encodeURIComponent(localePath(locale, "/favourites"))}`}
          >
            {t("trust:favourites.signIn")}
          </Link>
        </p>
      )}
      {products.length === 0 ? (
        <p className="empty" data-testid="favourites-empty">
          {t("trust:favourites.empty")} <Link to={localePath(locale)}>{t("trust:favourites.browse")}</Link>
        </p>
      ) : (
        <>
          <p className="muted" data-testid="favourites-count">
            {t("trust:favourites.count", { count: products.length })}
          </p>
          <ProductGrid products={products} locale={locale} titleLevel={2} />
        </>
      )}
    </section>
  );
}
