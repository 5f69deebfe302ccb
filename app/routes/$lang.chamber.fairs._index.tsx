import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FairForm } from "~/components/fair-form";
import { FairSchema } from "~/forms/fairs.server";
import { getFixedT } from "~/i18n/i18n.server";
import type { I18nHandle } from "~/i18n/namespaces";
import { useLocale } from "~/i18n/use-locale";
import { isKnownProvince, listProvinceOptions } from "~/models/cooperatives.server";
import { fairDays } from "~/models/fair-dates";
import { listFairsForStaff, saveFair } from "~/models/fairs.server";
import { requireStaff } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/form-body.server";
import { fieldFailure, parseForm } from "~/utils/forms";
import { requireLocale } from "~/utils/http.server";
import { seoMeta } from "~/utils/seo";
import { localePath } from "~/utils/urls";
import fairStyles from "~/styles/fairs.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: fairStyles }];
export const handle: I18nHandle = { i18n: ["fairs"] };

/** The fairs the chamber publishes, with the stand requests waiting; a form for a new one. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  await requireStaff(request, locale, "moderate");
  const [fairs, provinces] = await Promise.all([
    listFairsForStaff(db, locale),
    listProvinceOptions(db, locale),
  ]);
  const t = getFixedT(locale);
  return {
    fairs: fairs.map((f) => ({ ...f, days: fairDays(f.startsOn, f.endsOn, locale), publishedAt: undefined })),
    provinces,
    seo: { title: t("fairs:chamber.metaTitle") },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const staff = await requireStaff(request, locale, "moderate");
  const formData = await readForm(request);
  const parsed = parseForm(FairSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  if (!(await isKnownProvince(db, parsed.data.provinceSlug)))
    return data(fieldFailure(formData, "provinceSlug", "shop:errors.province"), { status: 400 });
  const result = await saveFair(db, { staffId: staff.id, fair: parsed.data });
  if (!result.ok) return data(fieldFailure(formData, "slug", "fairs:errors.slugTaken"), { status: 409 });
  return redirect(`${localePath(locale, `/chamber/fairs/${result.id}`)}?notice=created`);
}

export default function ChamberFairs() {
  const { fairs, provinces } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <section className="stack" aria-labelledby="chamber-fairs-title">
      <h1 id="chamber-fairs-title">{t("fairs:chamber.title")}</h1>
      {fairs.length > 0 ? (
        <table className="data-table" data-testid="chamber-fairs">
          <thead>
            <tr>
              <th scope="col">{t("fairs:chamber.colFair")}</th>
              <th scope="col">{t("fairs:chamber.colDays")}</th>
              <th scope="col">{t("fairs:chamber.colStands")}</th>
              <th scope="col">{t("fairs:chamber.colRequests")}</th>
            </tr>
          </thead>
          <tbody>
            {fairs.map((f) => (
              <tr key={f.id} data-fair={f.slug}>
                <th scope="row">
                  <Link to={localePath(locale, `/chamber/fairs/${f.id}`)}>{f.name.text}</Link>{" "}
                  {f.published ? null : (
                    <span className="badge badge--muted">{t("fairs:chamber.draft")}</span>
                  )}
                </th>
                <td data-label={t("fairs:chamber.colDays")}>
                  {f.days} · {t(`fairs:phase.${f.phase}`)}
                </td>
                <td data-label={t("fairs:chamber.colStands")}>{f.accepted}</td>
                <td data-label={t("fairs:chamber.colRequests")}>
                  {f.pending > 0 ? <span className="badge">{f.pending}</span> : 0}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="empty">{t("fairs:chamber.none")}</p>
      )}
      <h2>{t("fairs:chamber.new")}</h2>
      <FairForm provinces={provinces} failure={failure ?? undefined} />
    </section>
  );
}
