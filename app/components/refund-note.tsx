import { formatMoney } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { useTranslation } from "react-i18next";
import type { RefundView } from "~/models/refunds.server";

/**
 * Where a refund stands, for the buyer (`checkout:order.refund.*`) or the cooperative
 * (`fulfilment:refund.*`). Dates arrive as strings once serialised: only the status and amount are used.
 */
export function RefundNote({
  refund,
  currency,
  audience,
}: {
  refund: Pick<RefundView, "status" | "amountCentimes">;
  currency: string;
  audience: "buyer" | "cooperative";
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const key =
    audience === "buyer" ? `checkout:order.refund.${refund.status}` : `fulfilment:refund.${refund.status}`;
  return (
    <p
      className={refund.status === "failed" ? "alert alert--warn" : "alert"}
      data-testid="refund"
      data-status={refund.status}
      role="status"
    >
      {t(key, { amount: formatMoney(refund.amountCentimes, currency, locale) })}
    </p>
  );
}
