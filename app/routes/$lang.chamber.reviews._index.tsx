import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ClientLoaderFunctionArgs } from "@remix-run/react";
import { ensureNamespaces, type I18nHandle } from "~/i18n/namespaces";
import { FilterSelect } from "~/components/form";
import { LocalizedTextView } from "~/components/localized-text";
import { dateText } from "~/i18n/format";
import { getFixedT } from "~/i18n/i18n.server";
import { DateTime } from "~/components/date-time";
import { formatAge } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { listCraftLinks } from "~/models/catalogue.server";
import { listCooperativeOptions, listProvinceOptions } from "~/models/cooperatives.server";
import { REVIEW_LATE_AFTER_HOURS, reviewQueue } from "~/models/moderation.server";
import { requireStaff } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { requireLocale } from "~/utils/http.server";
import { seoMeta } from "~/utils/seo";
import { localePath } from "~/utils/urls";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  await requireStaff(request, locale, "moderate");
  const search = new URL(request.url).searchParams;
  const filters = {
    craft: search.get("craft") || undefined,
    province: search.get("province") || undefined,
    cooperative: search.get("cooperative") || undefined,
  };
  const [queue, crafts, provinces, cooperatives] = await Promise.all([
    reviewQueue(db, { locale, filters }),
    listCraftLinks(db, locale),
    listProvinceOptions(db, locale),
    listCooperativeOptions(db, locale),
  ]);
  const t = getFixedT(locale);
  // Dates and ages written here: the browser's time-zone data may disagree with the server's.
  const dated = queue.map((item) => ({
    ...item,
    submitted: dateText(item.submittedAt, locale, { dateStyle: "medium", timeStyle: "short" }),
    age: item.waitingMinutes === null ? null : formatAge(item.waitingMinutes, locale),
    late: item.waitingMinutes !== null && item.waitingMinutes >= REVIEW_LATE_AFTER_HOURS * 60,
  }));
  return {
    queue: dated,
    crafts,
    provinces,
    cooperatives,
    filters,
    seo: { title: t("chamber:reviews.metaTitle") },
  };
}

// Buyers' reviews and cooperatives' answers share the queue (decision 019).
export const handle: I18nHandle = { i18n: ["trust"] };

export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  const [data] = await Promise.all([serverLoader<typeof loader>(), ensureNamespaces(handle.i18n ?? [])]);
  return data;
}

function queueItemPath(item: { kind: string; id: number }) {
  return item.kind === "review" || item.kind === "reply"
    ? `/chamber/reviews/buyer/${item.id}`
    : `/chamber/reviews/${item.kind}/${item.id}`;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

export default function ReviewQueue() {
  const { queue, crafts, provinces, cooperatives, filters } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <section className="stack" aria-labelledby="queue-title">
      <h1 id="queue-title">{t("chamber:reviews.title", { count: queue.length })}</h1>
      <p className="muted">{t("chamber:reviews.oldestFirst")}</p>
      <Form method="get" className="toolbar">
        <FilterSelect
          id="filter-craft"
          name="craft"
          label={t("chamber:reviews.craft")}
          allLabel={t("chamber:reviews.all")}
          options={crafts.map((x) => ({ value: x.slug, label: x.name.text }))}
          value={filters.craft}
        />
        <FilterSelect
          id="filter-province"
          name="province"
          label={t("chamber:reviews.province")}
          allLabel={t("chamber:reviews.all")}
          options={provinces.map((x) => ({ value: x.slug, label: x.name.text }))}
          value={filters.province}
        />
        <FilterSelect
          id="filter-cooperative"
          name="cooperative"
          label={t("chamber:reviews.cooperative")}
          allLabel={t("chamber:reviews.all")}
          options={cooperatives.map((x) => ({ value: x.slug, label: x.name.text }))}
          value={filters.cooperative}
        />
        <button type="submit" className="button button--secondary">
          {t("sort.apply")}
        </button>
      </Form>
      {queue.length === 0 ? (
        <p className="empty">{t("chamber:reviews.empty")}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("chamber:reviews.submission")}</th>
              <th scope="col">{t("chamber:reviews.cooperative")}</th>
              <th scope="col">{t("chamber:reviews.craft")}</th>
              <th scope="col">{t("chamber:reviews.submitted")}</th>
              <th scope="col">{t("chamber:reviews.waiting")}</th>
            </tr>
          </thead>
          <tbody>
            {queue.map((item) => (
              <tr key={`${item.kind}-${item.id}`} data-testid="queue-row">
                <td>
                  <Link to={localePath(locale, queueItemPath(item))}>
                    <LocalizedTextView value={item.title} />
                  </Link>{" "}
                  <span className="badge">
                    {item.kind === "review" || item.kind === "reply"
                      ? t(`trust:chamber.kind.${item.kind}`)
                      : t(`chamber:reviews.kind.${item.kind}`)}
                  </span>
                </td>
                <td data-label={t("chamber:reviews.cooperative")}>
                  <LocalizedTextView value={item.cooperative} /> · <LocalizedTextView value={item.province} />
                </td>
                <td data-label={t("chamber:reviews.craft")}>
                  <LocalizedTextView value={item.craft} />
                </td>
                <td data-label={t("chamber:reviews.submitted")}>
                  <DateTime value={item.submitted} />
                </td>
                <td data-label={t("chamber:reviews.waiting")} data-testid="queue-age">
                  {item.age ?? <span className="muted">{t("common.dateUnknown")}</span>}
                  {item.late ? (
                    <>
                      {" "}
                      <span className="badge badge--late">{t("chamber:reviews.late")}</span>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
