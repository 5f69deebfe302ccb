import { Fragment } from "react";
import { useTranslation } from "react-i18next";

/**
 * Pieces of user text (an address, a name and a city) joined with the language's comma
 * ("،" in Arabic), each isolated with <bdi> so a Latin street name keeps its own order
 * inside an Arabic sentence and the other way round.
 */
export function JoinedText({ parts }: { parts: (string | null | undefined)[] }) {
  const { t } = useTranslation();
  const separator = t("common.listSeparator");
  const shown = parts.filter((p): p is string => Boolean(p?.trim()));
  // Each piece keeps its comma: a line never starts with one.
  return (
    <>
      {shown.map((p, i) => (
        <Fragment key={i}>
          <span className="joined-text__part">
            <bdi>{p}</bdi>
            {i < shown.length - 1 ? separator.trimEnd() : null}
          </span>
          {i < shown.length - 1 ? " " : null}
        </Fragment>
      ))}
    </>
  );
}
