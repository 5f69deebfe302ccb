import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import type { ClientLoaderFunctionArgs } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TabRow } from "~/components/tab-row";
import { ensureNamespaces, type I18nHandle } from "~/i18n/namespaces";
import { useLocale } from "~/i18n/use-locale";
import { chamberCounts } from "~/models/chamber.server";
import { requireStaff } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { requireLocale } from "~/utils/http.server";
import { staffCan } from "~/utils/permissions";
import { localePath } from "~/utils/urls";

/** Moderation and oversight: chamber staff only. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const staff = await requireStaff(request, locale, "moderate");
  return { counts: await chamberCounts(db), role: staff.staffRole };
}

export const handle: I18nHandle = { i18n: ["chamber", "shop", "fulfilment", "fairs", "trust", "trustadmin"] };

/** Client-side navigations into this part of the site bring its strings first. */
export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  const [data] = await Promise.all([serverLoader<typeof loader>(), ensureNamespaces(handle.i18n ?? [])]);
  return data;
}

export default function ChamberLayout() {
  const { counts, role } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  const link = (path: string) => localePath(locale, `/chamber${path}`);
  const count = (n: number, label: string) =>
    n > 0 ? (
      <span className="badge" aria-label={t("chamber:nav.waiting", { count: n, label })}>
        {n}
      </span>
    ) : null;
  return (
    <div className="back-office">
      <header className="back-office__header">
        <p className="eyebrow">{t("chamber:title")}</p>
        <TabRow label={t("chamber:nav.label")}>
          <NavLink to={link("")} end>
            {t("chamber:nav.dashboard")}
          </NavLink>
          <NavLink to={link("/reviews")}>
            {t("chamber:nav.reviews")} {count(counts.reviews, t("chamber:nav.reviews"))}
          </NavLink>
          <NavLink to={link("/cooperatives")}>
            {t("chamber:nav.cooperatives")} {count(counts.applications, t("chamber:nav.cooperatives"))}
          </NavLink>
          <NavLink to={link("/reports")}>
            {t("chamber:nav.reports")} {count(counts.reports, t("chamber:nav.reports"))}
          </NavLink>
          <NavLink to={link("/payouts")}>
            {t("chamber:nav.payouts")} {count(counts.refunds, t("chamber:refunds.title"))}
          </NavLink>
          <NavLink to={link("/fairs")}>{t("fairs:nav")}</NavLink>
          <NavLink to={link("/audit")}>{t("chamber:nav.audit")}</NavLink>
          <NavLink to={link("/invitations")}>{t("chamber:nav.invitations")}</NavLink>
          {staffCan(role, "administer") ? (
            <NavLink to={link("/crafts")}>{t("chamber:nav.crafts")}</NavLink>
          ) : null}
          {staffCan(role, "administer") ? (
            <NavLink to={link("/policies")}>{t("trust:policies.admin.nav")}</NavLink>
          ) : null}
          {staffCan(role, "administer") ? (
            <NavLink to={link("/settings")}>{t("chamber:nav.settings")}</NavLink>
          ) : null}
          {staffCan(role, "administer") ? (
            <NavLink to={link("/holidays")}>{t("trustadmin:holidays.nav")}</NavLink>
          ) : null}
        </TabRow>
      </header>
      <Outlet />
    </div>
  );
}
