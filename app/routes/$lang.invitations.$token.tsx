import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormError } from "~/components/form";
import { NewPasswordFields } from "~/components/new-password-fields";
import { getFixedT } from "~/i18n/i18n.server";
import { pickLocalized } from "~/i18n/localized";
import { acceptInvitation, findUsableToken } from "~/models/users.server";
import { startUserSession } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formFailure, parseForm } from "~/utils/forms";
import { cachePolicy, requireLocale } from "~/utils/http.server";
import { AcceptInvitationSchema } from "~/forms/account.server";
import { seoMeta } from "~/utils/seo";
import { localePath } from "~/utils/urls";
import { readForm } from "~/utils/form-body.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const invitation = await findUsableToken(db, params.token ?? "", "invitation");
  const t = getFixedT(locale);
  return data(
    {
      invitation: invitation
        ? {
            email: invitation.email,
            role: invitation.role,
            cooperative: pickLocalized(invitation.cooperativeName, locale).text,
          }
        : null,
      seo: { title: t("account:invitation.metaTitle") },
    },
    {
      status: invitation ? 200 : 410,
      headers: { "Cache-Control": cachePolicy.none, "Referrer-Policy": "no-referrer" },
    },
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const parsed = parseForm(AcceptInvitationSchema, await readForm(request));
  if (!parsed.ok) return data(parsed, { status: 400 });
  const accepted = await acceptInvitation(db, { token: params.token ?? "", ...parsed.data, locale });
  if (!accepted.ok) return data(formFailure("account:invitation.invalidLink"), { status: 410 });
  return startUserSession(request, accepted.userId, localePath(locale, "/shop"));
}

export default function InvitationRoute() {
  const { invitation } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation();
  if (!invitation) {
    return (
      <section className="narrow">
        <p className="form-error" role="alert">
          {t("account:invitation.invalidLink")}
        </p>
      </section>
    );
  }
  return (
    <section className="narrow" aria-labelledby="invitation-title">
      <h1 id="invitation-title">{t("account:invitation.title", { cooperative: invitation.cooperative })}</h1>
      <p>{t("account:invitation.intro", { role: t(`account:roles.${invitation.role ?? "editor"}`) })}</p>
      <p dir="ltr" className="muted">
        {invitation.email}
      </p>
      <Form method="post" className="stack" noValidate>
        <FormError errors={failure?.errors} />
        <Field
          name="name"
          label={t("account:invitation.name")}
          errors={failure?.errors}
          values={failure?.values}
          autoComplete="name"
          required
        />
        <NewPasswordFields label={t("account:invitation.password")} errors={failure?.errors} />
        <button type="submit" className="button">
          {t("account:invitation.submit")}
        </button>
      </Form>
    </section>
  );
}
