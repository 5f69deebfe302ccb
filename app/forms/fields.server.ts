/** Field schemas shared by the forms: messages are translation keys (see utils/forms.ts). */
import { z } from "zod";

export const emailField = z.string().trim().toLowerCase().pipe(z.email({ message: "account:errors.email" }));
export const newPasswordField = z.string().min(10, { message: "account:errors.passwordLength" }).max(200, { message: "account:errors.passwordLength" });
export const nameField = z.string().trim().min(2, { message: "account:errors.name" }).max(120, { message: "account:errors.name" });

/** A new password typed twice. */
export const newPasswordPair = z
  .object({ password: newPasswordField, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { message: "account:errors.passwordMatch", path: ["confirm"] });
