import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Pagination } from "~/components/pagination";
import { translateWithNodes } from "~/components/rich-text";
import { getFixedT } from "~/i18n/i18n.server";
import { DateTime } from "~/components/date-time";
import { dateText } from "~/i18n/format";
import { auditActionKey, auditActions } from "~/models/audit-options";
import {
  auditFilterOptions,
  browseAuditLog,
  parseAuditFilters,
  type AuditEntryView,
} from "~/models/audit.server";
import { requireStaff } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { pageParam, requireLocale } from "~/utils/http.server";
import { seoMeta } from "~/utils/seo";

/** The audit log, read-only: the database itself refuses to change or delete an entry. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  await requireStaff(request, locale, "moderate");
  const url = new URL(request.url);
  const filters = parseAuditFilters(url.searchParams);
  const [log, options] = await Promise.all([
    browseAuditLog(db, { filters, page: pageParam(url), locale }),
    auditFilterOptions(db, locale),
  ]);
  const t = getFixedT(locale);
  // Dates written here: the browser's time-zone data may disagree with the server's and break hydration.
  const entries = log.entries.map((e) => ({
    ...e,
    when: dateText(e.at, locale, { dateStyle: "medium", timeStyle: "short" }),
  }));
  return { ...log, entries, options, filters, seo: { title: t("chamber:audit.metaTitle") } };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

/** One entry as a sentence: who did what to which object (a link to it), and why. */
function Sentence({ entry }: { entry: AuditEntryView }) {
  const { t } = useTranslation();
  const object = entry.object.href ? (
    <Link to={entry.object.href} lang={entry.object.lang} data-testid="audit-object">
      {entry.object.text}
    </Link>
  ) : (
    <span lang={entry.object.lang}>{entry.object.text}</span>
  );
  const key = entry.known
    ? `chamber:auditLog.actions.${auditActionKey(entry.action)}`
    : "chamber:auditLog.unknown";
  return (
    <p className="audit-entry__sentence" data-testid="audit-sentence">
      {translateWithNodes(
        t,
        key,
        { ...entry.values, actor: entry.actor ?? t("chamber:auditLog.system"), action: entry.action },
        { object },
      )}
      {entry.reason ? t("chamber:auditLog.reason", { reason: entry.reason }) : null}
    </p>
  );
}

export default function AuditLogPage() {
  const { entries, total, page, pageCount, options, filters } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="stack" aria-labelledby="audit-title">
      <h1 id="audit-title">{t("chamber:audit.title")}</h1>
      <Form method="get" className="filters-form" data-testid="audit-filters">
        <div className="field">
          <label htmlFor="audit-action">{t("chamber:audit.action")}</label>
          <select id="audit-action" name="action" defaultValue={filters.action ?? ""}>
            <option value="">{t("chamber:auditLog.any")}</option>
            {auditActions.map((a) => (
              <option key={a} value={a}>
                {t(`chamber:auditLog.labels.${auditActionKey(a)}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-actor">{t("chamber:audit.actor")}</label>
          <select id="audit-actor" name="actor" defaultValue={filters.actorId ?? ""}>
            <option value="">{t("chamber:auditLog.anyone")}</option>
            {options.people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-cooperative">{t("chamber:auditLog.cooperative")}</label>
          <select id="audit-cooperative" name="cooperative" defaultValue={filters.cooperativeId ?? ""}>
            <option value="">{t("chamber:auditLog.any")}</option>
            {options.cooperatives.map((c) => (
              <option key={c.id} value={c.id} lang={c.name.fallback ? c.name.lang : undefined}>
                {c.name.text}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-from">{t("chamber:audit.from")}</label>
          <input id="audit-from" name="from" type="date" defaultValue={filters.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{t("chamber:audit.to")}</label>
          <input id="audit-to" name="to" type="date" defaultValue={filters.to ?? ""} />
        </div>
        <button type="submit" className="button button--secondary">
          {t("sort.apply")}
        </button>
      </Form>
      <p className="muted" data-testid="audit-total">
        {t("chamber:auditLog.total", { count: total })}
      </p>
      {entries.length === 0 ? (
        <p className="empty">{t("chamber:auditLog.empty")}</p>
      ) : (
        <ol className="audit-list" data-testid="audit-list">
          {entries.map((e) => (
            <li key={e.id} className="audit-entry" data-testid="audit-entry" data-action={e.action}>
              <Sentence entry={e} />
              <p className="audit-entry__when">
                <DateTime value={e.when} />
              </p>
            </li>
          ))}
        </ol>
      )}
      <Pagination page={page} pageCount={pageCount} />
    </section>
  );
}
