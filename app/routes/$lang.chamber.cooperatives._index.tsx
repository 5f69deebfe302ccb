import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LocalizedTextView } from "~/components/localized-text";
import { getFixedT } from "~/i18n/i18n.server";
import { dateText } from "~/i18n/format";
import { DateTime } from "~/components/date-time";
import { useLocale } from "~/i18n/use-locale";
import { listApplications, listCooperativesForStaff } from "~/models/chamber.server";
import { requireStaff } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { requireLocale } from "~/utils/http.server";
import { seoMeta } from "~/utils/seo";
import { localePath } from "~/utils/urls";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  await requireStaff(request, locale, "moderate");
  const [cooperatives, applications] = await Promise.all([
    listCooperativesForStaff(db, locale),
    listApplications(db, "pending"),
  ]);
  const t = getFixedT(locale);
  return {
    cooperatives,
    applications: applications.map((a) => ({
      ...a,
      received: dateText(a.createdAt, locale, { dateStyle: "medium" }),
    })),
    seo: { title: t("chamber:cooperatives.metaTitle") },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

export default function ChamberCooperatives() {
  const { cooperatives, applications } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <div className="stack">
      <section aria-labelledby="applications-title" className="stack">
        <h1 id="applications-title">{t("chamber:applications.title")}</h1>
        {applications.length === 0 ? (
          <p className="muted">{t("chamber:applications.none")}</p>
        ) : (
          <ul className="plain-list" data-testid="applications">
            {applications.map((a) => (
              <li key={a.id}>
                <Link to={localePath(locale, `/chamber/applications/${a.id}`)}>{a.name}</Link> —{" "}
                {a.registrationNumber} · <DateTime value={a.received} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="coops-title" className="stack">
        <h2 id="coops-title">{t("chamber:cooperatives.title")}</h2>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("chamber:cooperatives.name")}</th>
              <th scope="col">{t("chamber:reviews.province")}</th>
              <th scope="col">{t("chamber:cooperatives.status")}</th>
            </tr>
          </thead>
          <tbody>
            {cooperatives.map((c) => (
              <tr key={c.id} data-testid="coop-row">
                <td>
                  <Link to={localePath(locale, `/chamber/cooperatives/${c.id}`)}>
                    <LocalizedTextView value={c.name} />
                  </Link>
                </td>
                <td data-label={t("chamber:reviews.province")}>
                  <LocalizedTextView value={c.province} />
                </td>
                <td data-label={t("chamber:cooperatives.status")}>{t(`shop:coopStatus.${c.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
