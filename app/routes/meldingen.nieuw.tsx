import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState, type MouseEvent } from "react";
import { ErrorSummary, SelectField, TextareaField, TextField } from "~/components/form-fields";
import { HoneypotField, isHoneypotFilled } from "~/components/form-parts";
import { useLazyZodForm, type FormValidator } from "~/components/lazy-form";
import { LocationPicker } from "~/components/map";
import { NearbyIssues } from "~/components/nearby-issues";
import { StepLegend, StepNavigation, useSmallScreen, useSteps } from "~/components/report-steps";
import { ThemeIcon } from "~/components/theme-icon";
import { PrivacyHint } from "~/components/privacy-hint";
import { hasPermission } from "~/domain/permissions";
import { PHOTO_TYPES } from "~/domain/report-limits";
import { anonymousReportSchema, reportSchema, type AnonymousReportInput } from "~/domain/report-schema";
import { t, type MessageKey } from "~/i18n";
import { getSessionUser } from "~/utils/auth.server";
import { buurtAt, buurtOptions, loadBuurten } from "~/utils/buurten.server";
import { TOO_LARGE, parseMultipart } from "~/utils/multipart.server";
import { PhotoError, storePhoto } from "~/utils/photos.server";
import { clientAddress, hitRateLimit } from "~/utils/rate-limit.server";
import { createIssue, createUnconfirmedIssue } from "~/utils/report.server";
import { activeThemes } from "~/utils/themes.server";
import { redirectWithToast } from "~/utils/toast.server";
import { db } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: `${t("report.title")} | ${t("common.appName")}` }];

const REPORTS_PER_HOUR = 10;
/** Without an account: per address (shared by a household or a school) and per mailbox. */
const ANONYMOUS_REPORTS_PER_ADDRESS_PER_HOUR = 10;
const ANONYMOUS_REPORTS_PER_EMAIL_PER_HOUR = 5;
const HOUR = 60 * 60 * 1000;

/**
 * Logged in: the report is published at once. Not logged in: the same form asks for an email
 * address at the end and the report waits for the link in the mail (confirmations.server.ts).
 * Logged in without permission to report (e.g. a partner account only): refused.
 */
async function reporter(request: Request) {
  const user = await getSessionUser(request);
  if (user && !hasPermission(user, "issue:report")) throw new Response("Geen toegang", { status: 403 });
  return user;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await reporter(request);
  const [themes, buurten] = await Promise.all([activeThemes(), buurtOptions()]);
  return { themes, buurten, anonymous: !user };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await reporter(request);
  const { formData, files } = await parseMultipart(request, ["photo"]);
  const submission = parseWithZod(formData, { schema: user ? reportSchema : anonymousReportSchema });
  const photoFile = files.get("photo");
  const reply = (options: Parameters<typeof submission.reply>[0], status = 400) =>
    data({ result: submission.reply(options), photoLost: Boolean(photoFile) }, { status });

  if (submission.status !== "success") return reply({});
  if (isHoneypotFilled(formData)) return reply({ formErrors: [t("common.errors.genericText")] });

  const input = submission.value;
  const theme = await db.theme.findFirst({ where: { code: input.themeCode, retiredAt: null }, select: { id: true } });
  if (!theme) return reply({ fieldErrors: { themeCode: [t("report.validation.themeUnknown")] } });

  let location: { lat: number; lng: number; buurtCode: string };
  if (input.locationMode === "kaart") {
    const buurt = await buurtAt({ lat: input.lat, lng: input.lng });
    if (!buurt) return reply({ fieldErrors: { lat: [t("report.where.outside")] } });
    location = { lat: input.lat, lng: input.lng, buurtCode: buurt.code };
  } else {
    const buurt = (await loadBuurten()).find((b) => b.code === input.buurtCode);
    if (!buurt) return reply({ fieldErrors: { buurtCode: [t("report.validation.buurtRequired")] } });
    location = { ...buurt.center, buurtCode: buurt.code };
  }

  if (photoFile === TOO_LARGE) return reply({ fieldErrors: { photo: [t("report.validation.photoTooLarge")] } });

  // Only the form without an account has (and requires) an email field.
  const email = "email" in input ? input.email : "";
  if (user) {
    const limit = await hitRateLimit(`report:user:${user.id}`, REPORTS_PER_HOUR, HOUR);
    if (!limit.allowed) return reply({ formErrors: [t("report.validation.tooMany")] }, 429);
  } else {
    const perAddress = await hitRateLimit(
      `report:ip:${clientAddress(context)}`,
      ANONYMOUS_REPORTS_PER_ADDRESS_PER_HOUR,
      HOUR,
    );
    const perEmail = await hitRateLimit(`report:email:${email}`, ANONYMOUS_REPORTS_PER_EMAIL_PER_HOUR, HOUR);
    if (!perAddress.allowed || !perEmail.allowed) {
      return reply({ formErrors: [t("confirm.validation.tooMany")] }, 429);
    }
  }

  let photo;
  if (photoFile) {
    try {
      photo = await storePhoto(photoFile);
    } catch (error) {
      if (error instanceof PhotoError) {
        return reply({ fieldErrors: { photo: [t(`report.validation.${error.problem}` as MessageKey)] } });
      }
      throw error;
    }
  }

  if (!user) {
    await createUnconfirmedIssue({ input, themeId: theme.id, ...location, photo }, email);
    // The same answer whether or not the address has an account.
    return redirect("/bevestigen/verstuurd?soort=melding");
  }
  const issue = await createIssue({ input, reporterId: user.id, themeId: theme.id, ...location, photo });
  return redirectWithToast(`/meldingen/${issue.id}?nieuw=1`, { kind: "success", message: t("report.thanks") });
}

/** Which fields each step shows, for validating one step at a time on a phone. */
const STEP_FIELDS: Record<number, readonly string[]> = {
  1: ["locationMode", "lat", "lng", "buurtCode", "placeDescription"],
  2: ["themeCode"],
  3: ["title", "description", "photo"],
  4: ["email"],
};
const STEP_COUNT = 4;

// One form type for both: the schema without email is used only when the field is absent.
type ReportFormValidator = FormValidator<AnonymousReportInput, AnonymousReportInput>;
const loadValidation = () =>
  import("~/domain/report-validation").then((module) => module.validateReport as unknown as ReportFormValidator);
const loadAnonymousValidation = () =>
  import("~/domain/report-validation").then((module) => module.validateAnonymousReport as ReportFormValidator);

export default function ReportPage() {
  const { themes, buurten, anonymous } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields, validation] = useLazyZodForm(anonymous ? loadAnonymousValidation : loadValidation, {
    id: "report",
    lastResult: actionData?.result,
    shouldValidate: "onSubmit",
    defaultValue: { locationMode: "kaart" },
  });
  const steps = useSteps(STEP_COUNT, useSmallScreen());

  const initialMode = (fields.locationMode.initialValue as string | undefined) ?? "kaart";
  const [mode, setMode] = useState(initialMode);
  const [pin, setPin] = useState<{ lat: number; lng: number; buurtName: string } | null>(() => {
    const lat = Number(fields.lat.initialValue);
    const lng = Number(fields.lng.initialValue);
    return fields.lat.initialValue && Number.isFinite(lat) && Number.isFinite(lng) ? { lat, lng, buurtName: "" } : null;
  });
  const [outside, setOutside] = useState(false);
  const [themeCode, setThemeCode] = useState((fields.themeCode.initialValue as string | undefined) ?? "");
  const [preview, setPreview] = useState<string | null>(null);
  useEffect(() => () => void (preview && URL.revokeObjectURL(preview)), [preview]);

  // After a refused submit on a phone, show the first step with a problem.
  const serverErrors = actionData?.result.error;
  useEffect(() => {
    if (!steps.enabled || !serverErrors) return;
    // A refusal for the whole form (too many reports, the anti-spam field) stays on the last
    // step, where the send button is.
    const first = [1, 2, 3, 4].find((n) => STEP_FIELDS[n].some((name) => serverErrors[name]?.length));
    steps.goTo(first ?? STEP_COUNT);
    // Only when a new answer arrives.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [serverErrors]);

  // A chosen pin answers "Kies een plek": the earlier error goes at once, not at the next check.
  const locationErrors = outside ? [t("report.where.outside")] : pin ? undefined : fields.lat.errors;
  const focusTarget: Record<string, string> = {
    lat: "location",
    lng: "location",
    themeCode: `${fields.themeCode.id}-first`,
    photo: "photo",
  };

  // The step now, also for a check that finishes after the page moved on.
  const currentStep = useRef(steps.step);
  useEffect(() => {
    currentStep.current = steps.step;
  }, [steps.step]);
  const checkingStep = useRef(false);
  async function nextStep() {
    const element = document.getElementById(form.id);
    if (!(element instanceof HTMLFormElement) || checkingStep.current) return;
    const step = steps.step;
    checkingStep.current = true;
    const validate = await validation.validator().catch(() => null);
    checkingStep.current = false;
    // Moved elsewhere (back, or a link in the error summary) while the check was loading.
    if (currentStep.current !== step) return;
    // Without the check (it could not load) the page goes on; the server checks at the end.
    const result = validate?.(new FormData(element));
    const errors = !result || result.status === "success" ? {} : (result.error ?? {});
    const invalid = STEP_FIELDS[step].filter((name) => errors[name]?.length);
    if (step === 1 && mode === "kaart" && outside) invalid.push("lat");
    if (invalid.length === 0) return steps.goTo(step + 1);
    for (const name of invalid) form.validate({ name });
    const first = invalid[0];
    document.getElementById(focusTarget[first] ?? `${form.id}-${first}`)?.focus();
  }

  /** A link in the error summary to a field on another step opens that step first. */
  function openStepOfLink(event: MouseEvent<HTMLDivElement>) {
    const href = (event.target as HTMLElement).closest("a")?.getAttribute("href");
    if (!steps.enabled || !href?.startsWith("#")) return;
    const target = document.getElementById(href.slice(1));
    const step = [1, 2, 3, 4].find((n) => target && document.getElementById(`step-${n}`)?.contains(target));
    if (!step) return;
    // Focus the field without changing the address (a hash that is no step hash would count as
    // a navigation); on another step, open that step first.
    event.preventDefault();
    if (step === steps.step) return target?.focus();
    steps.goTo(step);
    setTimeout(() => target?.focus(), 50);
  }

  const summaryItems = [
    { id: "location", label: t("report.where.legend"), errors: mode === "kaart" ? locationErrors : undefined },
    {
      id: fields.buurtCode.id,
      label: t("report.where.buurt"),
      errors: mode === "omschrijving" ? fields.buurtCode.errors : undefined,
    },
    {
      id: fields.placeDescription.id,
      label: t("report.where.place"),
      errors: mode === "omschrijving" ? fields.placeDescription.errors : undefined,
    },
    { id: `${fields.themeCode.id}-first`, label: t("report.what.theme"), errors: fields.themeCode.errors },
    { id: fields.title.id, label: t("report.what.title"), errors: fields.title.errors },
    { id: fields.description.id, label: t("report.what.description"), errors: fields.description.errors },
    { id: "photo", label: t("report.what.photo"), errors: fields.photo?.errors },
    ...(anonymous ? [{ id: fields.email.id, label: t("confirm.report.email"), errors: fields.email.errors }] : []),
  ];

  const submitButton = (
    <button type="submit" className="btn-primary w-full sm:w-auto" disabled={navigation.state === "submitting"}>
      {navigation.state === "submitting" ? t("report.submitting") : t("report.submit")}
    </button>
  );

  return (
    <div className="mx-auto max-w-3xl px-4 py-6">
      <h1 className="text-3xl font-bold">{t("report.title")}</h1>
      <p className="mt-2 text-lg">{t("report.intro")}</p>
      {anonymous ? (
        <div className="mt-4 rounded-md border-l-8 border-primary-700 bg-primary-50 p-4">
          <h2 className="font-bold">{t("confirm.report.noAccountTitle")}</h2>
          <p className="mt-1">{t("confirm.report.noAccountText")}</p>
          <p className="mt-2">
            {t("confirm.report.haveAccount")}{" "}
            <Link to={`/inloggen?redirectTo=${encodeURIComponent("/meldingen/nieuw")}`}>
              {t("confirm.report.login")}
            </Link>
            .
          </p>
        </div>
      ) : null}

      <Form
        method="post"
        encType="multipart/form-data"
        {...getFormProps(form)}
        {...validation.warmUp}
        className="relative mt-6 space-y-8"
      >
        {/* Clicks on the summary's links are only read here, the links themselves stay links. */}
        {/* eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-static-element-interactions */}
        <div onClick={openStepOfLink}>
          <ErrorSummary formErrors={form.errors} items={summaryItems} />
        </div>
        <HoneypotField />

        <fieldset id="step-1" hidden={!steps.isVisible(1)} className="group/where card space-y-4 p-4 sm:p-5">
          <StepLegend steps={steps} number={1} title={t("confirm.steps.where")} />
          <div className="clear-both flex flex-col gap-2 sm:flex-row sm:gap-6">
            {(["kaart", "omschrijving"] as const).map((value) => (
              <label key={value} className="flex min-h-11 cursor-pointer items-center gap-2">
                <input
                  type="radio"
                  id={`location-mode-${value}`}
                  name={fields.locationMode.name}
                  value={value}
                  checked={mode === value}
                  onChange={() => setMode(value)}
                  className="h-5 w-5 accent-primary-700"
                />
                {value === "kaart" ? t("report.where.modeMap") : t("report.where.modeDescribe")}
              </label>
            ))}
          </div>

          {/* Shown and hidden by CSS from the checked radio, so it also works without JavaScript. */}
          {mode === "kaart" ? (
            <div
              id="location"
              tabIndex={-1}
              className="space-y-2 group-has-[#location-mode-omschrijving:checked]/where:hidden"
            >
              <noscript>
                <p className="font-semibold">{t("report.where.noScript")}</p>
              </noscript>
              {locationErrors?.length ? (
                <p id="location-error" role="alert" className="font-semibold text-red-700">
                  {locationErrors[0]}
                </p>
              ) : null}
              <LocationPicker
                value={pin}
                onChange={(value) => {
                  setOutside(false);
                  setPin(value && { lat: value.lat, lng: value.lng, buurtName: value.buurtName });
                }}
                onOutside={() => setOutside(true)}
              />
              <input type="hidden" name={fields.lat.name} value={pin ? pin.lat.toFixed(6) : ""} />
              <input type="hidden" name={fields.lng.name} value={pin ? pin.lng.toFixed(6) : ""} />
              <p aria-live="polite" className="font-semibold">
                {pin
                  ? pin.buurtName
                    ? t("report.where.chosen", { buurt: pin.buurtName })
                    : null
                  : t("report.where.noPin")}
              </p>
            </div>
          ) : null}
          <div className="hidden space-y-4 group-has-[#location-mode-omschrijving:checked]/where:block">
            <SelectField
              field={fields.buurtCode}
              label={t("report.where.buurt")}
              placeholder={t("report.where.buurtPlaceholder")}
              options={buurten.map((b) => ({ value: b.code, label: `${b.name} (${b.wijkName})` }))}
            />
            <TextField
              field={fields.placeDescription}
              label={t("report.where.place")}
              hint={t("report.where.placeHint")}
            />
          </div>
        </fieldset>

        <fieldset
          id="step-2"
          hidden={!steps.isVisible(2)}
          className="card p-4 sm:p-5"
          aria-describedby={fields.themeCode.errors ? fields.themeCode.errorId : undefined}
        >
          <StepLegend steps={steps} number={2} title={t("report.what.theme")} />
          {fields.themeCode.errors?.length ? (
            <p id={fields.themeCode.errorId} className="clear-both font-semibold text-red-700">
              {fields.themeCode.errors[0]}
            </p>
          ) : null}
          <div className="clear-both grid grid-cols-2 gap-2 pt-2 sm:grid-cols-3">
            {themes.map((theme, index) => (
              <label
                key={theme.code}
                className="flex min-h-16 cursor-pointer items-center gap-2 rounded-md border-2 border-gray-300 bg-white p-3 has-[:checked]:border-primary-700 has-[:checked]:bg-primary-50 has-[:focus-visible]:outline has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-amber-500"
              >
                <input
                  type="radio"
                  id={index === 0 ? `${fields.themeCode.id}-first` : undefined}
                  name={fields.themeCode.name}
                  value={theme.code}
                  defaultChecked={themeCode === theme.code}
                  onChange={() => setThemeCode(theme.code)}
                  className="sr-only"
                />
                <ThemeIcon code={theme.code} className="h-6 w-6 shrink-0 text-primary-700" />
                <span className="font-medium leading-tight">{theme.name}</span>
              </label>
            ))}
          </div>
        </fieldset>

        <fieldset id="step-3" hidden={!steps.isVisible(3)} className="card space-y-5 p-4 sm:p-5">
          <StepLegend steps={steps} number={3} title={t("confirm.steps.what")} />
          <div className="clear-both" />
          <TextField
            field={fields.title}
            label={t("report.what.title")}
            hint={t("report.what.titleHint")}
            inputProps={{ maxLength: 120 }}
          />
          <TextareaField
            field={fields.description}
            label={t("report.what.description")}
            hint={t("report.what.descriptionHint")}
            rows={5}
          />
          <div className="space-y-1">
            <label htmlFor="photo" className="block font-semibold">
              {t("report.what.photo")} <span className="font-normal text-gray-700">{t("common.form.optional")}</span>
            </label>
            <p id="photo-hint" className="text-sm text-gray-700">
              {t("report.what.photoHint")}
            </p>
            {fields.photo?.errors?.length ? (
              <p id="photo-error" className="font-semibold text-red-700">
                {fields.photo.errors[0]}
              </p>
            ) : actionData?.photoLost ? (
              <p className="font-semibold text-amber-900">{t("report.what.photoAgain")}</p>
            ) : null}
            <input
              id="photo"
              name="photo"
              type="file"
              accept={PHOTO_TYPES.join(",")}
              aria-describedby={fields.photo?.errors?.length ? "photo-hint photo-error" : "photo-hint"}
              aria-invalid={fields.photo?.errors?.length ? true : undefined}
              className="block min-h-11 w-full text-base file:mr-3 file:min-h-11 file:rounded-md file:border-2 file:border-primary-700 file:bg-white file:px-4 file:font-semibold file:text-primary-700"
              onChange={(event) => {
                const file = event.currentTarget.files?.[0];
                setPreview(file ? URL.createObjectURL(file) : null);
              }}
            />
            {preview ? (
              <img
                src={preview}
                alt={t("report.what.photoPreview")}
                className="mt-2 max-h-56 rounded-md border border-gray-300"
              />
            ) : null}
          </div>
        </fieldset>

        <fieldset id="step-4" hidden={!steps.isVisible(4)} className="card space-y-5 p-4 sm:p-5">
          <StepLegend steps={steps} number={4} title={t("confirm.steps.check")} />
          <section className="clear-both space-y-3" aria-labelledby="nearby-title">
            <h3 id="nearby-title" className="text-lg font-bold">
              {t("confirm.steps.nearby")}
            </h3>
            {mode === "kaart" ? (
              <NearbyIssues point={pin} themeCode={themeCode} loggedIn={!anonymous} />
            ) : (
              <p className="text-gray-700">{t("report.nearby.described")}</p>
            )}
          </section>
          {anonymous ? (
            <div className="border-t border-gray-300 pt-4">
              <TextField
                field={fields.email}
                label={t("confirm.report.email")}
                hint={t("confirm.report.emailHint")}
                type="email"
                autoComplete="email"
              />
            </div>
          ) : null}
        </fieldset>

        <PrivacyHint />

        <div className="sticky bottom-0 -mx-4 border-t border-gray-300 bg-white/95 p-3 sm:static sm:mx-0 sm:border-0 sm:bg-transparent sm:p-0">
          <StepNavigation steps={steps} onNext={nextStep} last={submitButton} />
        </div>
      </Form>
    </div>
  );
}
