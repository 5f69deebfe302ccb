import { Form, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Locale } from "~/i18n/config";
import { CURRENCY_CHOICES, type CurrencyChoice } from "~/models/display-currency";
import { localePath } from "~/utils/urls";

/**
 * Prices are in MAD; a buyer abroad may add an estimate in euros or dollars. A POST form
 * (works without JavaScript; with it, choosing submits at once) back to the same page.
 */
export function CurrencySwitch({ locale, current }: { locale: Locale; current: CurrencyChoice }) {
  const { t } = useTranslation();
  const { pathname, search } = useLocation();
  return (
    <Form
      method="post"
      action={localePath(locale, "/currency")}
      className="currency-switch"
      data-testid="currency-switch"
    >
      <input type="hidden" name="redirectTo" value={pathname + search} />
      <label htmlFor="display-currency">{t("currency.label")}</label>
      <select
        id="display-currency"
        name="currency"
        defaultValue={current}
        key={current}
        onChange={(e) => e.currentTarget.form?.requestSubmit()}
      >
        {CURRENCY_CHOICES.map((c) => (
          <option key={c} value={c}>
            {t(`currency.choices.${c}`)}
          </option>
        ))}
      </select>
      <button type="submit" className="link-button">
        {t("currency.apply")}
      </button>
    </Form>
  );
}
