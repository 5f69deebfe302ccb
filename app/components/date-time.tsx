import { formatDate } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { useTranslation } from "~/i18n/use-translation";

/**
 * A date from the server as <time>, formatted by the one formatter (fixed time zone, so
 * server and browser write the same text); a missing date says so instead of 1970.
 */
export function DateTime({ value, options }: { value: Date | string | null | undefined; options?: Intl.DateTimeFormatOptions }) {
  const locale = useLocale();
  const { t } = useTranslation();
  if (value == null || value === "") {
    return (
      <span className="muted" data-testid="date-unknown">
        {t("common.dateUnknown")}
      </span>
    );
  }
  const iso = typeof value === "string" ? value : value.toISOString();
  return <time dateTime={iso}>{formatDate(value, locale, options)}</time>;
}
