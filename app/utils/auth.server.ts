/**
 * The one guard layer. Every loader and action that is not public calls one of the
 * `require…` helpers first; they redirect to sign-in (no session) or throw 403.
 */
import { createCookie, redirect } from "@remix-run/node";
import type { Locale } from "~/i18n/config";
import {
  createSession,
  deleteSession,
  getSessionUser,
  SESSION_TTL_MS,
  type SessionUser,
} from "~/models/users.server";
import { mergeCartIntoUser } from "~/models/cart.server";
import { mergeGuestFavourites } from "~/models/favourites.server";
import { cartCookie, readCartId } from "./cart-cookie.server";
import { guestFavouritesHeader, readGuestFavourites } from "./favourites-cookie.server";
import { db } from "./db.server";
import { env, publicOrigin } from "./env.server";
import { forbidden } from "./http.server";
import {
  memberCan,
  staffCan,
  type CooperativePermission,
  type MembershipRole,
  type StaffPermission,
} from "./permissions";
import { localePath } from "./urls";

const secure = env().NODE_ENV === "production" && !env().INSECURE_COOKIES;

/** Holds only the session token; the session itself lives in the database. */
export const sessionCookie = createCookie("hirfa_session", {
  httpOnly: true,
  sameSite: "lax",
  secure,
  path: "/",
  maxAge: SESSION_TTL_MS / 1000,
});

export async function sessionToken(request: Pick<Request, "headers">): Promise<string | null> {
  const value = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : null;
}

export async function getUser(request: Request): Promise<SessionUser | null> {
  return getSessionUser(db, await sessionToken(request));
}

/**
 * A path on this site to return to (after signing in, …), judged as a browser would read it:
 * the value is parsed as a URL against the site's origin, so tabs and newlines (dropped by
 * URL parsing), backslashes, `//host` and schemes cannot lead elsewhere. Anything that is not
 * a path on this origin gives `fallback` (the locale's home). The result is the parsed path,
 * query and fragment, percent-encoded: safe in a Location header.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback: string): string {
  if (typeof to !== "string" || !to.startsWith("/")) return fallback;
  const origin = publicOrigin();
  let url: URL;
  try {
    url = new URL(to, origin);
  } catch {
    return fallback;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments can leave a path that reads as `//host` ("/.//evil"): judge the result too.
  if (url.origin !== origin || new URL(path, origin).origin !== origin) return fallback;
  return path;
}

export async function requireUser(request: Request, locale: Locale): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = `${url.pathname}${url.search}`;
    throw redirect(`${localePath(locale, "/login")}?redirectTo=${encodeURIComponent(back)}`);
  }
  return user;
}

export async function requireStaff(
  request: Request,
  locale: Locale,
  permission: StaffPermission = "moderate",
) {
  const user = await requireUser(request, locale);
  if (!staffCan(user.staffRole, permission)) forbidden();
  return user;
}

export type CooperativeAccess = { user: SessionUser; cooperativeId: number; role: MembershipRole };

/**
 * The signed-in member's active cooperative, if their role there allows `permission`.
 * Everything in `/:lang/shop` is scoped to this cooperative id: never to one from the URL.
 */
export async function requireCooperativeMember(
  request: Request,
  locale: Locale,
  permission: CooperativePermission,
): Promise<CooperativeAccess> {
  const user = await requireUser(request, locale);
  const membership =
    user.memberships.find((m) => m.cooperativeId === user.activeCooperativeId) ?? user.memberships[0];
  if (!membership || !memberCan(membership.role, permission)) forbidden();
  return { user, cooperativeId: membership.cooperativeId, role: membership.role };
}

/** Signs the user in; a guest cart joins the account's cart, and the cookies follow. */
export async function startUserSession(request: Request, userId: number, redirectTo: string) {
  const { token } = await createSession(db, userId);
  const guestCartId = await readCartId(request);
  const cartId = await mergeCartIntoUser(db, { guestCartId, userId });
  const guestFavourites = await readGuestFavourites(request);
  await mergeGuestFavourites(db, { userId, productIds: guestFavourites });
  const headers = new Headers();
  // The account has them now: the browser forgets its own copy.
  if (guestFavourites.length > 0) headers.append("Set-Cookie", await guestFavouritesHeader([]));
  headers.append("Set-Cookie", await sessionCookie.serialize(token));
  if (cartId && cartId !== guestCartId) headers.append("Set-Cookie", await cartCookie.serialize(cartId));
  return redirect(redirectTo, { headers });
}

export async function endUserSession(request: Request, redirectTo: string) {
  const token = await sessionToken(request);
  if (token) await deleteSession(db, token);
  return redirect(redirectTo, {
    headers: { "Set-Cookie": await sessionCookie.serialize("", { maxAge: 0 }) },
  });
}

/** The client's address for rate limiting (Express's req.ip, through the load context). */
export function clientAddress(context: { clientAddress?: string } | undefined): string {
  return context?.clientAddress ?? "unknown";
}
