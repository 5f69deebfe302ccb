import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { LocalizedText } from "~/i18n/localized";
import { LocalizedTextView } from "./localized-text";
import { Money } from "./money";

type Line = { title: LocalizedText; quantity: number; lineTotalCentimes: number };

/** The lines of an order as sold (title, quantity, amount), for the buyer and for the shop. */
export function OrderLinesTable({
  lines,
  currency,
  children,
}: {
  lines: Line[];
  currency: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <table className="order-table">
      <thead>
        <tr>
          <th scope="col">{t("checkout:order.article")}</th>
          <th scope="col">{t("checkout:order.quantity")}</th>
          <th scope="col">{t("checkout:order.price")}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l, i) => (
          <tr key={i}>
            <td>
              <LocalizedTextView value={l.title} />
            </td>
            <td>{l.quantity}</td>
            <td>
              <Money centimes={l.lineTotalCentimes} currency={currency} />
            </td>
          </tr>
        ))}
        {children}
      </tbody>
    </table>
  );
}
