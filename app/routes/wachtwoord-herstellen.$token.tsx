import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary, TextField, useZodForm } from "~/components/forms";
import { resetPasswordSchema } from "~/domain/account-schemas";
import { t } from "~/i18n";
import { redirectWithNewSession } from "~/utils/auth.server";
import { isValidPasswordResetToken, resetPasswordWithToken } from "~/utils/password-reset.server";
import { readFormData } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: `${t("mail.resetPassword.title")} | ${t("common.appName")}` }];

// The token is in the URL: never send it to another site in a Referer header.
export const headers: HeadersFunction = () => ({ "Referrer-Policy": "no-referrer" });

export async function loader({ params }: LoaderFunctionArgs) {
  // Unknown, used and expired links look the same: there is nothing more to tell.
  const valid = await isValidPasswordResetToken(params.token);
  return data({ valid }, { status: valid ? 200 : 404 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = parseWithZod(await readFormData(request), { schema: resetPasswordSchema });
  if (submission.status !== "success") {
    return data({ invalidLink: false, result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const userId = await resetPasswordWithToken(params.token, submission.value.password);
  if (!userId) return data({ invalidLink: true, result: null }, { status: 404 });
  return redirectWithNewSession(userId, "/", { kind: "success", message: t("mail.resetPassword.done") });
}

export default function ResetPasswordPage() {
  const { valid } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useZodForm(resetPasswordSchema, { id: "reset-password", lastResult: actionData?.result });

  if (!valid || actionData?.invalidLink) {
    return (
      <div className="mx-auto max-w-md px-4 py-8">
        <h1 className="text-3xl font-bold">{t("mail.resetPassword.invalidTitle")}</h1>
        <p className="mt-4 text-lg">{t("mail.resetPassword.invalid")}</p>
        <p className="mt-6">
          <Link to="/wachtwoord-vergeten" className="btn-primary">
            {t("mail.resetPassword.requestNew")}
          </Link>
        </p>
      </div>
    );
  }

  return (
    <div className="mx-auto max-w-md px-4 py-8">
      <h1 className="text-3xl font-bold">{t("mail.resetPassword.title")}</h1>
      <p className="mt-2 text-lg">{t("mail.resetPassword.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-5">
        <ErrorSummary
          formErrors={form.errors}
          items={[{ id: fields.password.id, label: t("mail.resetPassword.password"), errors: fields.password.errors }]}
        />
        <TextField
          field={fields.password}
          label={t("mail.resetPassword.password")}
          hint={t("mail.resetPassword.passwordHint")}
          type="password"
          autoComplete="new-password"
        />
        <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
          {t("mail.resetPassword.submit")}
        </button>
      </Form>
    </div>
  );
}
