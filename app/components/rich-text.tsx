import { Fragment, type ReactNode } from "react";
import type { TFunction, TOptions } from "i18next";

// A private-use character: never in a translation, never in the data it is given.
const MARK = "\uE000";

/**
 * A translated sentence with some of its values as elements (a link, an isolated
 * reference): i18next interpolates strings only, so each element's place is
 * marked, the sentence translated, then cut at the marks.
 */
export function translateWithNodes(
  t: TFunction,
  key: string,
  values: TOptions,
  nodes: Record<string, ReactNode>,
): ReactNode[] {
  const marked: TOptions = { ...values };
  for (const name of Object.keys(nodes)) marked[name] = `${MARK}${name}${MARK}`;
  return t(key, marked)
    .split(MARK)
    .map((part, i) => (i % 2 === 1 && part in nodes ? <Fragment key={i}>{nodes[part]}</Fragment> : part));
}
