import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary } from "~/components/forms";
import { t } from "~/i18n";
import { requireAdmin } from "~/utils/admin.server";
import { MAX_BUURT_POPULATION, saveBuurtPopulations } from "~/utils/buurten.server";
import { db } from "~/utils/db.server";
import { readFormData } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: `${t("admin.buurten.title")} | ${t("common.appName")}` }];

/** Form field of a buurt's population: one field per buurt in a single form. */
const fieldName = (code: string) => `population-${code}`;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const buurten = await db.buurt.findMany({
    orderBy: [{ wijkName: "asc" }, { name: "asc" }],
    select: { code: true, name: true, wijkName: true, population: true },
  });
  return { buurten };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const formData = await readFormData(request);
  const buurten = await db.buurt.findMany({ select: { code: true, name: true } });
  const values = new Map<string, number | null>();
  const errors: Record<string, string> = {};
  const submitted: Record<string, string> = {};
  for (const buurt of buurten) {
    const raw = formData.get(fieldName(buurt.code));
    if (raw === null) continue; // not in this form: leave it as it is
    const text = String(raw).trim().replace(/[.\s]/g, ""); // "4.250" and "4 250" are fine too
    submitted[buurt.code] = String(raw);
    if (text === "") {
      values.set(buurt.code, null);
    } else if (/^\d{1,6}$/.test(text) && Number(text) <= MAX_BUURT_POPULATION) {
      values.set(buurt.code, Number(text));
    } else {
      errors[buurt.code] = t("admin.validation.wholeNumberOrEmpty", { min: 0, max: MAX_BUURT_POPULATION.toLocaleString("nl-NL") });
    }
  }
  if (Object.keys(errors).length) return data({ errors, submitted }, { status: 400 });
  const changed = await saveBuurtPopulations(user.id, values);
  return redirectWithToast("/admin/buurten", {
    kind: "success",
    message: t(changed ? "admin.buurten.saved" : "admin.buurten.unchanged"),
  });
}

export default function AdminBuurten() {
  const { buurten } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors: Record<string, string> = actionData?.errors ?? {};
  const submitted: Record<string, string> = actionData?.submitted ?? {};
  return (
    <>
      <h1 className="text-3xl font-bold">{t("admin.buurten.title")}</h1>
      <p className="mt-2 max-w-3xl text-lg">{t("admin.buurten.intro")}</p>
      <Form method="post" className="mt-6" noValidate>
        <ErrorSummary
          items={buurten.map((buurt) => ({
            id: fieldName(buurt.code),
            label: buurt.name,
            errors: errors[buurt.code] ? [`${buurt.name}: ${errors[buurt.code]}`] : undefined,
          }))}
        />
        <div role="region" aria-labelledby="buurten-caption" tabIndex={0} className="overflow-x-auto rounded-lg border border-gray-200 bg-white">
          <table className="w-full border-collapse text-left">
            <caption id="buurten-caption" className="px-3 py-2 text-left font-semibold">
              {t("admin.buurten.caption")}
            </caption>
            <thead className="bg-gray-50 text-sm">
              <tr>
                <th scope="col" className="px-3 py-2">{t("admin.buurten.name")}</th>
                <th scope="col" className="px-3 py-2">{t("admin.buurten.wijk")}</th>
                <th scope="col" className="px-3 py-2">{t("admin.buurten.code")}</th>
                <th scope="col" className="px-3 py-2">
                  {t("admin.buurten.population")} <span className="font-normal text-gray-700">{t("admin.buurten.optional")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {buurten.map((buurt) => {
                const id = fieldName(buurt.code);
                const error = errors[buurt.code];
                return (
                  <tr key={buurt.code} className="border-t border-gray-200 align-top">
                    <th scope="row" className="px-3 py-2 font-semibold">
                      <label htmlFor={id}>{buurt.name}</label>
                    </th>
                    <td className="px-3 py-2">{buurt.wijkName}</td>
                    <td className="px-3 py-2 font-mono text-sm">{buurt.code}</td>
                    <td className="px-3 py-2">
                      {error ? (
                        <p id={`${id}-error`} className="mb-1 font-semibold text-red-700">
                          {error}
                        </p>
                      ) : null}
                      <input
                        id={id}
                        name={id}
                        type="text"
                        inputMode="numeric"
                        autoComplete="off"
                        aria-label={t("admin.buurten.populationFor", { name: buurt.name })}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={error ? `${id}-error` : undefined}
                        defaultValue={submitted[buurt.code] ?? (buurt.population === null ? "" : String(buurt.population))}
                        key={`${buurt.code}-${submitted[buurt.code] ?? buurt.population ?? ""}`}
                        className="input w-36"
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <button type="submit" className="btn-primary mt-4" disabled={navigation.state === "submitting"}>
          {t("admin.buurten.save")}
        </button>
      </Form>
    </>
  );
}
