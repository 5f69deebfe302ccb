import type {
  ActionFunctionArgs,
  HeadersFunction,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { CheckoutPolicyLinks } from "~/components/policy-links";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/form";
import { LocalizedTextView } from "~/components/localized-text";
import { Money } from "~/components/money";
import { intlLocaleOf } from "~/i18n/config";
import { getFixedT } from "~/i18n/i18n.server";
import { getCart } from "~/models/cart.server";
import { placeOrder, type CheckoutFailure } from "~/models/checkout.server";
import { getUser } from "~/utils/auth.server";
import {
  CHECKOUT_FIELDS,
  COUNTRIES,
  guessDestination,
  MOROCCAN_CITIES,
  type CheckoutField,
} from "~/models/checkout-options";
import { formatMoney } from "~/i18n/format";
import { CheckoutSchema } from "~/forms/checkout.server";
import { parseForm, type FieldErrors } from "~/utils/forms";
import { sendOrderMails } from "~/models/order-mail.server";
import {
  abandonCardOrder,
  attachCardSession,
  releaseExpiredOrders,
  repeatedCheckoutTarget,
} from "~/models/card-payments.server";
import { cartTotals, HOME_COUNTRY, paymentOptions, shippingFor } from "~/models/pricing";
import { cardPaymentsEnabled, paymentMethod as paymentMethodFor } from "~/services/payments/index.server";
import { readCartId } from "~/utils/cart-cookie.server";
import { db } from "~/utils/db.server";
import { publicOrigin } from "~/utils/env.server";
import { cachePolicy, requireLocale } from "~/utils/http.server";
import { privateHeaders } from "~/utils/private-headers";
import { seoMeta } from "~/utils/seo";
import { localePath } from "~/utils/urls";
import { logger } from "~/utils/logger.server";
import { readForm } from "~/utils/form-body.server";
import type { I18nHandle } from "~/i18n/namespaces";
import { fairDays } from "~/models/fair-dates";
import { pickupOptions } from "~/models/fairs.server";
import fairStyles from "~/styles/fairs.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: fairStyles }];
export const handle: I18nHandle = { i18n: ["fairs"] };
import { DeliveryLines } from "~/components/delivery-estimate";
import { deliveryByCooperative } from "~/models/delivery.server";
import { zonesForCountry } from "~/models/delivery";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const cart = await getCart(db, await readCartId(request), locale);
  const t = getFixedT(locale);
  const names = new Intl.DisplayNames([intlLocaleOf(locale)], { type: "region" });
  // Fairs where some of the cart's cooperatives have a stand: collect there (decision 021).
  const fairs = await pickupOptions(
    db,
    cart.shops.map((s) => s.cooperativeId),
    locale,
  );
  // Every zone's estimate: the page shows the chosen country's (decision 020).
  const delivery = await deliveryByCooperative(
    db,
    cart.shops.map((s) => s.cooperativeId),
    locale,
  );
  return data(
    {
      locale,
      cart,
      pickupFairs: fairs.map((f) => ({ ...f, days: fairDays(f.startsOn, f.endsOn, locale) })),
      delivery,
      cardEnabled: cardPaymentsEnabled(),
      countries: COUNTRIES.map((code) => ({ code, name: names.of(code) ?? code })),
      // The destination chosen in the cart, if any.
      initialCountry: guessDestination(new URL(request.url).searchParams.get("country")),
      seo: { title: t("checkout:checkout.metaTitle") },
    },
    { headers: { "Cache-Control": cachePolicy.none } },
  );
}

export const headers: HeadersFunction = privateHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  ...seoMeta(data?.seo),
  { name: "robots", content: "noindex" },
];

type Values = Partial<Record<CheckoutField, string>>;
type ActionResult = {
  values: Values;
  errors?: FieldErrors;
  failure?: CheckoutFailure | { code: "paymentUnavailable" };
};

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const form = await readForm(request);
  // Only the known fields are read: anything else (a price, a total…) is ignored.
  const values: Values = Object.fromEntries(CHECKOUT_FIELDS.map((f) => [f, String(form.get(f) ?? "")]));
  const parsed = parseForm(CheckoutSchema, form);
  if (!parsed.ok) return data<ActionResult>({ values, errors: parsed.errors }, { status: 400 });

  const cartId = await readCartId(request);
  if (!cartId) return data<ActionResult>({ values, failure: { code: "empty" } }, { status: 409 });
  // Stock held by abandoned card payments goes back on sale before it is counted.
  await releaseExpiredOrders(db);
  // Signed in, the order is the account's too (listed under "My orders").
  const user = await getUser(request);
  const origin = publicOrigin();
  const result = await placeOrder(db, {
    cartId,
    userId: user?.id ?? null,
    buyer: parsed.data,
    locale,
    cardEnabled: cardPaymentsEnabled(),
    // Cash on delivery is placed now: its mails are queued with it (a card order's once paid).
    inTransaction: async (tx, placed) => {
      if (placed.paymentMethod === "cod") await sendOrderMails(tx, placed.id, origin);
    },
  });
  if (!result.ok && result.error.code === "alreadyOrdered") {
    // The same cart posted again (a double click, a retrying proxy): where the first post went.
    const target = await repeatedCheckoutTarget(db, result.error.orderId);
    if (target.kind === "payment") return redirect(target.url);
    if (target.kind === "gone") return redirect(localePath(locale, "/checkout"));
    return redirect(localePath(locale, `/orders/${result.error.token}`));
  }
  if (!result.ok) return data<ActionResult>({ values, failure: result.error }, { status: 409 });

  const { order } = result;
  const t = getFixedT(locale);
  try {
    const started = await paymentMethodFor(order.paymentMethod).start(order, {
      origin,
      locale,
      shippingLabel: (cooperative) => t("checkout:checkout.shippingFor", { cooperative }),
    });
    if (started.kind === "redirect") {
      await attachCardSession(db, order.id, {
        id: started.sessionId,
        url: started.url,
        expiresAt: started.expiresAt,
      });
      return redirect(started.url);
    }
  } catch (error) {
    logger.error(
      { err: error, orderId: order.id, paymentMethod: order.paymentMethod },
      "checkout: could not start the payment",
    );
    await abandonCardOrder(db, order.id, cartId);
    return data<ActionResult>({ values, failure: { code: "paymentUnavailable" } }, { status: 502 });
  }
  // Cash on delivery: placed now (its mails were queued with it).
  return redirect(localePath(locale, `/orders/${order.token}`));
}

function failureMessage(
  t: (k: string, o?: Record<string, unknown>) => string,
  failure: NonNullable<ActionResult["failure"]>,
) {
  switch (failure.code) {
    case "unavailable":
      return t("checkout:errors.unavailable", { title: failure.title.text });
    case "soldOut":
      return t("checkout:errors.soldOut", { title: failure.title.text });
    case "stock":
      return t("checkout:errors.stock", {
        title: failure.title.text,
        count: failure.available,
        requested: failure.requested,
      });
    case "codAbroad":
      return t("checkout:errors.codAbroad");
    case "codShop":
      return t("checkout:errors.codShop", { shops: failure.shops.map((s) => s.text).join(", ") });
    case "cardDisabled":
      return t("checkout:errors.cardDisabled");
    case "pickupUnavailable":
      return t("fairs:errors.pickupUnavailable");
    case "addressNeeded":
      return t("fairs:errors.addressNeeded");
    case "paymentUnavailable":
      return t("checkout:checkout.paymentUnavailable");
    default:
      return t("checkout:errors.empty");
  }
}

export default function CheckoutRoute() {
  const { locale, cart, delivery, cardEnabled, countries, initialCountry, pickupFairs } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const values = result?.values ?? {};
  const errors = result?.errors ?? {};
  const [country, setCountry] = useState<string>(values.country || initialCountry);
  const [pickupFair, setPickupFair] = useState<string>(values.pickupFair ?? "");
  const pickup = pickupFairs.find((f) => String(f.id) === pickupFair);
  const atStand = new Set(pickup?.cooperatives.map((c) => c.id) ?? []);
  const shippedShops = cart.shops.filter((s) => !atStand.has(s.cooperativeId));
  // Paying at the stand is cash where the buyer stands: only shipped parts need COD's conditions.
  const allAtStand = shippedShops.length === 0;
  const options = allAtStand
    ? { card: cardEnabled, cod: true }
    : paymentOptions({ country, allShopsAcceptCod: shippedShops.every((s) => s.acceptsCod), cardEnabled });
  const codOffered = allAtStand || shippedShops.every((s) => s.acceptsCod);
  const defaultMethod =
    values.paymentMethod || (codOffered && country === HOME_COUNTRY ? "cod" : cardEnabled ? "card" : "cod");
  const [method, setMethod] = useState<string>(defaultMethod);
  const totals = cartTotals(
    cart.shops.map((s) =>
      atStand.has(s.cooperativeId) ? { ...s, shippingFeeMa: 0, shippingFeeIntl: 0 } : s,
    ),
    country,
  );
  const countryName = countries.find((c) => c.code === country)?.name ?? country;
  const submitting = navigation.state !== "idle" && navigation.formMethod?.toLowerCase() === "post";

  if (cart.shops.length === 0) {
    return (
      <section className="checkout" aria-labelledby="checkout-title">
        <h1 id="checkout-title">{t("checkout:checkout.title")}</h1>
        <div className="empty">
          <p>{t("checkout:checkout.emptyCart")}</p>
          <Link to={localePath(locale)}>{t("checkout:cart.browse")}</Link>
        </div>
      </section>
    );
  }

  const field = (
    name: CheckoutField,
    label: string,
    props: Omit<React.ComponentProps<typeof Field>, "name" | "label" | "errors" | "values"> = {},
  ) => <Field id={`checkout-${name}`} name={name} label={label} errors={errors} values={values} {...props} />;

  return (
    <section className="checkout" aria-labelledby="checkout-title">
      <h1 id="checkout-title">{t("checkout:checkout.title")}</h1>
      {result?.failure ? (
        <p className="alert alert--error" role="alert" data-testid="checkout-failure">
          {failureMessage(t, result.failure)}{" "}
          <Link to={localePath(locale, "/cart")}>{t("checkout:checkout.backToCart")}</Link>
        </p>
      ) : result?.errors ? (
        <p className="alert alert--error" role="alert">
          {t("checkout:checkout.formErrors")}
        </p>
      ) : null}
      {cart.hasProblems ? (
        <p className="alert alert--warn" role="alert">
          {t("checkout:cart.fixFirst")}{" "}
          <Link to={localePath(locale, "/cart")}>{t("checkout:checkout.backToCart")}</Link>
        </p>
      ) : null}
      <div className="checkout__layout">
        <Form method="post" className="checkout__form" noValidate data-testid="checkout-form">
          <fieldset>
            <legend>{t("checkout:checkout.contact")}</legend>
            {field("name", t("checkout:checkout.name"), { autoComplete: "name", required: true })}
            {field("email", t("checkout:checkout.email"), {
              type: "email",
              autoComplete: "email",
              required: true,
              dir: "ltr",
            })}
            {field("phone", t("checkout:checkout.phone"), {
              type: "tel",
              autoComplete: "tel",
              required: true,
              dir: "ltr",
              hint: t("checkout:checkout.phoneHint"),
            })}
          </fieldset>
          {pickupFairs.length > 0 ? (
            <fieldset data-testid="pickup-choice">
              <legend>{t("fairs:checkout.legend")}</legend>
              <div className="choice">
                <input
                  type="radio"
                  id="pickup-none"
                  name="pickupFair"
                  value=""
                  checked={pickupFair === ""}
                  onChange={() => setPickupFair("")}
                />
                <label htmlFor="pickup-none">{t("fairs:checkout.ship")}</label>
              </div>
              {pickupFairs.map((f) => {
                const here = cart.shops.filter((s) => f.cooperatives.some((c) => c.id === s.cooperativeId));
                return (
                  <div className="choice" key={f.id}>
                    <input
                      type="radio"
                      id={`pickup-${f.id}`}
                      name="pickupFair"
                      value={f.id}
                      checked={pickupFair === String(f.id)}
                      onChange={() => setPickupFair(String(f.id))}
                      aria-describedby={`pickup-${f.id}-hint`}
                      data-testid="pickup-option"
                    />
                    <label htmlFor={`pickup-${f.id}`}>
                      {t("fairs:checkout.collect", { fair: f.name.text })}
                    </label>
                    <p id={`pickup-${f.id}-hint`} className="field__hint">
                      {f.days} · {f.venue.text}, {f.city.text} ·{" "}
                      {here.length === cart.shops.length
                        ? t("fairs:checkout.allHere")
                        : t("fairs:checkout.someHere", {
                            shops: here.map((s) => s.name.text).join(", "),
                          })}
                    </p>
                  </div>
                );
              })}
              <p className="field__hint">{t("fairs:checkout.hint")}</p>
            </fieldset>
          ) : null}
          <fieldset>
            <legend>{t("checkout:checkout.address")}</legend>
            {allAtStand ? <p className="field__hint">{t("fairs:checkout.noAddress")}</p> : null}
            <div className={`field${errors.country ? " field--error" : ""}`}>
              <label htmlFor="checkout-country">{t("checkout:checkout.country")}</label>
              <select
                id="checkout-country"
                name="country"
                value={country}
                onChange={(e) => setCountry(e.target.value)}
                autoComplete="country"
                aria-invalid={errors.country ? true : undefined}
                aria-describedby={errors.country ? "checkout-country-error" : undefined}
              >
                {countries.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name}
                  </option>
                ))}
              </select>
              {errors.country ? (
                <p id="checkout-country-error" className="field__error" role="alert">
                  {t(errors.country)}
                </p>
              ) : null}
            </div>
            {field("city", t("checkout:checkout.city"), {
              autoComplete: "address-level2",
              required: !allAtStand,
              list: country === HOME_COUNTRY ? "moroccan-cities" : undefined,
            })}
            <datalist id="moroccan-cities">
              {MOROCCAN_CITIES.map((c) => (
                <option key={c} value={c} />
              ))}
            </datalist>
            {field("line1", t("checkout:checkout.line1"), {
              autoComplete: "address-line1",
              required: !allAtStand,
            })}
            {field("line2", t("checkout:checkout.line2"), { autoComplete: "address-line2" })}
            {field("postalCode", t("checkout:checkout.postalCode"), {
              autoComplete: "postal-code",
              dir: "ltr",
            })}
          </fieldset>
          <fieldset aria-describedby={errors.paymentMethod ? "checkout-payment-error" : undefined}>
            <legend>{t("checkout:checkout.payment")}</legend>
            {codOffered ? (
              <div className="choice">
                <input
                  type="radio"
                  id="pay-cod"
                  name="paymentMethod"
                  value="cod"
                  checked={method === "cod"}
                  onChange={() => setMethod("cod")}
                  disabled={!options.cod}
                  aria-describedby="pay-cod-hint"
                />
                <label htmlFor="pay-cod">
                  {allAtStand ? t("fairs:checkout.payAtStand") : t("checkout:checkout.cod")}
                </label>
                <p id="pay-cod-hint" className="field__hint">
                  {allAtStand
                    ? t("fairs:checkout.payAtStandHint")
                    : options.cod
                      ? t("checkout:checkout.codHint")
                      : t("checkout:checkout.codOnlyMorocco")}
                </p>
              </div>
            ) : (
              <p className="field__hint" data-testid="cod-unavailable">
                {t("checkout:checkout.codNotAllShops")}
              </p>
            )}
            {cardEnabled ? (
              <div className="choice">
                <input
                  type="radio"
                  id="pay-card"
                  name="paymentMethod"
                  value="card"
                  checked={method === "card"}
                  onChange={() => setMethod("card")}
                  aria-describedby="pay-card-hint"
                />
                <label htmlFor="pay-card">{t("checkout:checkout.card")}</label>
                <p id="pay-card-hint" className="field__hint">
                  {t("checkout:checkout.cardHint")}
                </p>
              </div>
            ) : (
              <p className="field__hint" data-testid="card-unavailable">
                {t("checkout:checkout.cardDisabled")}
              </p>
            )}
            {errors.paymentMethod ? (
              <p id="checkout-payment-error" className="field__error" role="alert">
                {t(errors.paymentMethod)}
              </p>
            ) : null}
          </fieldset>
          <CheckoutPolicyLinks locale={locale} />
          <button
            type="submit"
            className="button button--large"
            disabled={submitting}
            data-testid="place-order"
          >
            {submitting
              ? t("checkout:checkout.placing")
              : method === "card"
                ? t("checkout:checkout.submitCard")
                : t("checkout:checkout.submit")}
          </button>
        </Form>
        <aside className="checkout__summary" aria-labelledby="summary-title" data-testid="checkout-summary">
          <h2 id="summary-title">{t("checkout:checkout.summary")}</h2>
          {cart.shops.map((shop) => (
            <div key={shop.cooperativeId} className="summary-shop">
              <h3>
                <LocalizedTextView value={shop.name} />
              </h3>
              <ul>
                {shop.lines.map((l) => (
                  <li key={l.productId}>
                    <span>
                      <LocalizedTextView value={l.title} /> × {l.quantity}
                    </span>
                    <Money centimes={l.lineTotalCentimes} currency={l.currency} />
                  </li>
                ))}
                {atStand.has(shop.cooperativeId) ? (
                  <li className="muted" data-testid="summary-pickup">
                    <span>{t("fairs:checkout.collectAtStand")}</span>
                    <Money centimes={0} currency={cart.currency} />
                  </li>
                ) : (
                  <li className="muted">
                    <span>{t("checkout:order.shipping")}</span>
                    <Money centimes={shippingFor(shop, country)} currency={cart.currency} />
                  </li>
                )}
              </ul>
              <DeliveryLines
                lines={(delivery[shop.cooperativeId] ?? []).filter((l) =>
                  zonesForCountry(country).includes(l.zone),
                )}
              />
            </div>
          ))}
          <p className="summary-total">
            <span>{t("checkout:checkout.total")}</span>
            <strong data-testid="checkout-total">
              <Money centimes={totals.totalCentimes} currency={cart.currency} />
            </strong>
          </p>
          <p className="muted">{t("checkout:checkout.totalsFor", { country: countryName })}</p>
          <p className="charged-in-mad" data-testid="charged-in-mad">
            {t("checkout:checkout.chargedInMad", {
              total: formatMoney(totals.totalCentimes, cart.currency, locale),
            })}
          </p>
        </aside>
      </div>
    </section>
  );
}
