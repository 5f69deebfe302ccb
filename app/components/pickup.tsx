import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLocale } from "~/i18n/use-locale";
import type { LocalizedText } from "~/i18n/localized";
import { localePath } from "~/utils/urls";

export type PickupData = {
  fairSlug: string;
  fair: LocalizedText;
  venue: LocalizedText;
  city: LocalizedText;
  days?: string;
  standNumber: string | null;
  code: string;
};

/** Where and with which code a part is collected at a fair's stand (decision 021). */
export function PickupNote({ pickup, audience }: { pickup: PickupData; audience: "buyer" | "cooperative" }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <div className="pickup-note" data-testid="pickup">
      <p>
        {t("fairs:pickup.where", {
          fair: pickup.fair.text,
          venue: pickup.venue.text,
          city: pickup.city.text,
        })}{" "}
        {pickup.standNumber ? t("fairs:stand", { number: pickup.standNumber }) : null}
        {pickup.days ? ` · ${pickup.days}` : null}{" "}
        <Link to={localePath(locale, `/fairs/${pickup.fairSlug}`)}>{t("fairs:pickup.fairPage")}</Link>
      </p>
      <p>
        {t(audience === "buyer" ? "fairs:pickup.codeBuyer" : "fairs:pickup.codeCooperative")}{" "}
        {audience === "buyer" ? (
          <strong className="pickup-code" dir="ltr" data-testid="pickup-code">
            {pickup.code}
          </strong>
        ) : null}
      </p>
    </div>
  );
}

/** "Remis": the cooperative types the buyer's code and hands the parcel over. */
export function HandoverForm({
  error,
  value,
  back,
  id,
}: {
  error?: string;
  value?: string;
  back?: "list";
  id?: number;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const field = `handover-code${id ? `-${id}` : ""}`;
  return (
    <Form
      method="post"
      action={id ? localePath(locale, `/shop/orders/${id}`) : undefined}
      className="handover"
      noValidate
      data-testid="handover-form"
    >
      <input type="hidden" name="intent" value="handover" />
      {back ? <input type="hidden" name="back" value={back} /> : null}
      <div className={`field${error ? " field--error" : ""}`}>
        <label htmlFor={field}>{t("fairs:pickup.codeLabel")}</label>
        <input
          id={field}
          name="code"
          dir="ltr"
          autoComplete="off"
          autoCapitalize="characters"
          defaultValue={value ?? ""}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${field}-error` : undefined}
        />
        {error ? (
          <p id={`${field}-error`} className="field__error" role="alert">
            {t(error)}
          </p>
        ) : null}
      </div>
      <button type="submit" className="button" data-testid="handover">
        {t("fairs:pickup.handover")}
      </button>
    </Form>
  );
}
