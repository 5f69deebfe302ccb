/**
 * Which strings each page carries. Every page gets the base namespaces; a route that needs
 * more declares them in `handle.i18n` (for the server's embedding) and loads them in its
 * `clientLoader` with `ensureNamespaces` (for client-side navigations into it).
 */
import type { StringTree, Translator } from "./translator";

export const baseNamespaces = ["common", "account", "checkout", "search"] as const;

export type I18nHandle = { i18n?: readonly string[] };

let pageTranslator: Translator | null = null;
/** The browser's translator (entry.client.tsx), which client navigations add strings to. */
export function setPageTranslator(translator: Translator) {
  pageTranslator = translator;
}

/** Loads missing namespaces of the current language into the browser's translator. */
export async function ensureNamespaces(namespaces: readonly string[]): Promise<void> {
  const translator = pageTranslator;
  if (!translator) return;
  const missing = namespaces.filter((ns) => !translator.hasNamespace(ns));
  await Promise.all(
    missing.map(async (ns) => {
      const res = await fetch(`/locales/${translator.language}/${ns}`);
      if (res.ok) translator.addNamespace(ns, (await res.json()) as StringTree);
    }),
  );
}
