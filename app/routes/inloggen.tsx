import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { ErrorSummary, TextField, useZodForm } from "~/components/forms";
import { loginSchema } from "~/domain/account-schemas";
import { t } from "~/i18n";
import { getSessionUser, redirectWithNewSession, safeRedirectTo, verifyPassword } from "~/utils/auth.server";
import { readFormData } from "~/utils/request.server";
import { db } from "~/utils/db.server";
import { clientAddress, hitRateLimit, refundRateLimitHit } from "~/utils/rate-limit.server";

export const meta: MetaFunction = () => [{ title: `${t("auth.login.title")} | ${t("common.appName")}` }];

const LOGIN_LIMIT = 10;
const LOGIN_WINDOW_MS = 15 * 60 * 1000;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  if (user) throw redirect(safeRedirectTo(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: loginSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const { email, password, redirectTo } = submission.value;

  // Limit per email and per address, so neither guessing one account nor many is practical.
  // Every attempt counts first (so parallel guesses cannot slip through); a correct one is
  // taken back below, so only failures use up the limits.
  const limitKeys = [`login:email:${email}`, `login:ip:${clientAddress(context)}`] as const;
  const [perEmail, perAddress] = await Promise.all([
    hitRateLimit(limitKeys[0], LOGIN_LIMIT, LOGIN_WINDOW_MS),
    hitRateLimit(limitKeys[1], LOGIN_LIMIT * 5, LOGIN_WINDOW_MS),
  ]);
  if (!perEmail.allowed || !perAddress.allowed) {
    return data(submission.reply({ formErrors: [t("auth.login.tooMany")], hideFields: ["password"] }), { status: 429 });
  }

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, anonymisedAt: true },
  });
  // Same message and (through the dummy hash) similar timing whether or not the email exists.
  const valid = await verifyPassword(user && !user.anonymisedAt ? user.passwordHash : null, password);
  if (!user || !valid) {
    return data(submission.reply({ formErrors: [t("auth.login.failed")], hideFields: ["password"] }), { status: 400 });
  }

  await Promise.all([
    refundRateLimitHit(limitKeys[0], perEmail.windowStart),
    refundRateLimitHit(limitKeys[1], perAddress.windowStart),
  ]);
  return redirectWithNewSession(user.id, safeRedirectTo(redirectTo), {
    kind: "success",
    message: t("common.flash.loggedIn"),
  });
}

export default function LoginPage() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const redirectTo = searchParams.get("redirectTo") ?? "";
  const navigation = useNavigation();
  const [form, fields] = useZodForm(loginSchema, { id: "login", lastResult });
  return (
    <div className="mx-auto max-w-md px-4 py-8">
      <h1 className="text-3xl font-bold">{t("auth.login.title")}</h1>
      <p className="mt-2 text-lg">{t("auth.login.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="mt-6 space-y-5">
        <ErrorSummary
          formErrors={form.errors}
          items={[
            { id: fields.email.id, label: t("auth.login.email"), errors: fields.email.errors },
            { id: fields.password.id, label: t("auth.login.password"), errors: fields.password.errors },
          ]}
        />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField field={fields.email} label={t("auth.login.email")} type="email" autoComplete="email" />
        <TextField
          field={fields.password}
          label={t("auth.login.password")}
          type="password"
          autoComplete="current-password"
        />
        <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
          {t("auth.login.submit")}
        </button>
      </Form>
      <p className="mt-4">
        <Link to="/wachtwoord-vergeten">{t("mail.forgotPassword.loginLink")}</Link>
      </p>
      <p className="mt-4">
        {t("auth.login.noAccount")}{" "}
        <Link to={`/registreren${redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ""}`}>
          {t("auth.login.registerLink")}
        </Link>
      </p>
    </div>
  );
}
