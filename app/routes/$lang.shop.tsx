import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, NavLink, Outlet, useLoaderData } from "@remix-run/react";
import type { ClientLoaderFunctionArgs } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LocalizedTextView } from "~/components/localized-text";
import { TabRow } from "~/components/tab-row";
import { pickLocalized } from "~/i18n/localized";
import { ensureNamespaces, type I18nHandle } from "~/i18n/namespaces";
import { useLocale } from "~/i18n/use-locale";
import { getShopSummary } from "~/models/cooperatives.server";
import { shopOrdersToDo } from "~/models/fulfilment.server";
import { requireCooperativeMember } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { notFound, requireLocale } from "~/utils/http.server";
import { memberCan } from "~/utils/permissions";
import { localePath } from "~/utils/urls";

/** The back office of the signed-in member's active cooperative. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const { user, cooperativeId, role } = await requireCooperativeMember(request, locale, "listings");
  const [shop, orders] = await Promise.all([
    getShopSummary(db, cooperativeId, locale),
    memberCan(role, "orders") ? shopOrdersToDo(db, cooperativeId) : null,
  ]);
  if (!shop) notFound();
  return {
    shop,
    role,
    /** Orders to confirm or to ship: the count on the orders tab. */
    ordersWaiting: orders ? orders.toConfirm.count + orders.toShip.count : 0,
    cooperatives: user.memberships.map((m) => ({
      id: m.cooperativeId,
      name: pickLocalized(m.name, locale),
      active: m.cooperativeId === cooperativeId,
    })),
  };
}

export const handle: I18nHandle = { i18n: ["shop", "fulfilment", "chamber", "fairs", "trust", "trustadmin"] };

/** Client-side navigations into this part of the site bring its strings first. */
export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  const [data] = await Promise.all([serverLoader<typeof loader>(), ensureNamespaces(handle.i18n ?? [])]);
  return data;
}

export default function ShopLayout() {
  const { shop, role, cooperatives, ordersWaiting } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const link = (path: string) => localePath(locale, `/shop${path}`);
  return (
    <div className="back-office">
      <header className="back-office__header">
        <p className="eyebrow">{t("shop:title")}</p>
        <h1 className="back-office__name">
          <LocalizedTextView value={shop.name} />
        </h1>
        {shop.status !== "verified" ? <p className="badge">{t(`shop:coopStatus.${shop.status}`)}</p> : null}
        {cooperatives.length > 1 ? (
          <Form method="post" action={link("/switch")} className="toolbar">
            <label htmlFor="switch-cooperative">{t("shop:switch.label")}</label>
            <select
              id="switch-cooperative"
              name="cooperativeId"
              defaultValue={cooperatives.find((c) => c.active)?.id}
            >
              {cooperatives.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name.text}
                </option>
              ))}
            </select>
            <button type="submit" className="button button--secondary">
              {t("shop:switch.submit")}
            </button>
          </Form>
        ) : null}
        <TabRow label={t("shop:nav.label")}>
          <NavLink to={link("")} end>
            {t("shop:nav.dashboard")}
          </NavLink>
          <NavLink to={link("/listings")}>{t("shop:nav.listings")}</NavLink>
          <NavLink to={link("/reviews")}>{t("trust:shop.nav")}</NavLink>
          {memberCan(role, "orders") ? (
            <NavLink to={link("/orders")}>
              {t("shop:nav.orders")}{" "}
              {ordersWaiting > 0 ? (
                <>
                  <span className="badge" data-testid="orders-badge" aria-hidden="true">
                    {ordersWaiting}
                  </span>
                  <span className="visually-hidden">{t("shop:nav.ordersWaiting", { n: ordersWaiting })}</span>
                </>
              ) : null}
            </NavLink>
          ) : null}
          {memberCan(role, "orders") ? (
            <NavLink to={link("/statement")}>{t("shop:nav.statement")}</NavLink>
          ) : null}
          {memberCan(role, "profile") ? (
            <NavLink to={link("/profile")}>{t("shop:nav.profile")}</NavLink>
          ) : null}
          {memberCan(role, "members") ? (
            <NavLink to={link("/members")}>{t("shop:nav.members")}</NavLink>
          ) : null}
          {memberCan(role, "profile") ? <NavLink to={link("/fairs")}>{t("fairs:nav")}</NavLink> : null}
        </TabRow>
      </header>
      <Outlet />
    </div>
  );
}
