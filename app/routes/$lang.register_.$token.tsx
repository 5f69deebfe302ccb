import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError } from "~/components/form";
import { getFixedT } from "~/i18n/i18n.server";
import { useLocale } from "~/i18n/use-locale";
import { confirmRegistration, findUsableToken } from "~/models/users.server";
import { startUserSession } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { formFailure } from "~/utils/forms";
import { cachePolicy, requireLocale } from "~/utils/http.server";
import { seoMeta } from "~/utils/seo";
import { localePath } from "~/utils/urls";

/** The link mailed at registration: a page with one button (mail scanners follow links, not forms). */
export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const registration = await findUsableToken(db, params.token ?? "", "registration");
  const t = getFixedT(locale);
  return data(
    { email: registration?.email ?? null, seo: { title: t("account:registerConfirm.metaTitle") } },
    {
      status: registration ? 200 : 410,
      headers: { "Cache-Control": cachePolicy.none, "Referrer-Policy": "no-referrer" },
    },
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const result = await confirmRegistration(db, { token: params.token ?? "", locale });
  if (!result.ok) {
    if (result.error === "exists") return redirect(`${localePath(locale, "/login")}?notice=account-exists`);
    return data(formFailure("account:registerConfirm.invalidLink"), { status: 410 });
  }
  return startUserSession(request, result.userId, localePath(locale));
}

export default function ConfirmRegistrationRoute() {
  const { email } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <section className="narrow" aria-labelledby="confirm-title">
      <h1 id="confirm-title">{t("account:registerConfirm.title")}</h1>
      {email ? (
        <Form method="post" className="stack" noValidate>
          <FormError errors={failure?.errors} />
          <p>{t("account:registerConfirm.intro", { email })}</p>
          <button type="submit" className="button">
            {t("account:registerConfirm.submit")}
          </button>
        </Form>
      ) : (
        <>
          <p className="form-error" role="alert">
            {t("account:registerConfirm.invalidLink")}
          </p>
          <p>
            <Link to={localePath(locale, "/register")}>{t("account:registerConfirm.registerAgain")}</Link>
          </p>
        </>
      )}
    </section>
  );
}
