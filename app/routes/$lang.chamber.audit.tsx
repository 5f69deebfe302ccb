import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { dateText } from "~/i18n/format";
import { getFixedT } from "~/i18n/i18n.server";
import { DateTime } from "~/components/date-time";
import { browseAuditLog } from "~/models/chamber.server";
import { requireStaff } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { pageParam, requireLocale } from "~/utils/http.server";
import { seoMeta } from "~/utils/seo";

/** The audit log, read-only: the database itself refuses to change or delete an entry. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  await requireStaff(request, locale, "moderate");
  const url = new URL(request.url);
  const get = (k: string) => url.searchParams.get(k)?.trim() || undefined;
  const filters = { action: get("action"), entityType: get("entityType"), actor: get("actor"), from: get("from"), to: get("to") };
  const page = pageParam(url);
  const [log, t] = await Promise.all([browseAuditLog(db, { filters, page }), getFixedT(locale)]);
  const entries = log.entries.map((e) => ({ ...e, when: dateText(e.at, locale, { dateStyle: "short", timeStyle: "short" }) }));
  return { ...log, entries, filters, page, seo: { title: t("chamber:audit.metaTitle") } };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

export default function AuditLogPage() {
  const { entries, hasMore, filters, page } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const { pathname, search } = useLocation();
  const pageLink = (n: number) => {
    const params = new URLSearchParams(search);
    params.set("page", String(n));
    return `${pathname}?${params}`;
  };
  return (
    <section className="stack" aria-labelledby="audit-title">
      <h1 id="audit-title">{t("chamber:audit.title")}</h1>
      <Form method="get" className="form-grid">
        {(["action", "entityType", "actor"] as const).map((k) => (
          <div className="field" key={k}>
            <label htmlFor={`audit-${k}`}>{t(`chamber:audit.${k}`)}</label>
            <input id={`audit-${k}`} name={k} defaultValue={filters[k] ?? ""} dir="ltr" />
          </div>
        ))}
        <div className="field">
          <label htmlFor="audit-from">{t("chamber:audit.from")}</label>
          <input id="audit-from" name="from" type="date" defaultValue={filters.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{t("chamber:audit.to")}</label>
          <input id="audit-to" name="to" type="date" defaultValue={filters.to ?? ""} />
        </div>
        <button type="submit" className="button button--secondary">{t("sort.apply")}</button>
      </Form>
      <table className="data-table" data-testid="audit-table">
        <thead>
          <tr>
            <th scope="col">{t("chamber:audit.when")}</th>
            <th scope="col">{t("chamber:audit.actor")}</th>
            <th scope="col">{t("chamber:audit.action")}</th>
            <th scope="col">{t("chamber:audit.entity")}</th>
            <th scope="col">{t("chamber:audit.reason")}</th>
            <th scope="col">{t("chamber:audit.change")}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td><DateTime value={e.when} /></td>
              <td data-label={t("chamber:audit.actor")}><bdi>{e.actor}</bdi></td>
              <td data-label={t("chamber:audit.action")}><code dir="ltr">{e.action}</code></td>
              <td data-label={t("chamber:audit.entity")}><bdi dir="ltr">{e.entity}</bdi></td>
              <td data-label={t("chamber:audit.reason")}><bdi>{e.reason ?? ""}</bdi></td>
              <td data-label={t("chamber:audit.change")}><span dir="ltr"><code>{e.before}</code> → <code>{e.after}</code></span></td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav className="pagination" aria-label={t("pagination.label")}>
        {page > 1 ? <Link to={pageLink(page - 1)}>{t("pagination.previous")}</Link> : null}
        {hasMore ? <Link to={pageLink(page + 1)}>{t("pagination.next")}</Link> : null}
      </nav>
    </section>
  );
}
