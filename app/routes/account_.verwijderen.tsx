import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, TextField, useZodForm } from "~/components/forms";
import { t } from "~/i18n";
import { clearSessionCookie, requireUser, verifyPassword } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { deleteAccount } from "~/utils/privacy.server";
import { hitRateLimit } from "~/utils/rate-limit.server";
import { readFormData } from "~/utils/request.server";
import { toastHeader } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: `${t("privacy.delete.title")} | ${t("common.appName")}` }];

/**
 * Accounts with a password confirm with it (so a borrowed, logged-in phone cannot delete the
 * account); accounts without one (made by confirming a report by mail) type a word instead.
 */
function deleteAccountSchema(hasPassword: boolean) {
  return hasPassword
    ? z.object({
        password: z
          .string({ error: t("privacy.validation.passwordRequired") })
          .min(1, t("privacy.validation.passwordRequired"))
          .max(200),
      })
    : z.object({
        confirm: z
          .string({ error: t("privacy.validation.confirmRequired") })
          .trim()
          .refine((value) => value === t("privacy.delete.confirmWord"), t("privacy.validation.confirmRequired")),
      });
}

async function hasPassword(userId: string) {
  const record = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
  return { passwordHash: record.passwordHash, hasPassword: record.passwordHash !== null };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { hasPassword: (await hasPassword(user.id)).hasPassword };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const account = await hasPassword(user.id);
  const submission = parseWithZod(await readFormData(request), { schema: deleteAccountSchema(account.hasPassword) });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  if ("password" in submission.value) {
    const limit = await hitRateLimit(`delete-account:user:${user.id}`, 5, 15 * 60 * 1000);
    if (!limit.allowed) {
      return data(submission.reply({ formErrors: [t("privacy.validation.tooMany")], hideFields: ["password"] }), {
        status: 429,
      });
    }
    if (!(await verifyPassword(account.passwordHash, submission.value.password))) {
      return data(
        submission.reply({
          fieldErrors: { password: [t("privacy.validation.wrongPassword")] },
          hideFields: ["password"],
        }),
        { status: 400 },
      );
    }
  }
  await deleteAccount(user.id);
  // deleteAccount removed every session of this person; the browser forgets its cookie too.
  const headers = new Headers();
  headers.append("Set-Cookie", clearSessionCookie());
  headers.append("Set-Cookie", await toastHeader({ kind: "success", message: t("privacy.delete.done") }));
  return redirect("/", { headers });
}

export default function DeleteAccountPage() {
  const { hasPassword } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const schema = deleteAccountSchema(hasPassword);
  const [form, fields] = useZodForm(schema, { id: "delete-account", lastResult, shouldValidate: "onSubmit" });
  const field = hasPassword ? fields.password : fields.confirm;
  const label = hasPassword ? t("privacy.delete.password") : t("privacy.delete.confirm");
  return (
    <div className="mx-auto max-w-2xl px-4 py-8">
      <p>
        <Link to="/account">{t("privacy.delete.cancel")}</Link>
      </p>
      <h1 className="mt-4 text-3xl font-bold">{t("privacy.delete.title")}</h1>
      <p className="mt-2 text-lg">{t("privacy.delete.intro")}</p>
      <section className="card mt-6 p-5" aria-labelledby="what-happens">
        <h2 id="what-happens" className="text-xl font-bold">
          {t("privacy.delete.whatHappens")}
        </h2>
        <ul className="mt-3 list-disc space-y-2 pl-6">
          <li>{t("privacy.delete.gone")}</li>
          <li>{t("privacy.delete.stays")}</li>
          <li>{t("privacy.delete.roles")}</li>
          <li>{t("privacy.delete.logout")}</li>
        </ul>
        <p className="mt-4">
          {t("privacy.delete.exportFirst")}{" "}
          <a href="/account/export.json" download>
            {t("privacy.delete.exportLink")}
          </a>
          .
        </p>
      </section>
      <Form method="post" {...getFormProps(form)} className="card mt-6 space-y-5 border-red-700 p-5">
        <ErrorSummary formErrors={form.errors} items={[{ id: field.id, label, errors: field.errors }]} />
        {hasPassword ? (
          <TextField
            field={fields.password!}
            label={label}
            hint={t("privacy.delete.passwordHint")}
            type="password"
            autoComplete="current-password"
          />
        ) : (
          <TextField
            field={fields.confirm!}
            label={label}
            hint={t("privacy.delete.confirmHint")}
            inputProps={{ autoComplete: "off", autoCapitalize: "characters", spellCheck: false }}
          />
        )}
        <div className="flex flex-wrap items-center gap-4">
          <button
            type="submit"
            className="btn bg-red-700 text-white hover:bg-red-800 hover:text-white"
            disabled={navigation.state === "submitting"}
          >
            {t("privacy.delete.submit")}
          </button>
          <Link to="/account" className="btn-quiet">
            {t("privacy.delete.cancel")}
          </Link>
        </div>
      </Form>
    </div>
  );
}
