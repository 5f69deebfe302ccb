import { formatMoney } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";

export function Money({ centimes, currency }: { centimes: number; currency: string }) {
  const locale = useLocale();
  return <bdi className="money">{formatMoney(centimes, currency, locale)}</bdi>;
}
