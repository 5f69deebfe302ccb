import { formatMoney } from "~/i18n/format";
import type { Locale } from "~/i18n/config";
import { useLocale } from "~/i18n/use-locale";

/** An amount in the page's language, or in `locale` (a preview of the other language). */
export function Money({ centimes, currency, locale }: { centimes: number; currency: string; locale?: Locale }) {
  const pageLocale = useLocale();
  return <bdi className="money">{formatMoney(centimes, currency, locale ?? pageLocale)}</bdi>;
}
