import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary, TextField, useZodForm } from "~/components/forms";
import { forgotPasswordSchema } from "~/domain/account-schemas";
import { t } from "~/i18n";
import { requestPasswordReset } from "~/utils/password-reset.server";
import { clientAddress, hitRateLimit } from "~/utils/rate-limit.server";
import { readFormData } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: `${t("mail.forgotPassword.title")} | ${t("common.appName")}` }];

const PER_EMAIL_LIMIT = 5;
const PER_ADDRESS_LIMIT = 20;
const WINDOW_MS = 60 * 60 * 1000;

export async function loader({ request }: LoaderFunctionArgs) {
  return { sent: new URL(request.url).searchParams.has("verstuurd") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readFormData(request), { schema: forgotPasswordSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { email } = submission.value;

  // Per email (no one floods someone's inbox) and per address (no one tries many emails).
  // Counted whether or not the email exists, so the answer says nothing about accounts.
  const [perEmail, perAddress] = await Promise.all([
    hitRateLimit(`reset:email:${email}`, PER_EMAIL_LIMIT, WINDOW_MS),
    hitRateLimit(`reset:ip:${clientAddress(context)}`, PER_ADDRESS_LIMIT, WINDOW_MS),
  ]);
  if (!perEmail.allowed || !perAddress.allowed) {
    return data(submission.reply({ formErrors: [t("mail.forgotPassword.tooMany")] }), { status: 429 });
  }

  await requestPasswordReset(email);
  return redirect("/wachtwoord-vergeten?verstuurd");
}

export default function ForgotPasswordPage() {
  const { sent } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useZodForm(forgotPasswordSchema, { id: "forgot-password", lastResult });

  if (sent) {
    return (
      <div className="mx-auto max-w-md px-4 py-8">
        <h1 className="text-3xl font-bold">{t("mail.forgotPassword.sentTitle")}</h1>
        <p className="mt-4 text-lg">{t("mail.forgotPassword.sent")}</p>
        <p className="mt-3">{t("mail.forgotPassword.sentHint")}</p>
        <p className="mt-6 flex flex-wrap gap-4">
          <Link to="/inloggen">{t("mail.forgotPassword.backToLogin")}</Link>
          <Link to="/wachtwoord-vergeten">{t("mail.forgotPassword.again")}</Link>
        </p>
      </div>
    );
  }

  return (
    <div className="mx-auto max-w-md px-4 py-8">
      <h1 className="text-3xl font-bold">{t("mail.forgotPassword.title")}</h1>
      <p className="mt-2 text-lg">{t("mail.forgotPassword.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-5">
        <ErrorSummary
          formErrors={form.errors}
          items={[{ id: fields.email.id, label: t("mail.forgotPassword.email"), errors: fields.email.errors }]}
        />
        <TextField field={fields.email} label={t("mail.forgotPassword.email")} type="email" autoComplete="email" />
        <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
          {t("mail.forgotPassword.submit")}
        </button>
      </Form>
      <p className="mt-6">
        <Link to="/inloggen">{t("mail.forgotPassword.backToLogin")}</Link>
      </p>
    </div>
  );
}
