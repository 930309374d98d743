import { z } from "zod";
import { t } from "~/i18n";

/** Form schemas shared by the server actions and the browser (conform). */

const email = z
  .string({ error: t("auth.validation.emailRequired") })
  .trim()
  .toLowerCase()
  .max(254, t("auth.validation.emailInvalid"))
  .pipe(z.email({ error: t("auth.validation.emailInvalid") }));

const newPassword = z
  .string({ error: t("auth.validation.passwordRequired") })
  .min(10, t("auth.validation.passwordTooShort"))
  .max(200, t("auth.validation.passwordTooLong"));

export const loginSchema = z.object({
  email,
  password: z.string({ error: t("auth.validation.passwordRequired") }).max(200, t("auth.validation.passwordTooLong")),
  redirectTo: z.string().optional(),
});

export const registerSchema = z.object({
  name: z
    .string({ error: t("auth.validation.nameRequired") })
    .trim()
    .min(1, t("auth.validation.nameRequired"))
    .max(80, t("auth.validation.nameTooLong")),
  email,
  password: newPassword,
  buurtCode: z
    .string()
    .regex(/^BU\d{8}$/, t("auth.validation.buurtUnknown"))
    .optional(),
  redirectTo: z.string().optional(),
});

export const changePasswordSchema = z.object({
  currentPassword: z.string({ error: t("auth.validation.passwordRequired") }).max(200),
  newPassword,
});

export const forgotPasswordSchema = z.object({ email });

/** Same rules as registration: the new password goes through `newPassword` too. */
export const resetPasswordSchema = z.object({ password: newPassword });
