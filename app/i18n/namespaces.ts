/**
 * Which strings each page carries. Every page gets the base namespaces; a route that needs
 * more declares them in `handle.i18n` (remix-i18next's convention: the server reads it with
 * `getRouteNamespaces`) and loads them in its `clientLoader` with `ensureNamespaces` (for
 * client-side navigations into it).
 */
import i18next from "i18next";

// `policies` is small: the footer's links to the policy pages, on every page. `trust`: favourites,
// delivery estimates, "made by", the gallery and reviews appear on most pages.
export const baseNamespaces = ["common", "account", "checkout", "search", "policies", "trust"] as const;

export type I18nHandle = { i18n?: readonly string[] };

/** The namespaces a page of these route handles needs: the base ones and each route's own. */
export function namespacesOf(handles: unknown[]): string[] {
  const set = new Set<string>(baseNamespaces);
  for (const handle of handles) for (const ns of (handle as I18nHandle | undefined)?.i18n ?? []) set.add(ns);
  return [...set];
}

/**
 * Loads missing namespaces of the page's language into the browser's i18next (entry.client.tsx)
 * from `/locales/:lang/:ns`: a few lines instead of i18next-http-backend, which would add
 * its own JavaScript to every page for this one fetch.
 */
export async function ensureNamespaces(namespaces: readonly string[]): Promise<void> {
  if (!i18next.isInitialized) return;
  const lng = i18next.language;
  const missing = namespaces.filter((ns) => !i18next.hasResourceBundle(lng, ns));
  await Promise.all(
    missing.map(async (ns) => {
      const res = await fetch(`/locales/${lng}/${ns}`);
      if (res.ok) i18next.addResourceBundle(lng, ns, await res.json(), true, true);
    }),
  );
}
