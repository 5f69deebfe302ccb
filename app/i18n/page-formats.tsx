import { createContext, useContext, useMemo } from "react";
import type { Locale } from "./config";
import { formatDate, formatMoney, formatNumber } from "./format";

/**
 * The numbers, prices and dates a page shows, formatted once, on the server, and carried in the
 * document (one JSON script element, like the page's strings) for hydration.
 *
 * Why: in Chromium the first `Intl.NumberFormat` (or `DateTimeFormat`) of a page costs 20–80 ms
 * of ICU set-up on this machine — four times that on a phone (Lighthouse's 4× CPU) — and every
 * page formats a number while it hydrates (the cart badge, the prices), so that set-up was one
 * long task in the middle of hydration (docs/performance.md, decision 017). With the server's
 * texts at hand, hydration makes no formatter; one is made only when the page shows a value
 * the server did not format (after an interaction or a client-side navigation).
 */
export const PAGE_FORMATS_ID = "page-formats";

type Texts = Map<string, string>;

/** Server: one map per render (entry.server.tsx), filled as components format. */
export const PageFormatsContext = createContext<Texts | null>(null);

// Browser: the server's texts, read once by entry.client.tsx before hydration.
const browserTexts: Texts = new Map();

export function readPageFormats(json: string | null | undefined): void {
  if (!json) return;
  for (const [key, text] of Object.entries(JSON.parse(json) as Record<string, string>))
    browserTexts.set(key, text);
}

function remember(texts: Texts, key: string, format: () => string): string {
  let text = texts.get(key);
  if (text === undefined) {
    text = format();
    texts.set(key, text);
  }
  return text;
}

/** The formatting functions of app/i18n/format.ts, for components of pages buyers load first. */
export function usePageFormat() {
  const texts = useContext(PageFormatsContext) ?? browserTexts;
  return useMemo(
    () => ({
      money: (centimes: number, currency: string, locale: Locale) =>
        remember(texts, `m|${locale}|${currency}|${centimes}`, () => formatMoney(centimes, currency, locale)),
      number: (value: number, locale: Locale, options?: Intl.NumberFormatOptions) =>
        remember(texts, `n|${locale}|${options ? JSON.stringify(options) : ""}|${value}`, () =>
          formatNumber(value, locale, options),
        ),
      /** A calendar date (YYYY-MM-DD) shown at noon UTC, which no time zone moves to another day. */
      calendarDate: (day: string, locale: Locale) =>
        remember(texts, `d|${locale}|${day}`, () => formatDate(`${day}T12:00:00Z`, locale)),
    }),
    [texts],
  );
}

/**
 * The texts the page formatted, for the browser. Rendered after the page's content (React
 * renders in document order, so every value above has been formatted by then); in the browser
 * the element keeps what the server sent.
 */
export function PageFormats({ nonce }: { nonce?: string }) {
  const texts = useContext(PageFormatsContext);
  const json =
    typeof document !== "undefined"
      ? (document.getElementById(PAGE_FORMATS_ID)?.textContent ?? "{}")
      : JSON.stringify(Object.fromEntries(texts ?? [])).replace(/</g, "\\u003c");
  return (
    <script
      id={PAGE_FORMATS_ID}
      type="application/json"
      nonce={nonce}
      dangerouslySetInnerHTML={{ __html: json }}
    />
  );
}
