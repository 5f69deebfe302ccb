import { Fragment } from "react";
import { useTranslation } from "~/i18n/use-translation";

/**
 * Pieces of user text (an address, a name and a city) joined with the language's comma
 * ("،" in Arabic), each isolated with <bdi> so a Latin street name keeps its own order
 * inside an Arabic sentence and the other way round.
 */
export function JoinedText({ parts }: { parts: (string | null | undefined)[] }) {
  const { t } = useTranslation();
  const separator = t("common.listSeparator");
  return (
    <>
      {parts
        .filter((p): p is string => Boolean(p?.trim()))
        .map((p, i) => (
          <Fragment key={i}>
            {i > 0 ? separator : null}
            <bdi className="joined-text__part">{p}</bdi>
          </Fragment>
        ))}
    </>
  );
}
