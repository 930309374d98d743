import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import {
  ErrorSummary,
  HoneypotField,
  RadioGroupField,
  SelectField,
  TextField,
  isHoneypotFilled,
  useZodForm,
} from "~/components/forms";
import { LocationPicker } from "~/components/map";
import { ALERT_KINDS, ALERT_RADII, alertSubscribeSchema, radiusLabel } from "~/domain/alerts";
import { t } from "~/i18n";
import { isVerifiedAccount, resolveAlertTarget, subscribeToAlerts } from "~/utils/alerts.server";
import { getSessionUser } from "~/utils/auth.server";
import { buurtOptions } from "~/utils/buurten.server";
import { clientAddress, hitRateLimit } from "~/utils/rate-limit.server";
import { readFormData } from "~/utils/request.server";
import { activeThemes } from "~/utils/themes.server";
import { redirectWithToast } from "~/utils/toast.server";

/**
 * "Meldingen in je buurt per e-mail": subscribe to new issues in a buurt, around a point on the
 * map, or about a theme. Without an account (or with an unverified address) the subscription
 * waits for the link in a confirmation mail; the page answers the same whatever the address,
 * so it never tells whether someone already has subscriptions.
 */
export const meta: MetaFunction = () => [{ title: `${t("alerts.title")} | ${t("common.appName")}` }];

const PER_EMAIL_LIMIT = 5;
const PER_ADDRESS_LIMIT = 20;
const PER_USER_LIMIT = 30;
const WINDOW_MS = 60 * 60 * 1000;

type Kind = (typeof ALERT_KINDS)[number];

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const [user, themes, buurten] = await Promise.all([getSessionUser(request), activeThemes(), buurtOptions()]);
  const buurtCode = buurten.find((b) => b.code === params.get("buurt"))?.code ?? user?.buurtCode ?? null;
  const themeCode = themes.find((theme) => theme.code === params.get("thema"))?.code ?? null;
  const requestedKind = params.get("soort");
  const kind: Kind = ALERT_KINDS.includes(requestedKind as Kind)
    ? (requestedKind as Kind)
    : themeCode && !params.get("buurt")
      ? "thema"
      : "buurt";
  return {
    sent: params.has("verstuurd"),
    accountEmail: user?.email ?? null,
    themes: themes.map(({ code, name }) => ({ code, name })),
    buurten,
    defaults: { kind, buurtCode, themeCode },
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getSessionUser(request);
  const formData = await readFormData(request);
  // Logged in, mail goes to the account's address whatever the form says.
  if (user) formData.set("email", user.email);
  const submission = parseWithZod(formData, { schema: alertSubscribeSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  if (isHoneypotFilled(formData)) {
    return data(submission.reply({ formErrors: [t("common.errors.genericText")] }), { status: 400 });
  }
  const input = submission.value;

  // Per address mailed (no one floods someone's inbox) and per client; counted whatever the outcome.
  const limits = await Promise.all(
    user
      ? [hitRateLimit(`alerts:user:${user.id}`, PER_USER_LIMIT, WINDOW_MS)]
      : [
          hitRateLimit(`alerts:email:${input.email}`, PER_EMAIL_LIMIT, WINDOW_MS),
          hitRateLimit(`alerts:ip:${clientAddress(context)}`, PER_ADDRESS_LIMIT, WINDOW_MS),
        ],
  );
  if (limits.some((limit) => !limit.allowed)) {
    return data(submission.reply({ formErrors: [t("alerts.validation.tooMany")] }), { status: 429 });
  }

  const resolved = await resolveAlertTarget(input);
  if ("fieldErrors" in resolved) return data(submission.reply({ fieldErrors: resolved.fieldErrors }), { status: 400 });

  // A verified account's address is proven already: no confirmation mail needed.
  const verifiedUser = user ? await isVerifiedAccount(user.id) : false;
  const result = await subscribeToAlerts({
    email: input.email,
    target: resolved.target,
    frequency: input.frequency,
    userId: user?.id ?? null,
    verifiedUser,
  });
  if (result === "active") {
    return redirectWithToast("/account#attenties", { kind: "success", message: t("alerts.flash.created") });
  }
  return redirect("/attenties?verstuurd");
}

export default function AlertsPage() {
  const { sent, accountEmail, themes, buurten, defaults } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useZodForm(alertSubscribeSchema, {
    id: "alert-subscribe",
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: {
      email: accountEmail ?? undefined,
      kind: defaults.kind,
      buurtCode: defaults.buurtCode ?? undefined,
      themeCode: defaults.themeCode ?? undefined,
      radiusMeters: "250",
      frequency: "direct",
    },
  });

  const [kind, setKind] = useState(() => (fields.kind.initialValue as string | undefined) ?? defaults.kind);
  const [radius, setRadius] = useState(() => Number(fields.radiusMeters.initialValue) || 250);
  const [pin, setPin] = useState<{ lat: number; lng: number; buurtName: string } | null>(() => {
    const lat = Number(fields.lat.initialValue);
    const lng = Number(fields.lng.initialValue);
    return fields.lat.initialValue && Number.isFinite(lat) && Number.isFinite(lng) ? { lat, lng, buurtName: "" } : null;
  });
  const [outside, setOutside] = useState(false);

  if (sent) {
    return (
      <div className="mx-auto max-w-2xl px-4 py-8">
        <h1 className="text-3xl font-bold">{t("alerts.sent.title")}</h1>
        <p className="mt-4 text-lg">{t("alerts.sent.text")}</p>
        <p className="mt-3">{t("alerts.sent.hint")}</p>
        <p className="mt-6">
          <Link to="/attenties">{t("alerts.sent.again")}</Link>
        </p>
      </div>
    );
  }

  const placeErrors = outside ? [t("alerts.validation.placeOutside")] : fields.lat.errors;
  const summaryItems = [
    { id: fields.email.id, label: t("alerts.form.email"), errors: fields.email.errors },
    { id: fields.kind.id, label: t("alerts.form.kind"), errors: fields.kind.errors },
    { id: fields.buurtCode.id, label: t("alerts.form.buurt"), errors: kind === "buurt" ? fields.buurtCode.errors : [] },
    { id: "alert-place", label: t("alerts.form.place"), errors: kind === "straal" ? placeErrors : [] },
    {
      id: fields.radiusMeters.id,
      label: t("alerts.form.radius"),
      errors: kind === "straal" ? fields.radiusMeters.errors : [],
    },
    { id: fields.themeCode.id, label: t("alerts.form.theme"), errors: kind === "thema" ? fields.themeCode.errors : [] },
    { id: fields.frequency.id, label: t("alerts.form.frequency"), errors: fields.frequency.errors },
  ];

  // Which part of the form shows follows the checked radio button in CSS (:has), so it works
  // before and without JavaScript too; the map is only mounted once "straal" is chosen.
  const showWhen = (value: Kind) =>
    value === "buurt"
      ? "hidden group-has-[input[name=kind][value=buurt]:checked]:block"
      : value === "straal"
        ? "hidden group-has-[input[name=kind][value=straal]:checked]:block"
        : "hidden group-has-[input[name=kind][value=thema]:checked]:block";

  return (
    <div className="mx-auto max-w-2xl px-4 py-8">
      <h1 className="text-3xl font-bold">{t("alerts.title")}</h1>
      <p className="mt-2 text-lg">{t("alerts.intro")}</p>

      <Form method="post" {...getFormProps(form)} className="group relative mt-6 space-y-6">
        <ErrorSummary formErrors={form.errors} items={summaryItems} />
        <HoneypotField />

        <div className="card space-y-6 p-4 sm:p-5">
          <TextField
            field={fields.email}
            label={t("alerts.form.email")}
            hint={accountEmail ? t("alerts.form.emailAccount") : t("alerts.form.emailHint")}
            type="email"
            autoComplete="email"
            inputProps={accountEmail ? { readOnly: true, className: "input bg-gray-100" } : undefined}
          />

          <RadioGroupField
            field={fields.kind}
            legend={t("alerts.form.kind")}
            onChange={setKind}
            options={[
              { value: "buurt", label: t("alerts.form.kindBuurt") },
              { value: "straal", label: t("alerts.form.kindStraal") },
              { value: "thema", label: t("alerts.form.kindThema") },
            ]}
          />

          <div className={showWhen("buurt")}>
            <SelectField
              field={fields.buurtCode}
              label={t("alerts.form.buurt")}
              placeholder={t("alerts.form.buurtPlaceholder")}
              options={buurten.map((b) => ({ value: b.code, label: `${b.name} (${b.wijkName})` }))}
            />
          </div>

          <div className={`${showWhen("straal")} space-y-5`}>
            <div id="alert-place" tabIndex={-1} className="space-y-2">
              <p className="font-semibold">{t("alerts.form.place")}</p>
              <noscript>
                <p className="font-semibold">{t("alerts.form.noScript")}</p>
              </noscript>
              {kind === "straal" && placeErrors?.length ? (
                <p id="alert-place-error" role="alert" className="font-semibold text-red-700">
                  {placeErrors[0]}
                </p>
              ) : null}
              {kind === "straal" ? (
                <>
                  <LocationPicker
                    value={pin}
                    radiusMeters={radius}
                    texts={{
                      label: t("alerts.form.place"),
                      instructions: t("alerts.form.placeHint"),
                      markerTitle: t("alerts.form.place"),
                    }}
                    onChange={(value) => {
                      setOutside(false);
                      setPin(value && { lat: value.lat, lng: value.lng, buurtName: value.buurtName });
                    }}
                    onOutside={() => setOutside(true)}
                  />
                  <p aria-live="polite" className="font-semibold">
                    {pin
                      ? pin.buurtName
                        ? t("alerts.form.placeChosen", { buurt: pin.buurtName })
                        : null
                      : t("alerts.form.placeNone")}
                  </p>
                </>
              ) : null}
              <input type="hidden" name={fields.lat.name} value={pin ? pin.lat.toFixed(6) : ""} />
              <input type="hidden" name={fields.lng.name} value={pin ? pin.lng.toFixed(6) : ""} />
            </div>
            <RadioGroupField
              field={fields.radiusMeters}
              legend={t("alerts.form.radius")}
              onChange={(value) => setRadius(Number(value))}
              options={ALERT_RADII.map((meters) => ({ value: String(meters), label: radiusLabel(meters) }))}
            />
          </div>

          <div className={showWhen("thema")}>
            <SelectField
              field={fields.themeCode}
              label={t("alerts.form.theme")}
              placeholder={t("alerts.form.themePlaceholder")}
              options={themes.map((theme) => ({ value: theme.code, label: theme.name }))}
            />
          </div>

          <RadioGroupField
            field={fields.frequency}
            legend={t("alerts.form.frequency")}
            options={[
              { value: "direct", label: t("alerts.form.frequencyDirect") },
              { value: "dagelijks", label: t("alerts.form.frequencyDagelijks") },
            ]}
          />
        </div>

        <p className="text-sm text-gray-700">{t("alerts.form.privacy")}</p>
        <button type="submit" className="btn-primary w-full sm:w-auto" disabled={navigation.state === "submitting"}>
          {accountEmail ? t("alerts.form.submitAccount") : t("alerts.form.submit")}
        </button>
      </Form>

      <p className="mt-8">
        {t("alerts.form.manageHint")} <Link to="/account#attenties">{t("alerts.form.manage")}</Link>.
      </p>
    </div>
  );
}
