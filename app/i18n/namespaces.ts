/**
 * Which strings each page carries. Every page gets the base namespaces; a route that needs
 * more declares them in `handle.i18n` (for the server's embedding) and loads them in its
 * `clientLoader` with `ensureNamespaces` (for client-side navigations into it).
 */
import i18next from "i18next";

export const baseNamespaces = ["common", "account", "checkout", "search"] as const;

export type I18nHandle = { i18n?: readonly string[] };

/** Loads missing namespaces of the current language into the browser's i18next. */
export async function ensureNamespaces(namespaces: readonly string[]): Promise<void> {
  const lng = i18next.language;
  const missing = namespaces.filter((ns) => !i18next.hasResourceBundle(lng, ns));
  await Promise.all(
    missing.map(async (ns) => {
      const res = await fetch(`/locales/${lng}/${ns}`);
      if (res.ok) i18next.addResourceBundle(lng, ns, await res.json(), true, true);
    }),
  );
}
