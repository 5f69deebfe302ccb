import type { DateText } from "~/i18n/format";
import { useTranslation } from "react-i18next";

/**
 * A date its loader formatted (dateText, on the server): the browser shows the server's
 * text, so hydration finds the same words; a missing date says so instead of 1970.
 */
export function DateTime({ value }: { value: DateText | null | undefined }) {
  const { t } = useTranslation();
  if (!value) {
    return (
      <span className="muted" data-testid="date-unknown">
        {t("common.dateUnknown")}
      </span>
    );
  }
  return <time dateTime={value.iso}>{value.text}</time>;
}
