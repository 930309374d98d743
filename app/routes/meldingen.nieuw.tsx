import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import {
  ErrorSummary,
  HoneypotField,
  SelectField,
  TextareaField,
  TextField,
  isHoneypotFilled,
  useZodForm,
} from "~/components/forms";
import { LocationPicker } from "~/components/map";
import { NearbyIssues } from "~/components/nearby-issues";
import { ThemeIcon } from "~/components/theme-icon";
import { hasPermission } from "~/domain/permissions";
import { PHOTO_TYPES, reportSchema } from "~/domain/report-schema";
import { t, type MessageKey } from "~/i18n";
import { requirePermission } from "~/utils/auth.server";
import { buurtAt, buurtOptions, loadBuurten } from "~/utils/buurten.server";
import { TOO_LARGE, parseMultipart } from "~/utils/multipart.server";
import { PhotoError, storePhoto } from "~/utils/photos.server";
import { hitRateLimit } from "~/utils/rate-limit.server";
import { createIssue } from "~/utils/report.server";
import { activeThemes } from "~/utils/themes.server";
import { redirectWithToast } from "~/utils/toast.server";
import { db } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: `${t("report.title")} | ${t("common.appName")}` }];

const REPORTS_PER_HOUR = 10;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "issue:report");
  const [themes, buurten] = await Promise.all([activeThemes(), buurtOptions()]);
  return { themes, buurten };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "issue:report");
  const { formData, files } = await parseMultipart(request, ["photo"]);
  const submission = parseWithZod(formData, { schema: reportSchema });
  const photoFile = files.get("photo");
  const reply = (options: Parameters<typeof submission.reply>[0], status = 400) =>
    data({ result: submission.reply(options), photoLost: Boolean(photoFile) }, { status });

  if (submission.status !== "success") return reply({});
  if (isHoneypotFilled(formData)) return reply({ formErrors: [t("common.errors.genericText")] });
  if (!hasPermission(user, "issue:report")) throw new Response("Geen toegang", { status: 403 });

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

  const limit = await hitRateLimit(`report:user:${user.id}`, REPORTS_PER_HOUR, 60 * 60 * 1000);
  if (!limit.allowed) return reply({ formErrors: [t("report.validation.tooMany")] }, 429);

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

  const issue = await createIssue({ input, reporterId: user.id, themeId: theme.id, ...location, photo });
  return redirectWithToast(`/meldingen/${issue.id}?nieuw=1`, { kind: "success", message: t("report.thanks") });
}

export default function ReportPage() {
  const { themes, buurten } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useZodForm(reportSchema, {
    id: "report",
    lastResult: actionData?.result,
    shouldValidate: "onSubmit",
    defaultValue: { locationMode: "kaart" },
  });

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

  const locationErrors = outside ? [t("report.where.outside")] : fields.lat.errors;
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
  ];

  return (
    <div className="mx-auto max-w-3xl px-4 py-6">
      <h1 className="text-3xl font-bold">{t("report.title")}</h1>
      <p className="mt-2 text-lg">{t("report.intro")}</p>

      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="relative mt-6 space-y-8">
        <ErrorSummary formErrors={form.errors} items={summaryItems} />
        <HoneypotField />

        <fieldset className="card space-y-4 p-4 sm:p-5">
          <legend className="float-left mb-2 w-full text-xl font-bold">{t("report.where.legend")}</legend>
          <div className="clear-both flex flex-col gap-2 sm:flex-row sm:gap-6">
            {(["kaart", "omschrijving"] as const).map((value) => (
              <label key={value} className="flex min-h-11 cursor-pointer items-center gap-2">
                <input
                  type="radio"
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

          {mode === "kaart" ? (
            <div id="location" tabIndex={-1} className="space-y-2">
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
          ) : (
            <div className="space-y-4">
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
          )}
        </fieldset>

        <fieldset className="card space-y-5 p-4 sm:p-5">
          <legend className="float-left mb-2 w-full text-xl font-bold">{t("report.what.legend")}</legend>
          <fieldset
            className="clear-both"
            aria-describedby={fields.themeCode.errors ? fields.themeCode.errorId : undefined}
          >
            <legend className="font-semibold">{t("report.what.theme")}</legend>
            {fields.themeCode.errors?.length ? (
              <p id={fields.themeCode.errorId} className="mt-1 font-semibold text-red-700">
                {fields.themeCode.errors[0]}
              </p>
            ) : null}
            <div className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-3">
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

        <section className="card space-y-3 p-4 sm:p-5" aria-labelledby="nearby-title">
          <h2 id="nearby-title" className="text-xl font-bold">
            {t("report.nearby.legend")}
          </h2>
          <NearbyIssues point={mode === "kaart" ? pin : null} themeCode={themeCode} />
        </section>

        <div className="sticky bottom-0 -mx-4 border-t border-gray-300 bg-white/95 p-3 sm:static sm:mx-0 sm:border-0 sm:bg-transparent sm:p-0">
          <button type="submit" className="btn-primary w-full sm:w-auto" disabled={navigation.state === "submitting"}>
            {navigation.state === "submitting" ? t("report.submitting") : t("report.submit")}
          </button>
        </div>
      </Form>
    </div>
  );
}
