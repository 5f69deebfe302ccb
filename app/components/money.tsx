import { useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { usePageFormat } from "~/i18n/page-formats";
import type { Locale } from "~/i18n/config";
import { useLocale } from "~/i18n/use-locale";
import { convertCentimes, type DisplayRate } from "~/models/display-currency";

/**
 * An amount, in its own currency (MAD), in the page's language or in `locale` (a preview of
 * another language), followed for a buyer who chose a display currency by an estimate in it
 * ("≈ €32.26"), from the chamber's rate of the day it was set.
 */
export function Money({
  centimes,
  currency,
  locale: shownIn,
}: {
  centimes: number;
  currency: string;
  locale?: Locale;
}) {
  const pageLocale = useLocale();
  const locale = shownIn ?? pageLocale;
  const { t } = useTranslation();
  const format = usePageFormat();
  const display =
    useRouteLoaderData<{ displayRate?: (DisplayRate & { setOn: string }) | null }>("root")?.displayRate ??
    null;
  const amount = <bdi className="money">{format.money(centimes, currency, locale)}</bdi>;
  if (!display || currency !== "MAD") return amount;
  return (
    <>
      {amount}{" "}
      <span
        className="money__estimate"
        title={t("currency.estimateNote", { date: display.setOn })}
        data-testid="money-estimate"
      >
        {t("currency.estimate", {
          amount: format.money(convertCentimes(centimes, display.rate), display.currency, locale),
        })}
      </span>
    </>
  );
}
