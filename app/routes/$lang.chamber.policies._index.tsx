import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { dateText } from "~/i18n/format";
import { getFixedT } from "~/i18n/i18n.server";
import { useLocale } from "~/i18n/use-locale";
import { listPolicies } from "~/models/policies.server";
import { requireStaff } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { requireLocale } from "~/utils/http.server";
import { seoMeta } from "~/utils/seo";
import { localePath } from "~/utils/urls";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  await requireStaff(request, locale, "administer");
  const policies = await listPolicies(db, locale);
  const t = getFixedT(locale);
  return {
    policies: policies.map((p) => ({ ...p, updated: dateText(p.updatedAt, locale) })),
    seo: { title: t("trust:policies.admin.metaTitle") },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

export default function ChamberPolicies() {
  const { policies } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <section className="stack" aria-labelledby="policies-title">
      <h1 id="policies-title">{t("trust:policies.admin.title")}</h1>
      <p className="muted">{t("trust:policies.admin.intro")}</p>
      {search.get("saved") ? (
        <p className="notice" role="status">
          {t("trust:policies.admin.saved")}
        </p>
      ) : null}
      <ul className="stack policy-list">
        {policies.map((p) => (
          <li key={p.slug} className="policy-list__item" data-testid="policy-row">
            <strong lang={p.title.lang}>{p.title.text}</strong>{" "}
            <span className="muted">
              {p.updated
                ? t("trust:policies.admin.edited", { date: p.updated.text })
                : t("trust:policies.admin.default")}
            </span>{" "}
            <Link to={localePath(locale, `/chamber/policies/${p.slug}`)}>
              {t("trust:policies.admin.edit")}
            </Link>{" "}
            · <Link to={localePath(locale, `/policies/${p.slug}`)}>{t("trust:policies.admin.view")}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
