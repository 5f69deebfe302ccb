import { Link, useFetchers } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Locale } from "~/i18n/config";
import { usePageFormat } from "~/i18n/page-formats";
import { localePath } from "~/utils/urls";

/** Units being added right now by "add to cart" fetchers: the badge counts them at once. */
function usePendingAdds(): number {
  return useFetchers().reduce((sum, f) => {
    if (f.state === "idle" || !f.formData || f.formData.get("intent") !== "add") return sum;
    const n = Number(f.formData.get("quantity"));
    return Number.isSafeInteger(n) && n > 0 ? sum + n : sum;
  }, 0);
}

export function CartBadge({ locale, count }: { locale: Locale; count: number }) {
  const { t } = useTranslation();
  const format = usePageFormat();
  const shown = count + usePendingAdds();
  return (
    <Link to={localePath(locale, "/cart")} className="cart-link" data-testid="cart-link">
      <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" className="cart-link__icon">
        <path
          d="M3 4h2l2.4 10.2a2 2 0 0 0 2 1.6h7.7a2 2 0 0 0 1.9-1.4L21 8H6.2"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
        <circle cx="10" cy="20" r="1.6" fill="currentColor" />
        <circle cx="17" cy="20" r="1.6" fill="currentColor" />
      </svg>
      <span className="cart-link__label" aria-hidden="true">
        {t("checkout:nav.cart")}
      </span>
      <span className="cart-link__count" data-testid="cart-count" aria-hidden="true">
        {format.number(shown, locale)}
      </span>
      <span className="visually-hidden">{t("checkout:nav.cartCount", { count: shown })}</span>
    </Link>
  );
}
