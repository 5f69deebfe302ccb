import { useTranslation } from "react-i18next";
import { Field } from "./form";

/**
 * Why staff make a change (decision 018's `recordAudit` writes it into the audit log): the
 * chamber's forms that change a cooperative, an application or a setting all ask it.
 */
export function AuditReasonField({
  failure,
  multiline,
}: {
  failure: { errors?: Record<string, string>; values?: Record<string, string> } | undefined;
  multiline?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Field
      name="reason"
      label={t("chamber:cooperatives.reason")}
      multiline={multiline}
      errors={failure?.errors}
      values={failure?.values}
      required
    />
  );
}
