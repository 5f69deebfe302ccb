import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateTime } from "~/components/date-time";
import { PolicyText } from "~/components/policy-text";
import { dateText } from "~/i18n/format";
import { useLocale } from "~/i18n/use-locale";
import { getPolicy } from "~/models/policies.server";
import { isPolicySlug, policySlugs } from "~/models/policy-defaults";
import { db } from "~/utils/db.server";
import { notFound, requireLocale } from "~/utils/http.server";
import { seoMeta } from "~/utils/seo";
import type { SharedPageHandle } from "~/utils/shared-page";
import { localePath } from "~/utils/urls";

// Public text only: may be served from the shared page cache (its table empties it: decision 005).
export const handle: SharedPageHandle = { sharedPage: true };

export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  if (!isPolicySlug(params.slug)) notFound();
  const policy = await getPolicy(db, params.slug, locale);
  return {
    policy,
    updated: dateText(policy.updatedAt, locale),
    seo: {
      title: policy.title.text,
      description: policy.body.text
        .replace(/^## .*$/gm, "")
        .trim()
        .slice(0, 160),
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

export default function PolicyRoute() {
  const { policy, updated } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <article className="narrow stack policy" aria-labelledby="policy-title" data-testid="policy">
      <h1 id="policy-title" lang={policy.title.lang}>
        {policy.title.text}
      </h1>
      <PolicyText text={policy.body.text} lang={policy.body.lang} />
      {updated ? (
        <p className="muted">
          <DateTime value={updated} />
        </p>
      ) : null}
      <nav aria-labelledby="policy-others" className="policy__others">
        <h2 id="policy-others">{t("policies:footer.label")}</h2>
        <ul>
          {policySlugs
            .filter((s) => s !== policy.slug)
            .map((s) => (
              <li key={s}>
                <Link to={localePath(locale, `/policies/${s}`)}>{t(`policies:footer.${s}`)}</Link>
              </li>
            ))}
        </ul>
      </nav>
    </article>
  );
}
