import { useTranslation } from "react-i18next";
import { isLocale, defaultLocale } from "~/i18n/config";
import { formatMoney } from "~/i18n/format";

export function Money({ centimes, currency }: { centimes: number; currency: string }) {
  const { i18n } = useTranslation();
  const locale = isLocale(i18n.language) ? i18n.language : defaultLocale;
  return <bdi className="money">{formatMoney(centimes, currency, locale)}</bdi>;
}
