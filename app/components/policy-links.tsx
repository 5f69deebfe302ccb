import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Locale } from "~/i18n/config";
import { localePath } from "~/utils/urls";

/** The policy pages, in the order buyers look for them (decision 019). Kept in step with policy-defaults.ts. */
const slugs = ["returns", "delivery", "terms", "privacy", "legal", "contact"] as const;

/** Links to the policy pages (and "find my order"), for the footer of every page. */
export function PolicyLinks({ locale }: { locale: Locale }) {
  const { t } = useTranslation();
  return (
    <nav className="policy-links" aria-label={t("policies:footer.label")} data-testid="policy-links">
      <ul>
        {slugs.map((s) => (
          <li key={s}>
            <Link to={localePath(locale, `/policies/${s}`)}>{t(`policies:footer.${s}`)}</Link>
          </li>
        ))}
        <li>
          <Link to={localePath(locale, "/find-order")}>{t("policies:footer.findOrder")}</Link>
        </li>
      </ul>
    </nav>
  );
}

/** Before paying: terms of sale, returns, delivery and privacy, each in a new tab so the form stays filled. */
export function CheckoutPolicyLinks({ locale }: { locale: Locale }) {
  const { t } = useTranslation();
  return (
    <p className="checkout__policies muted" data-testid="checkout-policies">
      {t("policies:checkout")}{" "}
      {(["terms", "returns", "delivery", "privacy"] as const).map((s, i) => (
        <span key={s}>
          {i > 0 ? " · " : null}
          <Link to={localePath(locale, `/policies/${s}`)} target="_blank" rel="noopener">
            {t(`policies:footer.${s}`)}
          </Link>
        </span>
      ))}
    </p>
  );
}
