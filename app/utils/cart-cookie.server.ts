/**
 * The cart cookie holds only the cart's random id; the cart itself lives in the database
 * (several app processes serve the same buyer). httpOnly, SameSite=Lax, Secure in
 * production unless INSECURE_COOKIES=1 (local tests over plain HTTP).
 */
import { createCookie } from "@remix-run/node";
import { env } from "./env.server";
import { isCartId } from "~/models/cart.server";

export const cartCookie = createCookie("cart", {
  path: "/",
  httpOnly: true,
  sameSite: "lax",
  secure: env().NODE_ENV === "production" && !env().INSECURE_COOKIES,
  maxAge: 60 * 60 * 24 * 60,
});

export async function readCartId(request: Pick<Request, "headers">): Promise<string | null> {
  const value: unknown = await cartCookie.parse(request.headers.get("Cookie"));
  return isCartId(value) ? value : null;
}

/** A Set-Cookie header when the cart id changed (a new cart), else nothing. */
export async function cartCookieHeader(
  previous: string | null,
  current: string | null,
): Promise<HeadersInit> {
  if (!current || current === previous) return {};
  return { "Set-Cookie": await cartCookie.serialize(current) };
}
