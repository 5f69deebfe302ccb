import type { HeadersFunction } from "@remix-run/node";

/**
 * Headers of a private page (cart, checkout, order): the loader's (no-store, noindex…),
 * and the action's cookies when a form was posted.
 */
export const privateHeaders: HeadersFunction = ({ loaderHeaders, actionHeaders }) => {
  const headers = new Headers();
  for (const name of ["Cache-Control", "X-Robots-Tag", "Referrer-Policy"]) {
    const value = loaderHeaders.get(name);
    if (value) headers.set(name, value);
  }
  for (const cookie of actionHeaders.getSetCookie()) headers.append("Set-Cookie", cookie);
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "no-store");
  return headers;
};
