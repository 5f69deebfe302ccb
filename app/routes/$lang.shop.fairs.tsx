import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StandRequestSchema } from "~/forms/fairs.server";
import { getFixedT } from "~/i18n/i18n.server";
import type { I18nHandle } from "~/i18n/namespaces";
import { useLocale } from "~/i18n/use-locale";
import { fairDays } from "~/models/fair-dates";
import { listFairsForCooperative, requestStand } from "~/models/fairs.server";
import { requireCooperativeMember } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { readForm } from "~/utils/form-body.server";
import { fieldFailure, parseForm } from "~/utils/forms";
import { requireLocale } from "~/utils/http.server";
import { seoMeta } from "~/utils/seo";
import { localePath } from "~/utils/urls";
import fairStyles from "~/styles/fairs.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: fairStyles }];
export const handle: I18nHandle = { i18n: ["fairs"] };

/** Fairs not over, and the cooperative's stand at each: ask for one, see the chamber's answer. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const { cooperativeId } = await requireCooperativeMember(request, locale, "profile");
  const fairs = await listFairsForCooperative(db, cooperativeId, locale);
  const t = getFixedT(locale);
  return {
    fairs: fairs.map((f) => ({ ...f, days: fairDays(f.startsOn, f.endsOn, locale) })),
    seo: { title: t("fairs:shop.metaTitle") },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const { cooperativeId, user } = await requireCooperativeMember(request, locale, "profile");
  const formData = await readForm(request);
  const parsed = parseForm(StandRequestSchema, formData);
  if (!parsed.ok) return data({ ...parsed, fairId: String(formData.get("fairId") ?? "") }, { status: 400 });
  const result = await requestStand(db, { cooperativeId, userId: user.id, ...parsed.data });
  if (!result.ok)
    return data(
      {
        ...fieldFailure(
          formData,
          "form",
          `fairs:errors.${result.error === "already" ? "alreadyRequested" : "fairClosed"}`,
        ),
        fairId: String(parsed.data.fairId),
      },
      { status: 409 },
    );
  return redirect(`${localePath(locale, "/shop/fairs")}?notice=requested`);
}

export default function ShopFairs() {
  const { fairs } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <section className="stack" aria-labelledby="shop-fairs-title">
      <h2 id="shop-fairs-title">{t("fairs:shop.title")}</h2>
      <p className="muted">{t("fairs:shop.lead")}</p>
      {search.get("notice") === "requested" ? (
        <p className="alert" role="status" data-testid="notice">
          {t("fairs:shop.requested")}
        </p>
      ) : null}
      {fairs.length === 0 ? <p className="empty">{t("fairs:shop.none")}</p> : null}
      <ul className="stand-requests">
        {fairs.map((f) => {
          const error = failure?.fairId === String(f.id) ? failure.errors : undefined;
          return (
            <li
              key={f.id}
              className="stand-request"
              data-testid="shop-fair"
              data-fair={f.slug}
              data-status={f.standStatus ?? "none"}
            >
              <p>
                <Link to={localePath(locale, `/fairs/${f.slug}`)}>
                  <strong>{f.name.text}</strong>
                </Link>
              </p>
              <p className="muted">
                {f.days} · {f.city.text}
              </p>
              {f.standStatus ? (
                <p data-testid="stand-status">
                  <span className="badge">{t(`fairs:standStatus.${f.standStatus}`)}</span>{" "}
                  {f.standStatus === "accepted" && f.standNumber
                    ? t("fairs:stand", { number: f.standNumber })
                    : null}
                  {f.standStatus === "declined" && f.decisionReason
                    ? t("fairs:chamber.reasonGiven", { reason: f.decisionReason })
                    : null}
                </p>
              ) : (
                <Form method="post" className="stack" noValidate>
                  <input type="hidden" name="fairId" value={f.id} />
                  <div className="field">
                    <label htmlFor={`fair-${f.id}-message`}>{t("fairs:shop.message")}</label>
                    <textarea
                      id={`fair-${f.id}-message`}
                      name="message"
                      rows={3}
                      defaultValue={error ? failure?.values.message : ""}
                    />
                    {error?.message ? (
                      <p className="field__error" role="alert">
                        {t(error.message)}
                      </p>
                    ) : null}
                  </div>
                  {error?.form ? (
                    <p className="form-error" role="alert">
                      {t(error.form)}
                    </p>
                  ) : null}
                  <button type="submit" className="button" data-testid="request-stand">
                    {t("fairs:shop.request")}
                  </button>
                </Form>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
