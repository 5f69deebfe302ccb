import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { Field, FormError } from "~/components/form";
import { getFixedT } from "~/i18n/i18n.server";
import { createUser, findUserByEmail } from "~/models/users.server";
import { getUser, startUserSession } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { fieldFailure, parseForm } from "~/utils/forms";
import { requireLocale } from "~/utils/http.server";
import { RegisterSchema } from "~/forms/account.server";
import { seoMeta } from "~/utils/seo";
import { localePath } from "~/utils/urls";
import { readForm } from "~/utils/form-body.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  if (await getUser(request)) throw redirect(localePath(locale));
  const t = await getFixedT(locale);
  return { seo: { title: t("account:register.metaTitle") } };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const formData = await readForm(request);
  const parsed = parseForm(RegisterSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  if (await findUserByEmail(db, parsed.data.email)) {
    return data(fieldFailure(formData, "email", "account:register.emailTaken"), { status: 400 });
  }
  const user = await createUser(db, { ...parsed.data, preferredLocale: locale });
  return startUserSession(request, user.id, localePath(locale));
}

export default function RegisterRoute() {
  const failure = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section className="narrow" aria-labelledby="register-title">
      <h1 id="register-title">{t("account:register.title")}</h1>
      <Form method="post" className="stack" noValidate>
        <FormError errors={failure?.errors} />
        <Field name="name" label={t("account:register.name")} errors={failure?.errors} values={failure?.values} autoComplete="name" required />
        <Field name="email" type="email" label={t("account:register.email")} errors={failure?.errors} values={failure?.values} autoComplete="email" required dir="ltr" />
        <Field name="password" type="password" label={t("account:register.password")} hint={t("account:register.passwordHint")} errors={failure?.errors} autoComplete="new-password" required dir="ltr" />
        <Field name="confirm" type="password" label={t("account:register.confirm")} errors={failure?.errors} autoComplete="new-password" required dir="ltr" />
        <button type="submit" className="button">
          {t("account:register.submit")}
        </button>
      </Form>
    </section>
  );
}
