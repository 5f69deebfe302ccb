import { Link, useFetcher } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Locale } from "~/i18n/config";
import { localePath } from "~/utils/urls";
import { FetcherForm } from "./fetcher-form";

export type CartActionData =
  | { ok: true; intent: string; productId: number }
  | { ok: false; intent: string; productId?: number; error: string; available?: number };

export function cartErrorMessage(
  t: (key: string, options?: Record<string, unknown>) => string,
  data: { error: string; available?: number },
) {
  switch (data.error) {
    case "stock":
      return t("checkout:cart.errors.stock", { count: data.available ?? 0 });
    case "quantity":
      return t("checkout:cart.errors.quantity", { count: data.available ?? 0 });
    case "invalid":
      return t("checkout:cart.errors.invalid");
    default:
      return t("checkout:cart.errors.unavailable");
  }
}

/**
 * "Add to cart" with a quantity. Without JavaScript it is a plain form that posts to the
 * cart and lands there; with JavaScript it posts through a fetcher and stays on the page
 * (the header badge counts the units at once).
 */
export function AddToCart({
  locale,
  productId,
  stock,
}: {
  locale: Locale;
  productId: number;
  stock: number;
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher<CartActionData>();
  if (stock <= 0) return <p className="muted">{t("checkout:add.soldOut")}</p>;
  const busy = fetcher.state !== "idle";
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  return (
    <FetcherForm
      fetcher={fetcher}
      action={localePath(locale, "/cart")}
      className="add-to-cart"
      data-testid="add-to-cart"
      onSubmit={(event) => {
        if (busy) event.preventDefault();
      }}
    >
      <input type="hidden" name="intent" value="add" />
      <input type="hidden" name="productId" value={productId} />
      <label htmlFor="add-quantity">{t("checkout:add.quantity")}</label>
      <input
        id="add-quantity"
        name="quantity"
        type="number"
        inputMode="numeric"
        min={1}
        max={Math.min(stock, 99)}
        defaultValue={1}
        required
        className="add-to-cart__quantity"
      />
      {/* Not `disabled` while busy: a disabled button drops keyboard focus to the body. */}
      <button type="submit" className="button" aria-disabled={busy || undefined}>
        {busy ? t("checkout:add.adding") : t("checkout:add.submit")}
      </button>
      <p className="add-to-cart__status" role="status" aria-live="polite" data-testid="add-status">
        {result?.ok ? (
          <>
            {t("checkout:add.added")}{" "}
            <Link to={localePath(locale, "/cart")}>{t("checkout:add.viewCart")}</Link>
          </>
        ) : result && !result.ok ? (
          <span className="field__error">{cartErrorMessage(t, result)}</span>
        ) : null}
      </p>
    </FetcherForm>
  );
}
