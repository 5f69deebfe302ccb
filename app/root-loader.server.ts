/** The root route's loader (app/root.tsx): the header's data for every page. */
import type { AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { defaultLocale, isLocale, type Locale } from "~/i18n/config";
import { formatDate } from "~/i18n/format";
import { localeCookie } from "~/i18n/i18n.server";
import { listCraftLinks } from "~/models/catalogue.server";
import { getViewer } from "~/models/viewer.server";
import { displayRateFor } from "~/models/settings.server";
import { sessionToken } from "~/utils/auth.server";
import { readGuestFavourites } from "~/utils/favourites-cookie.server";
import { readCartId } from "~/utils/cart-cookie.server";
import { readCurrencyChoice } from "~/utils/currency-cookie.server";
import { db, dbHandle } from "~/utils/db.server";
import { publicOrigin } from "~/utils/env.server";

/** Who is asking, as the header shows it: the only personal part of a catalogue page. */
export type Viewer = { name: string; isMember: boolean; isStaff: boolean } | null;
export type ViewerState = { viewer: Viewer; cartCount: number; favouriteIds: number[] };

/**
 * The visitor's part of every page: who they are, their cart's unit count, their favourites
 * (the hearts on cards and product pages, decision 020). Read by this loader, and before it by
 * the page cache for signed-in visitors (decision 022), which passes it on in the load context.
 */
export async function readViewerState(request: Pick<Request, "headers">): Promise<ViewerState> {
  const [token, cartId] = await Promise.all([sessionToken(request), readCartId(request)]);
  // Session, user, cart count and favourites in one statement (app/models/viewer.server.ts).
  const { user, cartCount, favouriteIds } = await getViewer(dbHandle, { token, cartId });
  const viewer = user ? { name: user.name, isMember: user.isMember, isStaff: user.isStaff } : null;
  // A guest's favourites are in a cookie until they sign in (decision 020).
  return { viewer, cartCount, favouriteIds: user ? favouriteIds : await readGuestFavourites(request) };
}

/**
 * Set by the page cache (app/services/page-cache.server.ts) when it renders a page to keep for
 * every visitor in the same state: the state it read, and the token the viewer's name is
 * written as, replaced by each visitor's own name when the page is sent (decision 022).
 */
export type PersonalTemplate = { state: ViewerState; nameSlot: string };
export const PERSONAL_TEMPLATE = "personalTemplate";

function personalTemplateOf(context: AppLoadContext | undefined): PersonalTemplate | null {
  const value = (context as Record<string, unknown> | undefined)?.[PERSONAL_TEMPLATE];
  return value && typeof value === "object" ? (value as PersonalTemplate) : null;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const locale: Locale = isLocale(params.lang) ? params.lang : defaultLocale;
  const template = personalTemplateOf(context);
  const [crafts, state, currency] = await Promise.all([
    listCraftLinks(db, locale),
    template?.state ?? readViewerState(request),
    readCurrencyChoice(request),
  ]);
  const { cartCount: cartItemCount, favouriteIds } = state;
  // Estimates in the buyer's currency, when they chose one and the chamber has set its rate.
  const rate = currency === "MAD" ? null : await displayRateFor(db, currency);
  // The rate's date in words, made here: the browser's Intl may write dates otherwise (hydration).
  const displayRate = rate ? { ...rate, setOn: formatDate(rate.setAt, locale) } : null;
  const headers = new Headers();
  // Remember the language of the last page seen, for `/`.
  if (isLocale(params.lang) && (await localeCookie.parse(request.headers.get("Cookie"))) !== locale) {
    headers.append("Set-Cookie", await localeCookie.serialize(locale));
  }
  const viewer = state.viewer && template ? { ...state.viewer, name: template.nameSlot } : state.viewer;
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
