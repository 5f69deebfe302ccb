import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EmailField, FormError } from "~/components/form";
import { getFixedT } from "~/i18n/i18n.server";
import { sendPasswordResetEmail } from "~/models/account-mail.server";
import { clientAddress } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { publicOrigin } from "~/utils/env.server";
import { parseForm } from "~/utils/forms";
import { requireLocale } from "~/utils/http.server";
import { ForgotPasswordSchema } from "~/forms/account.server";
import { seoMeta } from "~/utils/seo";
import { readForm } from "~/utils/form-body.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const t = getFixedT(requireLocale(params));
  return { seo: { title: t("account:forgot.metaTitle") } };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const parsed = parseForm(ForgotPasswordSchema, await readForm(request));
  if (!parsed.ok) return data(parsed, { status: 400 });
  await sendPasswordResetEmail(db, {
    email: parsed.data.email,
    locale,
    origin: publicOrigin(),
    address: clientAddress(context),
  });
  // The same answer whether or not the account exists or a limit was reached: nobody learns who has one.
  return { ok: true as const };
}

export default function ForgotPasswordRoute() {
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const failure = result && !result.ok ? result : undefined;
  return (
    <section className="narrow" aria-labelledby="forgot-title">
      <h1 id="forgot-title">{t("account:forgot.title")}</h1>
      {result?.ok ? (
        <p className="notice" role="status">
          {t("account:forgot.sent")}
        </p>
      ) : (
        <>
          <p>{t("account:forgot.intro")}</p>
          <Form method="post" className="stack" noValidate>
            <FormError errors={failure?.errors} />
            <EmailField
              label={t("account:forgot.email")}
              errors={failure?.errors}
              values={failure?.values}
              autoComplete="email"
              required
            />
            <button type="submit" className="button">
              {t("account:forgot.submit")}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
