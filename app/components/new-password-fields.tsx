import { useTranslation } from "react-i18next";
import { Field } from "./form";

/**
 * The new password and its confirmation (`newPasswordPair` in app/forms/fields.server.ts):
 * registration, an invitation and a password reset ask them the same way. Never refilled
 * after an error.
 */
export function NewPasswordFields({ label, errors }: { label: string; errors?: Record<string, string> }) {
  const { t } = useTranslation();
  return (
    <>
      <Field
        name="password"
        type="password"
        label={label}
        hint={t("account:register.passwordHint")}
        errors={errors}
        autoComplete="new-password"
        required
        dir="ltr"
      />
      <Field
        name="confirm"
        type="password"
        label={t("account:register.confirm")}
        errors={errors}
        autoComplete="new-password"
        required
        dir="ltr"
      />
    </>
  );
}
