/**
 * The page of a request refused where no error boundary can render it: in server.mjs before
 * Remix runs, and in resource routes (decision 011). Plain HTML in the language of the path
 * asked for, with the error boundary's own strings.
 */
import { defaultLocale, directionOf, isLocale, type Locale } from "~/i18n/config";
import { getFixedT } from "~/i18n/i18n.server";

const kinds = { 400: "badRequest", 404: "notFound", 413: "tooLarge", 415: "unsupportedType" } as const;
export type RefusalStatus = keyof typeof kinds;

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The locale of a path's first segment, the default one otherwise. */
export function localeOfPath(pathname: string): Locale {
  const first = pathname.split("/")[1];
  return isLocale(first) ? first : defaultLocale;
}

export function refusalPage(locale: Locale, status: RefusalStatus): string {
  const t = getFixedT(locale);
  const kind = kinds[status];
  const title = escape(t(`errors.${kind}.title`));
  return `<!doctype html><html lang="${locale}" dir="${directionOf(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} — ${escape(t("brand.name"))}</title></head><body><main><p>${status}</p><h1>${title}</h1><p>${escape(t(`errors.${kind}.body`))}</p><p><a href="/${locale}">${escape(t("errors.backHome"))}</a></p></main></body></html>`;
}

export function refusalResponse(locale: Locale, status: RefusalStatus): Response {
  return new Response(refusalPage(locale, status), {
    status,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
  });
}
