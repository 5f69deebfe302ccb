import { Fragment } from "react";
import { directionOf } from "~/i18n/config";
import { useLocale } from "~/i18n/use-locale";

// A left-to-right run inside right-to-left text: a phone number (with its +), a code, a
// Latin word. It starts and ends with a letter or a digit, so a sentence's full stop stays
// with the sentence.
const LTR_RUN = /\+?[0-9A-Za-z\u00c0-\u024f](?:[0-9A-Za-z\u00c0-\u024f .,+\-/@_]*[0-9A-Za-z\u00c0-\u024f])?/g;

/**
 * A translated string with its numbers and Latin codes isolated as <bdi dir="ltr"> on
 * right-to-left pages ("+212 6 12 34 56 78" keeps its plus at the start), as is.
 */
export function BidiText({ text }: { text: string }) {
  const locale = useLocale();
  if (directionOf(locale) === "ltr") return <>{text}</>;
  const out: React.ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(LTR_RUN)) {
    const at = match.index ?? 0;
    if (at > last) out.push(text.slice(last, at));
    out.push(
      <bdi dir="ltr" key={at}>
        {match[0]}
      </bdi>,
    );
    last = at + match[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return <Fragment>{out}</Fragment>;
}
