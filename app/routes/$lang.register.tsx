import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EmailField, Field, FormError } from "~/components/form";
import { NewPasswordFields } from "~/components/new-password-fields";
import { getFixedT } from "~/i18n/i18n.server";
import { sendRegistrationEmail } from "~/models/account-mail.server";
import { mayRegister } from "~/models/users.server";
import { clientAddress, getUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { publicOrigin } from "~/utils/env.server";
import { fieldFailure, parseForm } from "~/utils/forms";
import { requireLocale } from "~/utils/http.server";
import { RegisterSchema } from "~/forms/account.server";
import { seoMeta } from "~/utils/seo";
import { localePath } from "~/utils/urls";
import { readForm } from "~/utils/form-body.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  if (await getUser(request)) throw redirect(localePath(locale));
  const t = getFixedT(locale);
  return { seo: { title: t("account:register.metaTitle") } };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const formData = await readForm(request);
  const parsed = parseForm(RegisterSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  if (!(await mayRegister(db, clientAddress(context)))) {
    return data(fieldFailure(formData, "form", "account:register.rateLimited"), { status: 429 });
  }
  // The same answer for a new address and a known one (whose owner gets a mail instead):
  // registration does not tell who has an account. The account is made from the mailed link.
  await sendRegistrationEmail(db, { ...parsed.data, locale, origin: publicOrigin() });
  return { ok: true as const, email: parsed.data.email };
}

export default function RegisterRoute() {
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const failure = result && !result.ok ? result : undefined;
  return (
    <section className="narrow" aria-labelledby="register-title">
      <h1 id="register-title">{t("account:register.title")}</h1>
      {result?.ok ? (
        <p className="notice" role="status">
          {t("account:register.sent", { email: result.email })}
        </p>
      ) : (
        <Form method="post" className="stack" noValidate>
          <FormError errors={failure?.errors} />
          <Field
            name="name"
            label={t("account:register.name")}
            errors={failure?.errors}
            values={failure?.values}
            autoComplete="name"
            required
          />
          <EmailField
            label={t("account:register.email")}
            errors={failure?.errors}
            values={failure?.values}
            autoComplete="email"
            required
          />
          <NewPasswordFields label={t("account:register.password")} errors={failure?.errors} />
          <button type="submit" className="button">
            {t("account:register.submit")}
          </button>
        </Form>
      )}
    </section>
  );
}
