/**
 * A guest's favourites, kept in the browser until they sign in (then merged into the account:
 * startUserSession). The cookie holds public product ids only; httpOnly so forms, not scripts,
 * change it, and any page with it is personal (the shared page cache skips it: decision 005).
 */
import { createCookie } from "@remix-run/node";
import { env } from "./env.server";

/** More than a buyer keeps by hand; a cookie stays far below the 4 kB browsers allow. */
export const GUEST_FAVOURITES_MAX = 100;

export const favouritesCookie = createCookie("fav", {
  path: "/",
  httpOnly: true,
  sameSite: "lax",
  secure: env().NODE_ENV === "production" && !env().INSECURE_COOKIES,
  maxAge: 60 * 60 * 24 * 365,
});

export async function readGuestFavourites(request: Pick<Request, "headers">): Promise<number[]> {
  let value: unknown;
  try {
    value = await favouritesCookie.parse(request.headers.get("Cookie"));
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  const ids = value.filter((v): v is number => Number.isSafeInteger(v) && v > 0);
  return [...new Set(ids)].slice(0, GUEST_FAVOURITES_MAX);
}

/** The cookie with `ids` (newest first), or one that clears it when there are none. */
export async function guestFavouritesHeader(ids: number[]): Promise<string> {
  if (ids.length === 0) return favouritesCookie.serialize([], { maxAge: 0 });
  return favouritesCookie.serialize(ids.slice(0, GUEST_FAVOURITES_MAX));
}
