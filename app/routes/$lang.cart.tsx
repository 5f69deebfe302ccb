import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useFetcher,
  useFetchers,
  useLoaderData,
  useSubmit,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { cartErrorMessage, type CartActionData } from "~/components/add-to-cart";
import { FetcherForm } from "~/components/fetcher-form";
import { DeliveryLines } from "~/components/delivery-estimate";
import { LocalizedTextView } from "~/components/localized-text";
import { Money } from "~/components/money";
import { Picture } from "~/components/picture";
import { foreignLocale, intlLocaleOf, type Locale } from "~/i18n/config";
import { formatMoney } from "~/i18n/format";
import { getFixedT } from "~/i18n/i18n.server";
import {
  addToCart,
  getCart,
  removeFromCart,
  setCartQuantity,
  type CartLine,
  type CartShop,
} from "~/models/cart.server";
import { CartActionSchema } from "~/forms/cart.server";
import { parseForm } from "~/utils/forms";
import { HOME_COUNTRY, lineTotal, MAX_LINE_QUANTITY, paymentOptions } from "~/models/pricing";
import { COUNTRIES, guessDestination } from "~/models/checkout-options";
import { cardPaymentsEnabled } from "~/services/payments/index.server";
import { cartCookieHeader, readCartId } from "~/utils/cart-cookie.server";
import { getUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { cachePolicy, requireLocale } from "~/utils/http.server";
import { privateHeaders } from "~/utils/private-headers";
import { seoMeta } from "~/utils/seo";
import { localePath } from "~/utils/urls";
import { readForm } from "~/utils/form-body.server";
import { deliveryByCooperative } from "~/models/delivery.server";
import { zonesForCountry, type DeliveryLine } from "~/models/delivery";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const cart = await getCart(db, await readCartId(request), locale);
  const t = getFixedT(locale);
  // Where the buyer ships decides how they can pay: said here, before the checkout form.
  const destination = guessDestination(
    new URL(request.url).searchParams.get("to"),
    locale === foreignLocale ? { acceptLanguage: request.headers.get("Accept-Language") } : null,
  );
  const names = new Intl.DisplayNames([intlLocaleOf(locale)], { type: "region" });
  const countries = COUNTRIES.map((code) => ({ code, name: names.of(code) ?? code }));
  // When each shop's parcel arrives at the destination (decision 020).
  const zones = zonesForCountry(destination);
  const estimates = await deliveryByCooperative(
    db,
    cart.shops.map((s) => s.cooperativeId),
    locale,
  );
  const delivery = Object.fromEntries(
    Object.entries(estimates).map(([id, lines]) => [id, lines.filter((l) => zones.includes(l.zone))]),
  );
  return data(
    {
      locale,
      cart,
      delivery,
      destination,
      countries,
      cardEnabled: cardPaymentsEnabled(),
      seo: { title: t("checkout:cart.metaTitle") },
    },
    { headers: { "Cache-Control": cachePolicy.none } },
  );
}

export const headers: HeadersFunction = privateHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  ...seoMeta(data?.seo),
  { name: "robots", content: "noindex" },
];

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const form = await readForm(request);
  const viaFetcher = form.get("_fetcher") === "1";
  const parsed = parseForm(CartActionSchema, form);
  const previous = await readCartId(request);
  if (!parsed.ok) {
    const intent = String(form.get("intent") ?? "");
    const id = Number(form.get("productId"));
    return data<CartActionData>(
      { ok: false, intent, productId: Number.isSafeInteger(id) ? id : undefined, error: "invalid" },
      { status: 400 },
    );
  }
  const input = parsed.data;
  let cartId = previous;
  if (input.intent === "remove") {
    await removeFromCart(db, { cartId, productId: input.productId });
  } else {
    const result =
      input.intent === "add"
        ? await addToCart(db, {
            cartId,
            productId: input.productId,
            quantity: input.quantity,
            userId: (await getUser(request))?.id ?? null,
          })
        : await setCartQuantity(db, { cartId, productId: input.productId, quantity: input.quantity });
    cartId = (result.ok ? result.cartId : result.error.cartId) ?? previous;
    if (!result.ok) {
      return data<CartActionData>(
        {
          ok: false,
          intent: input.intent,
          productId: input.productId,
          error: result.error.code,
          available: result.error.available,
        },
        { status: 409, headers: await cartCookieHeader(previous, cartId) },
      );
    }
  }
  const headers = await cartCookieHeader(previous, cartId);
  if (viaFetcher)
    return data<CartActionData>({ ok: true, intent: input.intent, productId: input.productId }, { headers });
  // Without JavaScript: back to the cart, which now shows the change (post/redirect/get).
  return redirect(localePath(locale, "/cart"), { headers });
}

/** Quantities being changed right now, by product: shown at once, before the server answers. */
function usePendingQuantities(): Map<number, number> {
  const pending = new Map<number, number>();
  for (const f of useFetchers()) {
    if (f.state === "idle" || !f.formData) continue;
    const intent = f.formData.get("intent");
    const id = Number(f.formData.get("productId"));
    if (intent === "remove") pending.set(id, 0);
    if (intent === "update") {
      const q = Number(f.formData.get("quantity"));
      if (Number.isSafeInteger(q) && q >= 0 && q <= MAX_LINE_QUANTITY) pending.set(id, q);
    }
  }
  return pending;
}

export default function CartRoute() {
  const { locale, cart, delivery, destination, countries, cardEnabled } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const pending = usePendingQuantities();
  const shops = cart.shops
    .map((shop) => {
      const lines = shop.lines
        .map((l) => {
          const quantity = pending.get(l.productId) ?? l.quantity;
          return { ...l, quantity, lineTotalCentimes: lineTotal(l.unitPriceCentimes, Math.max(quantity, 1)) };
        })
        .filter((l) => l.quantity > 0);
      return { ...shop, lines, subtotalCentimes: lines.reduce((s, l) => s + l.lineTotalCentimes, 0) };
    })
    .filter((s) => s.lines.length > 0);
  const subtotal = shops.reduce((s, shop) => s + shop.subtotalCentimes, 0);
  const hasProblems = shops.some((s) =>
    s.lines.some((l) => l.state === "unavailable" || l.quantity > l.available),
  );

  return (
    <section className="cart" aria-labelledby="cart-title">
      <h1 id="cart-title">{t("checkout:cart.title")}</h1>
      {actionData &&
      !actionData.ok &&
      !shops.some((s) => s.lines.some((l) => l.productId === actionData.productId)) ? (
        <p className="alert alert--error" role="alert" data-testid="cart-error">
          {cartErrorMessage(t, actionData)}
        </p>
      ) : null}
      {shops.length === 0 ? (
        <div className="empty">
          <p>{t("checkout:cart.empty")}</p>
          <p>
            <Link to={localePath(locale)}>{t("checkout:cart.browse")}</Link>
          </p>
        </div>
      ) : (
        <>
          {shops.map((shop) => (
            <ShopBlock
              key={shop.cooperativeId}
              shop={shop}
              locale={locale}
              actionData={actionData}
              delivery={delivery[shop.cooperativeId] ?? []}
            />
          ))}
          <div className="cart-summary" data-testid="cart-summary">
            <p className="cart-summary__row">
              <span>{t("checkout:cart.subtotal")}</span>
              <strong data-testid="cart-subtotal">
                <Money centimes={subtotal} currency={cart.currency} />
              </strong>
            </p>
            <p className="muted">{t("checkout:cart.shippingNote")}</p>
            <DestinationPayment
              destination={destination}
              countries={countries}
              cardEnabled={cardEnabled}
              allShopsAcceptCod={cart.allShopsAcceptCod}
            />
            {hasProblems ? (
              <p className="alert alert--warn" role="alert">
                {t("checkout:cart.fixFirst")}
              </p>
            ) : (
              <Link
                to={`${localePath(locale, "/checkout")}${destination === HOME_COUNTRY ? "" : `?country=${destination}`}`}
                className="button"
                data-testid="go-checkout"
              >
                {t("checkout:cart.checkout")}
              </Link>
            )}
          </div>
        </>
      )}
    </section>
  );
}

/**
 * The destination the cart assumes (a GET form: works without JavaScript) and how a buyer can
 * pay for it; when nothing serves it (cash on delivery is Morocco-only, card payment may be
 * off), says so now, and what would work, rather than after the whole checkout form.
 */
function DestinationPayment({
  destination,
  countries,
  cardEnabled,
  allShopsAcceptCod,
}: {
  destination: string;
  countries: { code: string; name: string }[];
  cardEnabled: boolean;
  allShopsAcceptCod: boolean;
}) {
  const { t } = useTranslation();
  const submit = useSubmit();
  const options = paymentOptions({ country: destination, allShopsAcceptCod, cardEnabled });
  const country = countries.find((c) => c.code === destination)?.name ?? destination;
  const methods = [
    options.card ? t("checkout:checkout.card") : null,
    options.cod ? t("checkout:checkout.cod") : null,
  ].filter(Boolean);
  return (
    <div className="cart-destination" data-testid="cart-destination">
      <Form method="get" className="cart-destination__form" preventScrollReset>
        <label htmlFor="cart-to">{t("checkout:cart.destination")}</label>
        <select
          id="cart-to"
          name="to"
          defaultValue={destination}
          key={destination}
          onChange={(e) => submit(e.currentTarget.form, { replace: true, preventScrollReset: true })}
        >
          {countries.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
        <button type="submit" className="button button--secondary">
          {t("checkout:cart.destinationApply")}
        </button>
      </Form>
      {methods.length > 0 ? (
        <p className="muted" data-testid="payment-for-destination">
          {t("checkout:cart.paysWith", { country, methods: methods.join(", ") })}
        </p>
      ) : (
        <div className="alert alert--warn" role="status" data-testid="abroad-payment-notice">
          <p>
            <strong>{t("checkout:cart.noPaymentFor", { country })}</strong>
          </p>
          <ul>
            {destination !== HOME_COUNTRY ? <li>{t("checkout:cart.whyCodMorocco")}</li> : null}
            {allShopsAcceptCod ? null : <li>{t("checkout:cart.whyCodShops")}</li>}
            {cardEnabled ? null : <li>{t("checkout:cart.whyNoCard")}</li>}
          </ul>
          <p>{allShopsAcceptCod ? t("checkout:cart.offerMorocco") : t("checkout:cart.offerNothing")}</p>
        </div>
      )}
    </div>
  );
}

function ShopBlock({
  shop,
  locale,
  actionData,
  delivery,
}: {
  shop: CartShop;
  locale: Locale;
  actionData?: CartActionData;
  delivery: DeliveryLine[];
}) {
  const { t } = useTranslation();
  const headingId = `shop-${shop.cooperativeId}`;
  return (
    <section
      className="cart-shop"
      aria-labelledby={headingId}
      data-testid="cart-shop"
      data-cooperative={shop.slug}
    >
      <header className="cart-shop__header">
        <h2 id={headingId}>
          <Link to={localePath(locale, `/cooperatives/${shop.slug}`)}>
            {t("checkout:cart.shopFrom", { cooperative: shop.name.text })}
          </Link>
        </h2>
        <p className="muted">
          {t("checkout:cart.processing", { count: shop.processingDays })} ·{" "}
          <span data-testid="shop-shipping">
            {t("checkout:cart.shippingMa", { fee: formatMoney(shop.shippingFeeMa, "MAD", locale) })}
          </span>{" "}
          · {t("checkout:cart.shippingIntl", { fee: formatMoney(shop.shippingFeeIntl, "MAD", locale) })}
          {shop.acceptsCod ? null : <> · {t("checkout:cart.noCod")}</>}
        </p>
        <DeliveryLines lines={delivery} />
      </header>
      <ul className="cart-lines">
        {shop.lines.map((line) => (
          <CartLineRow
            key={line.productId}
            line={line}
            locale={locale}
            actionData={actionData?.productId === line.productId ? actionData : undefined}
          />
        ))}
      </ul>
      <p className="cart-shop__subtotal">
        <span>{t("checkout:cart.shopSubtotal")}</span>{" "}
        <strong>
          <Money centimes={shop.subtotalCentimes} currency="MAD" />
        </strong>
      </p>
    </section>
  );
}

function CartLineRow({
  line,
  locale,
  actionData,
}: {
  line: CartLine;
  locale: Locale;
  actionData?: CartActionData;
}) {
  const { t } = useTranslation();
  const update = useFetcher<CartActionData>({ key: `cart-update-${line.productId}` });
  const remove = useFetcher<CartActionData>({ key: `cart-remove-${line.productId}` });
  const answer = (update.state === "idle" ? update.data : undefined) ?? actionData;
  const quantityId = `quantity-${line.productId}`;
  const problem =
    line.state === "unavailable"
      ? t("checkout:cart.unavailable")
      : line.quantity > line.available
        ? t("checkout:cart.insufficient", { count: line.available })
        : null;
  const action = localePath(locale, "/cart");
  return (
    <li
      className={`cart-line${problem ? " cart-line--problem" : ""}`}
      data-testid="cart-line"
      data-product={line.slug}
      data-state={problem ? (line.state === "unavailable" ? "unavailable" : "insufficient") : "ok"}
    >
      <div className="cart-line__image">
        {line.image ? (
          <Picture picture={line.image} sizes="96px" alt="" />
        ) : (
          <span className="product-card__image--empty" aria-hidden="true" />
        )}
      </div>
      <div className="cart-line__main">
        <h3 className="cart-line__title">
          <Link to={localePath(locale, `/products/${line.slug}`)}>
            <LocalizedTextView value={line.title} />
          </Link>
        </h3>
        <p className="muted">
          {t("checkout:cart.unitPrice")} <Money centimes={line.unitPriceCentimes} currency={line.currency} />
        </p>
        {problem ? (
          <p className="field__error" role="alert" data-testid="line-problem">
            {problem}
          </p>
        ) : null}
        {answer && !answer.ok ? (
          <p className="field__error" role="alert">
            {cartErrorMessage(t, answer)}
          </p>
        ) : null}
      </div>
      <FetcherForm fetcher={update} action={action} className="cart-line__quantity">
        <input type="hidden" name="intent" value="update" />
        <input type="hidden" name="productId" value={line.productId} />
        <label htmlFor={quantityId} className="visually-hidden">
          {t("checkout:cart.quantityOf", { title: line.title.text })}
        </label>
        <input
          id={quantityId}
          name="quantity"
          type="number"
          inputMode="numeric"
          min={0}
          max={MAX_LINE_QUANTITY}
          defaultValue={line.quantity}
          key={line.quantity}
          required
          data-testid="line-quantity"
        />
        <button type="submit" className="button button--secondary" data-testid="line-update">
          {t("checkout:cart.update")}
        </button>
      </FetcherForm>
      <p className="cart-line__total" data-testid="line-total">
        <Money centimes={line.lineTotalCentimes} currency={line.currency} />
      </p>
      <FetcherForm fetcher={remove} action={action} className="cart-line__remove">
        <input type="hidden" name="intent" value="remove" />
        <input type="hidden" name="productId" value={line.productId} />
        <button
          type="submit"
          className="cart-remove"
          aria-label={t("checkout:cart.removeItem", { title: line.title.text })}
          data-testid="line-remove"
        >
          {t("checkout:cart.remove")}
        </button>
      </FetcherForm>
    </li>
  );
}
