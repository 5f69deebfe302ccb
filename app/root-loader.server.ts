/** The root route's loader (app/root.tsx): the header's data for every page. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { defaultLocale, isLocale, type Locale } from "~/i18n/config";
import { formatDate } from "~/i18n/format";
import { localeCookie } from "~/i18n/i18n.server";
import { cartUnitCount } from "~/models/cart.server";
import { listCraftLinks } from "~/models/catalog.server";
import { viewerFavouriteIds } from "~/models/favourites.server";
import { displayRateFor } from "~/models/settings.server";
import { getUser } from "~/utils/auth.server";
import { readCartId } from "~/utils/cart-cookie.server";
import { readCurrencyChoice } from "~/utils/currency-cookie.server";
import { db } from "~/utils/db.server";
import { publicOrigin } from "~/utils/env.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale: Locale = isLocale(params.lang) ? params.lang : defaultLocale;
  const [crafts, user, cartItemCount, currency] = await Promise.all([
    listCraftLinks(db, locale),
    getUser(request),
    readCartId(request).then((id) => cartUnitCount(db, id)),
    readCurrencyChoice(request),
  ]);
  // The hearts on cards and product pages (decision 020).
  const favouriteIds = await viewerFavouriteIds(db, request, user?.id ?? null);
  // Estimates in the buyer's currency, when they chose one and the chamber has set its rate.
  const rate = currency === "MAD" ? null : await displayRateFor(db, currency);
  // The rate's date in words, made here: the browser's Intl may write dates otherwise (hydration).
  const displayRate = rate ? { ...rate, setOn: formatDate(rate.setAt, locale) } : null;
  const headers = new Headers();
  // Remember the language of the last page seen, for `/`.
  if (isLocale(params.lang) && (await localeCookie.parse(request.headers.get("Cookie"))) !== locale) {
    headers.append("Set-Cookie", await localeCookie.serialize(locale));
  }
  const viewer = user
    ? { name: user.name, isMember: user.memberships.length > 0, isStaff: user.staffRole !== null }
    : null;
  return data(
    {
      locale,
      origin: publicOrigin(),
      crafts,
      viewer,
      cartCount: cartItemCount,
      currency,
      displayRate,
      favouriteIds,
    },
    { headers },
  );
}
