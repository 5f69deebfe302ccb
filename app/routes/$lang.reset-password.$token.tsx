import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError } from "~/components/form";
import { NewPasswordFields } from "~/components/new-password-fields";
import { getFixedT } from "~/i18n/i18n.server";
import { useLocale } from "~/i18n/use-locale";
import { findUsableToken, resetPassword } from "~/models/users.server";
import { db } from "~/utils/db.server";
import { formFailure, parseForm } from "~/utils/forms";
import { cachePolicy, requireLocale } from "~/utils/http.server";
import { ResetPasswordSchema } from "~/forms/account.server";
import { seoMeta } from "~/utils/seo";
import { localePath } from "~/utils/urls";
import { readForm } from "~/utils/form-body.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const token = await findUsableToken(db, params.token ?? "", "password_reset");
  const t = getFixedT(locale);
  // An unusable link is "gone": used, expired or never issued.
  return data(
    { valid: Boolean(token), seo: { title: t("account:reset.metaTitle") } },
    {
      status: token ? 200 : 410,
      headers: { "Cache-Control": cachePolicy.none, "Referrer-Policy": "no-referrer" },
    },
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const parsed = parseForm(ResetPasswordSchema, await readForm(request));
  if (!parsed.ok) return data(parsed, { status: 400 });
  const reset = await resetPassword(db, params.token ?? "", parsed.data.password);
  if (!reset.ok) return data(formFailure("account:reset.invalidLink"), { status: 410 });
  return redirect(`${localePath(locale, "/login")}?notice=password-reset`);
}

export default function ResetPasswordRoute() {
  const { valid } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <section className="narrow" aria-labelledby="reset-title">
      <h1 id="reset-title">{t("account:reset.title")}</h1>
      {valid ? (
        <Form method="post" className="stack" noValidate>
          <FormError errors={failure?.errors} />
          <NewPasswordFields label={t("account:reset.password")} errors={failure?.errors} />
          <button type="submit" className="button">
            {t("account:reset.submit")}
          </button>
        </Form>
      ) : (
        <>
          <p className="form-error" role="alert">
            {t("account:reset.invalidLink")}
          </p>
          <p>
            <Link to={localePath(locale, "/forgot-password")}>{t("account:reset.requestNew")}</Link>
          </p>
        </>
      )}
    </section>
  );
}
