import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuditReasonField } from "~/components/audit-reason-field";
import { FormError } from "~/components/form";
import { ApplicationDecisionSchema } from "~/forms/chamber.server";
import { getFixedT } from "~/i18n/i18n.server";
import { defaultLocale, isLocale } from "~/i18n/config";
import { sendInvitationEmail } from "~/models/account-mail.server";
import { decideApplication, getApplication } from "~/models/chamber.server";
import { getCooperativeProfile } from "~/models/cooperatives.server";
import { requireStaff } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { publicOrigin } from "~/utils/env.server";
import { formFailure, parseForm } from "~/utils/forms";
import { notFound, requireId, requireLocale } from "~/utils/http.server";
import { seoMeta } from "~/utils/seo";
import { localePath } from "~/utils/urls";
import { readForm } from "~/utils/form-body.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  await requireStaff(request, locale, "moderate");
  const application = await getApplication(db, requireId(params.id));
  const t = getFixedT(locale);
  if (!application) notFound();
  return {
    application: {
      ...application,
      createdAt: application.createdAt.toISOString(),
      decidedAt: application.decidedAt?.toISOString() ?? null,
    },
    seo: { title: t("chamber:applications.metaTitle") },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

/** Verifying an application creates the cooperative and invites its contact as owner. */
export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const staff = await requireStaff(request, locale, "moderate");
  const parsed = parseForm(ApplicationDecisionSchema, await readForm(request));
  if (!parsed.ok) return data(parsed, { status: 400 });
  const application = await getApplication(db, requireId(params.id));
  if (!application) notFound();
  const outcome = await decideApplication(db, {
    applicationId: application.id,
    staffId: staff.id,
    approve: parsed.data.decision === "approve",
    reason: parsed.data.reason,
  });
  if (!outcome.ok) {
    if (outcome.error === "not_found") notFound();
    const refused = {
      already_decided: "chamber:review.alreadyDecided",
      duplicate: "chamber:errors.duplicateRegistration",
    } as const;
    return data(formFailure(refused[outcome.error]), { status: 409 });
  }
  if (outcome.cooperativeId) {
    const profile = await getCooperativeProfile(db, outcome.cooperativeId);
    await sendInvitationEmail(db, {
      email: application.contactEmail,
      role: "owner",
      cooperativeId: outcome.cooperativeId,
      cooperativeName: profile!.cooperative.name,
      inviter: { id: staff.id, name: staff.name },
      locale: isLocale(application.locale) ? application.locale : defaultLocale,
      origin: publicOrigin(),
    });
    return redirect(localePath(locale, `/chamber/cooperatives/${outcome.cooperativeId}?notice=verified`));
  }
  return redirect(localePath(locale, "/chamber/cooperatives"));
}

export default function ApplicationPage() {
  const { application: a } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="stack narrow">
      <h1>{a.name}</h1>
      <dl className="coop-facts">
        <div>
          <dt>{t("chamber:join.registrationNumber")}</dt>
          <dd>{a.registrationNumber}</dd>
        </div>
        <div>
          <dt>{t("chamber:reviews.province")}</dt>
          <dd>{a.provinceSlug}</dd>
        </div>
        <div>
          <dt>{t("chamber:join.crafts")}</dt>
          <dd>{a.craftSlugs.join(", ")}</dd>
        </div>
        <div>
          <dt>{t("chamber:join.contactName")}</dt>
          <dd>{a.contactName}</dd>
        </div>
        <div>
          <dt>{t("chamber:join.contactEmail")}</dt>
          <dd dir="ltr">{a.contactEmail}</dd>
        </div>
        <div>
          <dt>{t("chamber:join.contactPhone")}</dt>
          <dd>
            <bdi dir="ltr">{a.contactPhone}</bdi>
          </dd>
        </div>
      </dl>
      {a.message ? <p>{a.message}</p> : null}
      {a.status !== "pending" ? (
        <p className="notice">{t(`chamber:applications.status.${a.status}`)}</p>
      ) : (
        <Form method="post" className="stack" noValidate>
          <FormError errors={failure?.errors} />
          <AuditReasonField failure={failure} multiline />
          <div className="toolbar">
            <button type="submit" name="decision" value="approve" className="button">
              {t("chamber:applications.approve")}
            </button>
            <button type="submit" name="decision" value="reject" className="button button--danger">
              {t("chamber:applications.reject")}
            </button>
          </div>
        </Form>
      )}
    </div>
  );
}
