/**
 * A fair's days as people write them ("10 – 14 décembre 2026", "10–14 ديسمبر 2026"), formatted by
 * the server (loaders send the text: see dateText in i18n/format.ts for why). Days are calendar
 * days: read at noon UTC, they are the same day in Morocco whatever its offset.
 */
import { intlLocaleOf, type Locale } from "~/i18n/config";
import { TIME_ZONE } from "~/i18n/format";

const noon = (day: string) => new Date(`${day}T12:00:00Z`);

export function fairDays(startsOn: string, endsOn: string, locale: Locale): string {
  const format = new Intl.DateTimeFormat(intlLocaleOf(locale), { dateStyle: "long", timeZone: TIME_ZONE });
  return startsOn === endsOn
    ? format.format(noon(startsOn))
    : format.formatRange(noon(startsOn), noon(endsOn));
}
