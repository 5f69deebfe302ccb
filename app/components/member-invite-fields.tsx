import { useTranslation } from "react-i18next";
import { EmailField, SelectField } from "./form";

type Role = "owner" | "editor";

/**
 * Whom to invite into a cooperative and as what (`InviteMemberSchema`): the shop's owners and
 * the chamber's staff ask the same; `defaultRole` is preselected and listed first.
 */
export function MemberInviteFields({
  defaultRole,
  errors,
  values,
}: {
  defaultRole: Role;
  errors?: Record<string, string>;
  values?: Record<string, string>;
}) {
  const { t } = useTranslation();
  const roles: Role[] = defaultRole === "owner" ? ["owner", "editor"] : ["editor", "owner"];
  return (
    <>
      <EmailField label={t("shop:members.email")} errors={errors} values={values} required />
      <SelectField
        name="role"
        label={t("shop:members.role")}
        options={roles.map((r) => ({ value: r, label: t(`account:roles.${r}`) }))}
        errors={errors}
        values={values}
        defaultValue={defaultRole}
      />
    </>
  );
}
