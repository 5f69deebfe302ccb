import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EmailField, Field, FormError } from "~/components/form";
import { getFixedT } from "~/i18n/i18n.server";
import { useLocale } from "~/i18n/use-locale";
import { landingPath, verifyLogin } from "~/models/users.server";
import { clientAddress, getUser, safeRedirect, startUserSession } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { fieldFailure, parseForm } from "~/utils/forms";
import { requireLocale } from "~/utils/http.server";
import { LoginSchema } from "~/forms/account.server";
import { seoMeta } from "~/utils/seo";
import { localePath } from "~/utils/urls";
import { readForm } from "~/utils/form-body.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const url = new URL(request.url);
  // Kept only when a page asked for it: otherwise each person lands where their work is.
  const asked = url.searchParams.get("redirectTo");
  const redirectTo = asked ? safeRedirect(asked, "") : "";
  const user = await getUser(request);
  if (user) throw redirect(redirectTo || localePath(locale, await landingPath(db, user.id)));
  const t = getFixedT(locale);
  return { redirectTo, notice: url.searchParams.get("notice"), seo: { title: t("account:login.metaTitle") } };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

/** The wait a throttled sign-in asks for reaches the page's response (route headers are dropped otherwise). */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const formData = await readForm(request);
  const parsed = parseForm(LoginSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const result = await verifyLogin(db, { ...parsed.data, address: clientAddress(context) });
  if (!result.ok && result.error === "rate_limited") {
    return data(fieldFailure(formData, "form", "account:login.rateLimited"), {
      status: 429,
      headers: { "Retry-After": String(Math.ceil(result.retryAfterMs / 1000)) },
    });
  }
  if (!result.ok) return data(fieldFailure(formData, "form", "account:login.invalid"), { status: 400 });
  const landing = localePath(locale, await landingPath(db, result.userId));
  return startUserSession(
    request,
    result.userId,
    parsed.data.redirectTo ? safeRedirect(parsed.data.redirectTo, landing) : landing,
  );
}

export default function LoginRoute() {
  const { redirectTo, notice } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation();
  const locale = useLocale();
  const busy = useNavigation().state === "submitting";
  return (
    <section className="narrow" aria-labelledby="login-title">
      <h1 id="login-title">{t("account:login.title")}</h1>
      {notice === "password-reset" ? (
        <p className="notice" role="status">
          {t("account:login.passwordReset")}
        </p>
      ) : null}
      {notice === "account-exists" ? (
        <p className="notice" role="status">
          {t("account:login.accountExists")}
        </p>
      ) : null}
      <Form method="post" className="stack" noValidate>
        <FormError errors={failure?.errors} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <EmailField
          label={t("account:login.email")}
          errors={failure?.errors}
          values={failure?.values}
          autoComplete="username"
          required
        />
        <Field
          name="password"
          type="password"
          label={t("account:login.password")}
          errors={failure?.errors}
          autoComplete="current-password"
          required
          dir="ltr"
        />
        <button type="submit" className="button" disabled={busy}>
          {t("account:login.submit")}
        </button>
      </Form>
      <p>
        <Link to={localePath(locale, "/forgot-password")}>{t("account:login.forgot")}</Link>
      </p>
      <p>
        {t("account:login.noAccount")}{" "}
        <Link to={localePath(locale, "/register")}>{t("account:login.register")}</Link>
      </p>
    </section>
  );
}
