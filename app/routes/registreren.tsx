import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { ErrorSummary, HoneypotField, SelectField, TextField, isHoneypotFilled, useZodForm } from "~/components/forms";
import { PrivacyHint } from "~/components/privacy-hint";
import { registerSchema } from "~/domain/account-schemas";
import { t } from "~/i18n";
import { getSessionUser, hashPassword, redirectWithNewSession, safeRedirectTo } from "~/utils/auth.server";
import { readFormData } from "~/utils/request.server";
import { buurtOptions } from "~/utils/buurten.server";
import { db } from "~/utils/db.server";
import { clientAddress, hitRateLimit } from "~/utils/rate-limit.server";

export const meta: MetaFunction = () => [{ title: `${t("auth.register.title")} | ${t("common.appName")}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSessionUser(request)) throw redirect("/");
  return { buurten: await buurtOptions() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: registerSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  if (isHoneypotFilled(formData)) {
    // Bots get the same answer as people whose attempt failed; nothing is stored.
    return data(submission.reply({ formErrors: [t("common.errors.genericText")], hideFields: ["password"] }), {
      status: 400,
    });
  }
  const { name, email, password, buurtCode, redirectTo } = submission.value;
  const limit = await hitRateLimit(`register:ip:${clientAddress(context)}`, 20, 60 * 60 * 1000);
  if (!limit.allowed) {
    return data(submission.reply({ formErrors: [t("auth.register.tooMany")], hideFields: ["password"] }), {
      status: 429,
    });
  }
  if (buurtCode && !(await db.buurt.findUnique({ where: { code: buurtCode }, select: { code: true } }))) {
    return data(
      submission.reply({ fieldErrors: { buurtCode: [t("auth.validation.buurtUnknown")] }, hideFields: ["password"] }),
      { status: 400 },
    );
  }
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) {
    return data(
      submission.reply({ fieldErrors: { email: [t("auth.register.emailTaken")] }, hideFields: ["password"] }),
      { status: 400 },
    );
  }
  const passwordHash = await hashPassword(password);
  let userId: string;
  try {
    const user = await db.user.create({
      data: { name, email, passwordHash, buurtCode: buurtCode ?? null, roles: { create: { role: "resident" } } },
      select: { id: true },
    });
    userId = user.id;
  } catch {
    // Two registrations with the same email at once: the unique index decides.
    return data(
      submission.reply({ fieldErrors: { email: [t("auth.register.emailTaken")] }, hideFields: ["password"] }),
      { status: 400 },
    );
  }
  return redirectWithNewSession(userId, safeRedirectTo(redirectTo), {
    kind: "success",
    message: t("common.flash.registered"),
  });
}

export default function RegisterPage() {
  const { buurten } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const redirectTo = searchParams.get("redirectTo") ?? "";
  const navigation = useNavigation();
  const [form, fields] = useZodForm(registerSchema, { id: "register", lastResult });
  return (
    <div className="mx-auto max-w-md px-4 py-8">
      <h1 className="text-3xl font-bold">{t("auth.register.title")}</h1>
      <p className="mt-2 text-lg">{t("auth.register.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="relative mt-6 space-y-5">
        <ErrorSummary
          formErrors={form.errors}
          items={[
            { id: fields.name.id, label: t("auth.register.name"), errors: fields.name.errors },
            { id: fields.email.id, label: t("auth.register.email"), errors: fields.email.errors },
            { id: fields.password.id, label: t("auth.register.password"), errors: fields.password.errors },
            { id: fields.buurtCode.id, label: t("auth.register.buurt"), errors: fields.buurtCode.errors },
          ]}
        />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <HoneypotField />
        <TextField
          field={fields.name}
          label={t("auth.register.name")}
          hint={t("auth.register.nameHint")}
          autoComplete="name"
        />
        <TextField
          field={fields.email}
          label={t("auth.register.email")}
          hint={t("auth.register.emailHint")}
          type="email"
          autoComplete="email"
        />
        <TextField
          field={fields.password}
          label={t("auth.register.password")}
          hint={t("auth.register.passwordHint")}
          type="password"
          autoComplete="new-password"
        />
        <SelectField
          field={fields.buurtCode}
          label={t("auth.register.buurt")}
          optional
          placeholder={t("auth.register.buurtPlaceholder")}
          options={buurten.map((b) => ({ value: b.code, label: `${b.name} (${b.wijkName})` }))}
        />
        <button type="submit" className="btn-primary w-full" disabled={navigation.state === "submitting"}>
          {t("auth.register.submit")}
        </button>
        <PrivacyHint />
      </Form>
      <p className="mt-6">
        {t("auth.register.hasAccount")}{" "}
        <Link to={`/inloggen${redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ""}`}>
          {t("auth.register.loginLink")}
        </Link>
      </p>
    </div>
  );
}
