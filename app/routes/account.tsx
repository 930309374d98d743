import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { AlertSubscriptions } from "~/components/alert-subscriptions";
import { CheckboxField, ErrorSummary, TextField, useZodForm } from "~/components/forms";
import { alertDeleteSchema, alertFrequencySchema, frequencyLabel } from "~/domain/alerts";
import { changePasswordSchema } from "~/domain/account-schemas";
import { isSteeringMember } from "~/domain/permissions";
import { steeringConsentSchema } from "~/domain/steering";
import { alertSubscriptionsFor, deleteOwnedSubscription, setOwnedSubscriptionFrequency } from "~/utils/alerts.server";
import { redirectWithToast } from "~/utils/toast.server";
import { t } from "~/i18n";
import {
  hashPassword,
  invalidateAllSessions,
  redirectWithNewSession,
  requireUser,
  verifyPassword,
} from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { readFormData } from "~/utils/request.server";
import { hitRateLimit } from "~/utils/rate-limit.server";

export const meta: MetaFunction = () => [{ title: `${t("auth.account.title")} | ${t("common.appName")}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const buurt = user.buurtCode
    ? await db.buurt.findUnique({ where: { code: user.buurtCode }, select: { name: true } })
    : null;
  const steering = isSteeringMember(user)
    ? await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { steeringNamePublicAt: true } })
    : null;
  return {
    name: user.name,
    email: user.email,
    buurtName: buurt?.name ?? null,
    steering: steering ? { namePublic: steering.steeringNamePublicAt !== null } : null,
    alerts: await alertSubscriptionsFor(user),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readFormData(request);
  if (formData.get("intent") === "steering-consent") return steeringConsent(user, formData);
  if (formData.get("intent") === "alert-frequency") return changeAlertFrequency(user, formData);
  if (formData.get("intent") === "alert-delete") return deleteAlert(user, formData);
  const submission = parseWithZod(formData, { schema: changePasswordSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["currentPassword", "newPassword"] }), { status: 400 });
  }
  const limit = await hitRateLimit(`password:user:${user.id}`, 10, 15 * 60 * 1000);
  if (!limit.allowed) {
    return data(
      submission.reply({ formErrors: [t("auth.login.tooMany")], hideFields: ["currentPassword", "newPassword"] }),
      {
        status: 429,
      },
    );
  }
  const record = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
  if (!(await verifyPassword(record.passwordHash, submission.value.currentPassword))) {
    return data(
      submission.reply({
        fieldErrors: { currentPassword: [t("auth.account.wrongPassword")] },
        hideFields: ["currentPassword", "newPassword"],
      }),
      { status: 400 },
    );
  }
  if (submission.value.newPassword === submission.value.currentPassword) {
    return data(
      submission.reply({
        fieldErrors: { newPassword: [t("auth.account.samePassword")] },
        hideFields: ["currentPassword", "newPassword"],
      }),
      { status: 400 },
    );
  }
  await db.user.update({
    where: { id: user.id },
    data: { passwordHash: await hashPassword(submission.value.newPassword) },
  });
  // A changed password ends every session, including stolen ones; this device gets a new one.
  await invalidateAllSessions(user.id);
  return redirectWithNewSession(user.id, "/account", { kind: "success", message: t("common.flash.passwordChanged") });
}

/** A steering group member agrees (or no longer agrees) to be named on /agenda. */
async function steeringConsent(user: Awaited<ReturnType<typeof requireUser>>, formData: FormData) {
  if (!isSteeringMember(user)) throw new Response("Geen toegang", { status: 403 });
  const submission = parseWithZod(formData, { schema: steeringConsentSchema });
  if (submission.status !== "success") throw new Response("Onbekende keuze", { status: 400 });
  const current = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { steeringNamePublicAt: true } });
  const consent = submission.value.consent === true;
  await db.user.update({
    where: { id: user.id },
    // Keep the original moment of consent when it is confirmed again.
    data: { steeringNamePublicAt: consent ? (current.steeringNamePublicAt ?? new Date()) : null },
  });
  return redirectWithToast("/account", { kind: "success", message: t("steering.account.saved") });
}

/** Only the person's own subscriptions: someone else's id answers 404, as if it did not exist. */
async function changeAlertFrequency(user: Awaited<ReturnType<typeof requireUser>>, formData: FormData) {
  const parsed = alertFrequencySchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) throw new Response("Onbekende keuze", { status: 400 });
  const { subscriptionId, frequency } = parsed.data;
  if (!(await setOwnedSubscriptionFrequency(user, subscriptionId, frequency))) {
    throw new Response("Niet gevonden", { status: 404 });
  }
  return redirectWithToast("/account#attenties", {
    kind: "success",
    message: t("alerts.flash.frequencySaved", { frequency: frequencyLabel(frequency) }),
  });
}

async function deleteAlert(user: Awaited<ReturnType<typeof requireUser>>, formData: FormData) {
  const parsed = alertDeleteSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) throw new Response("Onbekende keuze", { status: 400 });
  if (!(await deleteOwnedSubscription(user, parsed.data.subscriptionId))) {
    throw new Response("Niet gevonden", { status: 404 });
  }
  return redirectWithToast("/account#attenties", { kind: "success", message: t("alerts.flash.deleted") });
}

function SteeringConsentForm({ namePublic }: { namePublic: boolean }) {
  const navigation = useNavigation();
  const [form, fields] = useZodForm(steeringConsentSchema, {
    id: "steering-consent",
    lastResult: undefined,
    defaultValue: { consent: namePublic ? "on" : undefined },
  });
  return (
    <section className="card mt-6 p-5" aria-labelledby="steering-title">
      <h2 id="steering-title" className="text-xl font-bold">
        {t("steering.account.title")}
      </h2>
      <p className="mt-1">{t("steering.account.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="mt-3 space-y-3">
        <input type="hidden" name="intent" value="steering-consent" />
        <CheckboxField field={fields.consent} label={t("steering.account.consent")} />
        <button type="submit" className="btn-secondary" disabled={navigation.state === "submitting"}>
          {t("steering.account.submit")}
        </button>
      </Form>
    </section>
  );
}

export default function AccountPage() {
  const account = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useZodForm(changePasswordSchema, { id: "change-password", lastResult });
  const location = useLocation();
  return (
    <div className="mx-auto max-w-2xl px-4 py-8">
      <h1 className="text-3xl font-bold">{t("auth.account.title")}</h1>
      <section className="card mt-6 p-5" aria-labelledby="details-title">
        <h2 id="details-title" className="text-xl font-bold">
          {t("auth.account.details")}
        </h2>
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-6 gap-y-2">
          <dt className="font-semibold">{t("auth.account.name")}</dt>
          <dd>{account.name}</dd>
          <dt className="font-semibold">{t("auth.account.email")}</dt>
          <dd>{account.email}</dd>
          <dt className="font-semibold">{t("auth.account.buurt")}</dt>
          <dd>{account.buurtName ?? t("auth.account.noBuurt")}</dd>
        </dl>
      </section>
      {account.steering ? <SteeringConsentForm namePublic={account.steering.namePublic} /> : null}
      <AlertSubscriptions subscriptions={account.alerts} />
      <section className="card mt-6 p-5" aria-labelledby="password-title">
        <h2 id="password-title" className="text-xl font-bold">
          {t("auth.account.changePassword")}
        </h2>
        {/* A new key after every answer: the password fields are emptied (also after a change, so a
            shared computer does not keep them in the page). */}
        <Form key={location.key} method="post" {...getFormProps(form)} className="mt-4 space-y-5">
          <ErrorSummary
            formErrors={form.errors}
            items={[
              {
                id: fields.currentPassword.id,
                label: t("auth.account.currentPassword"),
                errors: fields.currentPassword.errors,
              },
              { id: fields.newPassword.id, label: t("auth.account.newPassword"), errors: fields.newPassword.errors },
            ]}
          />
          <TextField
            field={fields.currentPassword}
            label={t("auth.account.currentPassword")}
            type="password"
            autoComplete="current-password"
          />
          <TextField
            field={fields.newPassword}
            label={t("auth.account.newPassword")}
            hint={t("auth.account.newPasswordHint")}
            type="password"
            autoComplete="new-password"
          />
          <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
            {t("auth.account.submit")}
          </button>
        </Form>
      </section>
      <PrivacySection />
    </div>
  );
}

/** AVG: download everything stored about you, or delete your account (own routes). */
function PrivacySection() {
  return (
    <section id="gegevens" className="card mt-6 p-5" aria-labelledby="privacy-title">
      <h2 id="privacy-title" className="text-xl font-bold">
        {t("privacy.account.title")}
      </h2>
      <p className="mt-1">{t("privacy.account.intro")}</p>
      <div className="mt-4 flex flex-wrap gap-3">
        <a href="/account/export.json" download className="btn-secondary">
          {t("privacy.account.download")}
        </a>
        <Link to="/account/verwijderen" className="btn-secondary border-red-700 text-red-800 hover:bg-red-50">
          {t("privacy.account.delete")}
        </Link>
      </div>
      <p className="mt-3 text-sm text-gray-700">{t("privacy.account.downloadHint")}</p>
      <p className="mt-2">
        <Link to="/privacy">{t("privacy.account.privacyLink")}</Link>
      </p>
    </section>
  );
}
