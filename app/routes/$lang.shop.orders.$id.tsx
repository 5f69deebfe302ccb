import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/form";
import { JoinedText } from "~/components/joined-text";
import { OrderLinesTable } from "~/components/order-lines";
import { Money } from "~/components/money";
import { RefundNote } from "~/components/refund-note";
import { formatMoney, formatNumber } from "~/i18n/format";
import { getFixedT } from "~/i18n/i18n.server";
import { useLocale } from "~/i18n/use-locale";
import { FulfilmentSchema } from "~/forms/fulfilment.server";
import { sendShopOrderUpdateMail } from "~/models/order-mail.server";
import { fulfilShopOrder, getShopOrder } from "~/models/fulfilment.server";
import { sendRefundsWaitingBriefly } from "~/models/refunds.server";
import { requireCooperativeMember } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { publicOrigin } from "~/utils/env.server";
import { formValues, parseForm } from "~/utils/forms";
import { notFound, requireId, requireLocale } from "~/utils/http.server";
import { seoMeta } from "~/utils/seo";
import { localePath } from "~/utils/urls";
import { readForm } from "~/utils/form-body.server";
import { HandoverForm, PickupNote } from "~/components/pickup";

function shopOrderId(params: { id?: string }): number {
  const id = requireId(params.id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  return id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const { cooperativeId } = await requireCooperativeMember(request, locale, "orders");
  const order = await getShopOrder(db, { cooperativeId, shopOrderId: shopOrderId(params), locale });
  // Another cooperative's order does not exist, as far as this one can tell.
  if (!order) notFound();
  const t = getFixedT(locale);
  return {
    order,
    rate: formatNumber(order.commissionRateBp / 10_000, locale, {
      style: "percent",
      maximumFractionDigits: 2,
    }),
    seo: { title: t("fulfilment:detailMeta", { number: order.reference }) },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

type ActionResult = { errors: Record<string, string>; values: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const { cooperativeId, user } = await requireCooperativeMember(request, locale, "orders");
  const id = shopOrderId(params);
  const form = await readForm(request);
  const parsed = parseForm(FulfilmentSchema, form);
  if (!parsed.ok)
    return data<ActionResult>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const values = formValues(form);
  const input = parsed.data;
  const step =
    input.intent === "ship"
      ? { action: "ship" as const, carrier: input.carrier, trackingNumber: input.trackingNumber }
      : input.intent === "cancel"
        ? { action: "cancel" as const, reason: input.reason }
        : input.intent === "handover"
          ? { action: "handover" as const, code: input.code }
          : { action: input.intent };
  // Shipping and cancelling mail the buyer here; a delivery (shipped or handed over at a
  // stand) mails its review links from the model's one way to deliver.
  const buyerMail =
    step.action === "ship" || step.action === "cancel" ? { shopOrderId: id, action: step.action } : null;
  const origin = publicOrigin();
  // The buyer's mail is queued with the step (decision 009), unless it must tell what Stripe
  // answered about a refund: then it is queued once that answer is in.
  const result = await fulfilShopOrder(
    db,
    { cooperativeId, shopOrderId: id, actorUserId: user.id, origin, ...step },
    async (tx, done) => {
      if (buyerMail && !done.refundDue)
        await sendShopOrderUpdateMail(tx, { orderId: done.orderId, ...buyerMail }, origin);
    },
  );
  if (!result.ok) {
    if (result.error === "notFound") notFound();
    if (result.error === "wrongCode")
      return data<ActionResult>({ errors: { code: "fairs:errors.wrongCode" }, values }, { status: 400 });
    return data<ActionResult>({ errors: { form: "fulfilment:errors.wrongStatus" }, values }, { status: 409 });
  }
  if (result.refundDue) {
    await sendRefundsWaitingBriefly(db, result.orderId);
    if (buyerMail) await sendShopOrderUpdateMail(db, { orderId: result.orderId, ...buyerMail }, origin);
  }
  // Handed over from the list of a fair's orders: back to that list.
  if (step.action === "handover" && values.back === "list")
    return redirect(`${localePath(locale, "/shop/orders")}?handedOver=${id}`);
  return redirect(localePath(locale, `/shop/orders/${id}`));
}

export default function ShopOrderRoute() {
  const { order, rate } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  const errors = result?.errors ?? {};
  const values = result?.values ?? {};
  const cod = order.paymentMethod === "cod";
  return (
    <section
      aria-labelledby="shop-order-title"
      className="stack"
      data-testid="shop-order-detail"
      data-status={order.status}
    >
      <p>
        <Link to={localePath(locale, "/shop/orders")}>{t("fulfilment:back")}</Link>
      </p>
      <h2 id="shop-order-title">{t("fulfilment:detailTitle", { number: order.reference })}</h2>
      <p className="order-status" data-testid="fulfilment-status">
        {t(`checkout:order.status.${order.status}`)} ·{" "}
        {t(`checkout:order.paymentStatus.${order.paymentStatus}`)}
      </p>
      {errors.form ? (
        <p className="form-error" role="alert">
          {t(errors.form)}
        </p>
      ) : null}
      <dl className="order-facts">
        <div>
          <dt>{t("fulfilment:buyer")}</dt>
          <dd>
            <bdi>{order.buyerName}</bdi>
          </dd>
        </div>
        <div>
          <dt>{t("fulfilment:phone")}</dt>
          <dd>
            <bdi dir="ltr">{order.buyerPhone}</bdi>
          </dd>
        </div>
        <div>
          <dt>{t("fulfilment:address")}</dt>
          <dd>
            <JoinedText parts={[order.address.line1, order.address.line2, order.address.city]} /> (
            <bdi dir="ltr">{order.address.country}</bdi>)
          </dd>
        </div>
      </dl>
      {order.refund ? (
        <RefundNote refund={order.refund} currency={order.currency} audience="cooperative" />
      ) : null}
      <OrderLinesTable lines={order.lines} currency={order.currency} />
      <dl className="order-facts" aria-label={t("fulfilment:ledger")}>
        <div>
          <dt>{t("fulfilment:gross")}</dt>
          <dd>
            <Money centimes={order.subtotalCentimes} currency={order.currency} />
          </dd>
        </div>
        <div>
          <dt>{t("fulfilment:shipping")}</dt>
          <dd>
            <Money centimes={order.shippingCentimes} currency={order.currency} />
          </dd>
        </div>
        <div>
          <dt>{t("fulfilment:commission", { rate })}</dt>
          <dd>
            <Money centimes={order.commissionCentimes} currency={order.currency} />
          </dd>
        </div>
        <div>
          <dt>{t("fulfilment:net")}</dt>
          <dd data-testid="net">
            <Money centimes={order.netCentimes} currency={order.currency} />
          </dd>
        </div>
      </dl>
      {order.status === "pending" ? (
        <Form method="post">
          {cod ? <p className="field__hint">{t("fulfilment:codCall")}</p> : null}
          <input type="hidden" name="intent" value="confirm" />
          <button type="submit" className="button" data-testid="confirm">
            {cod ? t("fulfilment:confirmCod") : t("fulfilment:confirm")}
          </button>
        </Form>
      ) : null}
      {order.pickup ? <PickupNote pickup={order.pickup} audience="cooperative" /> : null}
      {order.pickup && (order.status === "pending" || order.status === "confirmed") ? (
        <HandoverForm error={errors.code} value={values.code} />
      ) : null}
      {order.status === "confirmed" && !order.pickup ? (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="ship" />
          <Field
            id="carrier"
            name="carrier"
            label={t("fulfilment:carrier")}
            errors={errors}
            values={values}
          />
          <Field
            id="trackingNumber"
            name="trackingNumber"
            label={t("fulfilment:tracking")}
            dir="ltr"
            errors={errors}
            values={values}
          />
          <button type="submit" className="button" data-testid="ship">
            {t("fulfilment:ship")}
          </button>
        </Form>
      ) : null}
      {order.status === "shipped" ? (
        <Form method="post">
          <input type="hidden" name="intent" value="deliver" />
          <button type="submit" className="button" data-testid="deliver">
            {cod ? t("fulfilment:deliverCod") : t("fulfilment:deliver")}
          </button>
        </Form>
      ) : null}
      {order.status === "pending" || order.status === "confirmed" ? (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="cancel" />
          <Field
            id="reason"
            name="reason"
            label={t("fulfilment:reason")}
            multiline
            rows={2}
            errors={errors}
            values={values}
          />
          {order.paymentStatus === "paid" ? (
            <p className="field__hint" data-testid="cancel-refund-hint">
              {t("fulfilment:cancelRefunds", {
                amount: formatMoney(order.subtotalCentimes + order.shippingCentimes, order.currency, locale),
              })}
            </p>
          ) : null}
          <button type="submit" className="button button--danger" data-testid="cancel">
            {t("fulfilment:cancel")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
