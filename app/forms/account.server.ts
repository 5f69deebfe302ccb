/** Schemas of the account forms (sign-in, registration, reset, invitations). Server-only: zod stays out of the browser. */
import { z } from "zod";
import { emailField, idField, nameField, newPasswordPair } from "./fields.server";

export const LoginSchema = z.object({
  email: emailField,
  password: z.string({ message: "form.required" }).min(1, { message: "form.required" }),
  redirectTo: z.string().optional(),
});

export const RegisterSchema = z.object({ name: nameField, email: emailField }).and(newPasswordPair);
export const ForgotPasswordSchema = z.object({ email: emailField });
export const AcceptInvitationSchema = z.object({ name: nameField }).and(newPasswordPair);
export { newPasswordPair as ResetPasswordSchema };

export const InviteMemberSchema = z.object({
  email: emailField,
  role: z.enum(["owner", "editor"], { message: "form.invalid" }),
});

export const StaffInviteSchema = InviteMemberSchema.extend({
  cooperativeId: idField("form.required"),
});
