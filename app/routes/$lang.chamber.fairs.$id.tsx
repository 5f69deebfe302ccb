import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ImageUploadForm } from "~/components/image-upload-form";
import { FairForm } from "~/components/fair-form";
import { Picture } from "~/components/picture";
import { FairSchema, StandDecisionSchema } from "~/forms/fairs.server";
import { getFixedT } from "~/i18n/i18n.server";
import type { I18nHandle } from "~/i18n/namespaces";
import { useLocale } from "~/i18n/use-locale";
import { isKnownProvince, listProvinceOptions } from "~/models/cooperatives.server";
import { decideStand, getFairForStaff, saveFair, setFairPoster } from "~/models/fairs.server";
import { receiveImages } from "~/utils/image-upload.server";
import { requireStaff } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/form-body.server";
import { fieldFailure, parseForm } from "~/utils/forms";
import { notFound, parseId, requireLocale } from "~/utils/http.server";
import { refusalResponse } from "~/utils/refusal-page.server";
import { seoMeta } from "~/utils/seo";
import { localePath } from "~/utils/urls";
import fairStyles from "~/styles/fairs.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: fairStyles }];
export const handle: I18nHandle = { i18n: ["fairs"] };

/** One fair as staff edit it: its texts, its poster, and the stand requests to accept or decline. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  await requireStaff(request, locale, "moderate");
  const id = parseId(params.id ?? "");
  if (id === null) notFound();
  const [found, provinces] = await Promise.all([
    getFairForStaff(db, id, locale),
    listProvinceOptions(db, locale),
  ]);
  const t = getFixedT(locale);
  if (!found) notFound();
  const { fair, poster, stands } = found;
  return {
    id: fair.id,
    slug: fair.slug,
    published: fair.publishedAt !== null,
    form: {
      slug: fair.slug,
      name: fair.name,
      city: fair.city,
      venue: fair.venue,
      description: fair.description,
      provinceSlug: fair.provinceSlug,
      mapUrl: fair.mapUrl,
      startsOn: fair.startsOn,
      endsOn: fair.endsOn,
      published: fair.publishedAt !== null,
    },
    poster,
    stands: stands.map((s) => ({ ...s, createdAt: undefined })),
    provinces,
    seo: { title: t("fairs:chamber.editTitle", { name: fair.name.fr ?? fair.name.ar ?? fair.slug }) },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const staff = await requireStaff(request, locale, "moderate");
  const id = parseId(params.id ?? "");
  if (id === null) notFound();
  const back = (query: string) => redirect(`${localePath(locale, `/chamber/fairs/${id}`)}?${query}`);
  if (request.headers.get("Content-Type")?.startsWith("multipart/form-data")) {
    const upload = await receiveImages(db, request, "poster");
    if (!upload.ok) {
      if (upload.error.code === "refused") throw refusalResponse(locale, upload.error.status);
      return back(`poster=${upload.error.code}`);
    }
    if (!(await setFairPoster(db, { fairId: id, imageId: upload.imageIds[0] })).ok) notFound();
    return back("notice=saved");
  }
  const formData = await readForm(request);
  if (formData.get("intent") === "decide") {
    const parsed = parseForm(StandDecisionSchema, formData);
    if (!parsed.ok)
      return data({ ...parsed, standId: String(formData.get("standId") ?? "") }, { status: 400 });
    const result = await decideStand(db, { staffId: staff.id, fairId: id, ...parsed.data });
    if (!result.ok && result.error === "not_found") notFound();
    if (!result.ok)
      return data(
        {
          ...fieldFailure(formData, "standNumber", "fairs:errors.standTaken"),
          standId: String(parsed.data.standId),
        },
        { status: 409 },
      );
    return back(`notice=${parsed.data.decision}`);
  }
  const parsed = parseForm(FairSchema, formData);
  if (!parsed.ok) return data({ ...parsed, standId: "" }, { status: 400 });
  if (!(await isKnownProvince(db, parsed.data.provinceSlug)))
    return data(
      { ...fieldFailure(formData, "provinceSlug", "shop:errors.province"), standId: "" },
      { status: 400 },
    );
  const result = await saveFair(db, { staffId: staff.id, id, fair: parsed.data });
  if (!result.ok && result.error === "not_found") notFound();
  if (!result.ok)
    return data(
      { ...fieldFailure(formData, "slug", "fairs:errors.slugTaken"), standId: "" },
      { status: 409 },
    );
  return back("notice=saved");
}

export default function ChamberFair() {
  const { id, slug, published, form, poster, stands, provinces } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const locale = useLocale();
  const notice = search.get("notice");
  const posterError = search.get("poster");
  const formFailure = failure && !failure.standId ? failure : undefined;
  return (
    <div className="stack">
      <p>
        <Link to={localePath(locale, "/chamber/fairs")}>{t("fairs:chamber.back")}</Link>
      </p>
      <h1>{form.name[locale] ?? form.name.fr ?? form.name.ar}</h1>
      {notice ? (
        <p className="alert" role="status" data-testid="notice">
          {t(`fairs:chamber.notice.${notice}`, { defaultValue: t("fairs:chamber.notice.saved") })}
        </p>
      ) : null}
      {published ? (
        <p>
          <Link to={localePath(locale, `/fairs/${slug}`)} data-testid="public-link">
            {t("fairs:chamber.publicPage")}
          </Link>
        </p>
      ) : null}

      <section className="stack" aria-labelledby="stands-title">
        <h2 id="stands-title">{t("fairs:chamber.stands")}</h2>
        {stands.length === 0 ? <p className="empty">{t("fairs:chamber.noRequests")}</p> : null}
        <ul className="stand-requests">
          {stands.map((s) => {
            const f = failure?.standId === String(s.id) ? failure : undefined;
            return (
              <li
                key={s.id}
                className="stand-request"
                data-testid="stand-request"
                data-cooperative={s.cooperativeSlug}
                data-status={s.status}
              >
                <p>
                  <strong>{s.cooperativeName.text}</strong> ·{" "}
                  <span className="badge">{t(`fairs:standStatus.${s.status}`)}</span>
                  {s.status === "accepted" && s.standNumber ? (
                    <> · {t("fairs:stand", { number: s.standNumber })}</>
                  ) : null}
                </p>
                {s.message ? (
                  <p className="muted">
                    <bdi>{s.message}</bdi>
                  </p>
                ) : null}
                {s.decisionReason ? (
                  <p className="muted">{t("fairs:chamber.reasonGiven", { reason: s.decisionReason })}</p>
                ) : null}
                <Form method="post" className="stand-decision" noValidate>
                  <input type="hidden" name="intent" value="decide" />
                  <input type="hidden" name="standId" value={s.id} />
                  <div className="field">
                    <label htmlFor={`stand-${s.id}-number`}>{t("fairs:chamber.standNumber")}</label>
                    <input
                      id={`stand-${s.id}-number`}
                      name="standNumber"
                      dir="ltr"
                      defaultValue={f?.values.standNumber ?? s.standNumber ?? ""}
                      aria-invalid={f?.errors.standNumber ? true : undefined}
                      aria-describedby={f?.errors.standNumber ? `stand-${s.id}-number-error` : undefined}
                    />
                    {f?.errors.standNumber ? (
                      <p className="field__error" id={`stand-${s.id}-number-error`} role="alert">
                        {t(f.errors.standNumber)}
                      </p>
                    ) : null}
                  </div>
                  <div className="field">
                    <label htmlFor={`stand-${s.id}-reason`}>{t("fairs:chamber.reason")}</label>
                    <input
                      id={`stand-${s.id}-reason`}
                      name="reason"
                      defaultValue={f?.values.reason ?? ""}
                      aria-invalid={f?.errors.reason ? true : undefined}
                      aria-describedby={f?.errors.reason ? `stand-${s.id}-reason-error` : undefined}
                    />
                    {f?.errors.reason ? (
                      <p className="field__error" id={`stand-${s.id}-reason-error`} role="alert">
                        {t(f.errors.reason)}
                      </p>
                    ) : null}
                  </div>
                  <div className="stand-decision__buttons">
                    <button
                      type="submit"
                      name="decision"
                      value="accept"
                      className="button"
                      data-testid="stand-accept"
                    >
                      {t("fairs:chamber.accept")}
                    </button>
                    <button
                      type="submit"
                      name="decision"
                      value="decline"
                      className="button button--secondary"
                      data-testid="stand-decline"
                    >
                      {t("fairs:chamber.decline")}
                    </button>
                  </div>
                </Form>
              </li>
            );
          })}
        </ul>
      </section>

      <section className="stack" aria-labelledby="poster-title">
        <h2 id="poster-title">{t("fairs:chamber.poster")}</h2>
        {poster ? <Picture picture={poster} sizes="240px" className="fair__poster" alt="" /> : null}
        <ImageUploadForm name="poster" label={t("fairs:chamber.posterUpload")} error={posterError} />
      </section>

      <section className="stack" aria-labelledby="edit-title">
        <h2 id="edit-title">{t("fairs:chamber.edit")}</h2>
        <FairForm key={id} fair={form} provinces={provinces} failure={formFailure} />
      </section>
    </div>
  );
}
