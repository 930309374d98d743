import { getFormProps, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useMemo } from "react";
import { BackLink, FormAlert } from "~/components/admin";
import { CheckboxField, ErrorSummary, TextField, useZodForm } from "~/components/forms";
import {
  connectionFormSchema,
  MAPPING_FIELD_PREFIX,
  mappingFromForm,
  type ExternalRequestStatus,
} from "~/domain/open311-client";
import { t } from "~/i18n";
import { notFound, parseRecordId, requireAdmin } from "~/utils/admin.server";
import { db } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { connectionFor, deleteConnection, fetchExternalServices, saveConnection } from "~/utils/open311-client.server";
import { badRequest, readFormData } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${t("open311Client.admin.title")}: ${data?.organisation.name ?? ""} | ${t("common.appName")}` },
];

async function load(id: string) {
  const organisation = await db.organisation.findUnique({ where: { id }, select: { id: true, name: true } });
  if (!organisation) notFound();
  const [connection, themes] = await Promise.all([
    connectionFor(organisation.id),
    db.theme.findMany({
      where: { retiredAt: null },
      orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
      select: { code: true, name: true },
    }),
  ]);
  return { organisation, connection, themes };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const { organisation, connection, themes } = await load(parseRecordId(params.id));
  const recent = await db.externalRequest.findMany({
    where: { organisationId: organisation.id },
    orderBy: { updatedAt: "desc" },
    take: 20,
    select: {
      id: true,
      issueId: true,
      status: true,
      externalId: true,
      lastError: true,
      lastAttemptAt: true,
      issue: { select: { title: true } },
    },
  });
  return { organisation, connection, themes, recent };
}

type Intent = "save" | "test" | "remove";
type Answer =
  | { intent: "save"; result: SubmissionResult<string[]> }
  | { intent: "test"; ok: true; services: { code: string; name: string }[] }
  | { intent: "test"; ok: false; error: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const { organisation, connection, themes } = await load(parseRecordId(params.id));
  const formData = await readFormData(request);
  const here = `/admin/organisaties/${organisation.id}/open311`;
  const codes = themes.map((theme) => theme.code);

  switch (formData.get("intent") as Intent | null) {
    case "save": {
      const submission = parseWithZod(formData, { schema: connectionFormSchema(codes, connection !== null) });
      if (submission.status !== "success") {
        return data<Answer>({ intent: "save", result: submission.reply() }, { status: 400 });
      }
      const value = submission.value;
      await saveConnection(user.id, organisation.id, {
        endpoint: value.endpoint,
        apiKey: value.apiKey || undefined,
        jurisdictionId: value.jurisdictionId,
        enabled: value.enabled === "on",
        // Mapped themes that are retired now keep their code, so re-activating them needs no re-entry.
        serviceMapping: { ...connection?.serviceMapping, ...emptied(codes), ...mappingFromForm(value, codes) },
      });
      return redirectWithToast(here, {
        kind: "success",
        message: t("open311Client.admin.saved", { organisation: organisation.name }),
      });
    }
    case "test": {
      if (!connection)
        return data<Answer>(
          { intent: "test", ok: false, error: t("open311Client.admin.testNeedsEndpoint") },
          { status: 400 },
        );
      try {
        const services = await fetchExternalServices(connection.endpoint);
        return data<Answer>({ intent: "test", ok: true, services });
      } catch (error) {
        return data<Answer>({
          intent: "test",
          ok: false,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
    case "remove": {
      await deleteConnection(user.id, organisation.id);
      return redirectWithToast(`/admin/organisaties/${organisation.id}`, {
        kind: "info",
        message: t("open311Client.admin.removed", { organisation: organisation.name }),
      });
    }
    default:
      throw badRequest();
  }
}

/** Themes on the form that were cleared: their old code is dropped. */
function emptied(codes: string[]) {
  return Object.fromEntries(codes.map((code) => [code, undefined])) as Record<string, never>;
}

export default function AdminOpen311Connection() {
  const { organisation, connection, themes, recent } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const codes = useMemo(() => themes.map((theme) => theme.code), [themes]);
  const schema = useMemo(() => connectionFormSchema(codes, connection !== null), [codes, connection]);
  const [form, fields] = useZodForm(schema, {
    id: "open311-connection",
    lastResult: answer?.intent === "save" ? answer.result : undefined,
    defaultValue: {
      endpoint: connection?.endpoint ?? "",
      jurisdictionId: connection?.jurisdictionId ?? "",
      enabled: connection === null || connection.enabled ? "on" : undefined,
      ...Object.fromEntries(
        codes.map((code) => [`${MAPPING_FIELD_PREFIX}${code}`, connection?.serviceMapping[code] ?? ""]),
      ),
    } as never,
  });
  const fieldFor = (name: string) => (fields as unknown as Record<string, FieldMetadata<string | undefined>>)[name];
  const test = answer?.intent === "test" ? answer : null;
  const services = test?.ok ? test.services : [];

  return (
    <>
      <BackLink to={`/admin/organisaties/${organisation.id}`}>
        {t("open311Client.admin.back", { organisation: organisation.name })}
      </BackLink>
      <h1 className="mt-3 text-3xl font-bold">
        {t("open311Client.admin.title")}: {organisation.name}
      </h1>
      <div className="mt-3 max-w-3xl space-y-2 text-lg">
        <p>{t("open311Client.admin.intro", { organisation: organisation.name })}</p>
        <p>{t("open311Client.admin.privacy")}</p>
      </div>

      <div className="mt-6 grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <section aria-labelledby="settings-title" className="card self-start p-5">
          <h2 id="settings-title" className="text-xl font-bold">
            {t("open311Client.admin.settingsTitle")}
          </h2>
          <Form method="post" {...getFormProps(form)} className="mt-4 space-y-5">
            <ErrorSummary
              formErrors={form.errors}
              items={[
                { id: fields.endpoint.id, label: t("open311Client.admin.endpoint"), errors: fields.endpoint.errors },
                { id: fields.apiKey.id, label: t("open311Client.admin.apiKey"), errors: fields.apiKey.errors },
                {
                  id: fields.jurisdictionId.id,
                  label: t("open311Client.admin.jurisdictionId"),
                  errors: fields.jurisdictionId.errors,
                },
                ...themes.map((theme) => {
                  const field = fieldFor(`${MAPPING_FIELD_PREFIX}${theme.code}`);
                  return { id: field.id, label: theme.name, errors: field.errors };
                }),
              ]}
            />
            <input type="hidden" name="intent" value="save" />
            <TextField
              field={fields.endpoint}
              label={t("open311Client.admin.endpoint")}
              hint={t("open311Client.admin.endpointHint")}
              type="url"
              autoComplete="off"
            />
            <TextField
              field={fields.apiKey}
              label={t("open311Client.admin.apiKey")}
              hint={connection ? t("open311Client.admin.apiKeyStoredHint") : t("open311Client.admin.apiKeyHint")}
              optional={connection !== null}
              type="password"
              autoComplete="new-password"
            />
            <TextField
              field={fields.jurisdictionId}
              label={t("open311Client.admin.jurisdictionId")}
              optional
              autoComplete="off"
            />
            <CheckboxField field={fields.enabled as never} label={t("open311Client.admin.enabled")} />

            <fieldset className="space-y-4">
              <legend className="text-lg font-bold">{t("open311Client.admin.mappingTitle")}</legend>
              <p className="text-sm text-gray-700">{t("open311Client.admin.mappingHint")}</p>
              {themes.map((theme) => (
                <TextField
                  key={theme.code}
                  field={fieldFor(`${MAPPING_FIELD_PREFIX}${theme.code}`)}
                  label={theme.name}
                  optional
                  autoComplete="off"
                  inputProps={{ list: services.length ? "external-services" : undefined }}
                />
              ))}
              {services.length ? (
                <datalist id="external-services">
                  {services.map((service) => (
                    <option key={service.code} value={service.code}>
                      {service.name}
                    </option>
                  ))}
                </datalist>
              ) : null}
            </fieldset>
            <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
              {t("open311Client.admin.save")}
            </button>
          </Form>
        </section>

        <div className="space-y-6">
          {connection ? (
            <section aria-labelledby="test-title" className="card p-5">
              <h2 id="test-title" className="text-xl font-bold">
                {t("open311Client.admin.test")}
              </h2>
              <div className="mt-3" aria-live="polite">
                {test?.ok ? (
                  <div className="space-y-2">
                    <p className="font-semibold text-green-800">
                      {t("open311Client.admin.testOk", { count: test.services.length })}
                    </p>
                    <p className="text-sm font-semibold">{t("open311Client.admin.knownServices")}</p>
                    <ul className="list-disc pl-5 text-sm">
                      {test.services.slice(0, 30).map((service) => (
                        <li key={service.code}>
                          <code>{service.code}</code> {service.name}
                        </li>
                      ))}
                    </ul>
                  </div>
                ) : null}
                <FormAlert
                  message={test && !test.ok ? t("open311Client.admin.testFailed", { error: test.error }) : null}
                />
              </div>
              <Form method="post" className="mt-3 flex flex-wrap gap-3">
                <button type="submit" name="intent" value="test" className="btn-secondary">
                  {t("open311Client.admin.test")}
                </button>
                <button type="submit" name="intent" value="remove" className="btn-quiet">
                  {t("open311Client.admin.remove")}
                </button>
              </Form>
            </section>
          ) : null}

          <section aria-labelledby="recent-title" className="card p-5">
            <h2 id="recent-title" className="text-xl font-bold">
              {t("open311Client.admin.recentTitle")}
            </h2>
            {recent.length === 0 ? (
              <p className="mt-3">{t("open311Client.admin.recentEmpty")}</p>
            ) : (
              <div className="mt-3 overflow-x-auto">
                <table className="w-full text-left text-sm">
                  <thead>
                    <tr className="border-b border-gray-300">
                      <th scope="col" className="py-2 pr-3">
                        {t("open311Client.admin.recentIssue")}
                      </th>
                      <th scope="col" className="py-2 pr-3">
                        {t("open311Client.admin.recentStatus")}
                      </th>
                      <th scope="col" className="py-2 pr-3">
                        {t("open311Client.admin.recentExternalId")}
                      </th>
                      <th scope="col" className="py-2">
                        {t("open311Client.admin.recentWhen")}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {recent.map((row) => (
                      <tr key={row.id} className="border-b border-gray-200 align-top">
                        <td className="py-2 pr-3">
                          <Link to={`/partner/meldingen/${row.issueId}`}>
                            #{row.issueId} {row.issue.title}
                          </Link>
                        </td>
                        <td className="py-2 pr-3">
                          {t(`open311Client.partner.status.${row.status as ExternalRequestStatus}`)}
                          {row.lastError && row.status !== "verzonden" ? (
                            <span className="block text-red-800">{row.lastError}</span>
                          ) : null}
                        </td>
                        <td className="py-2 pr-3">{row.externalId ?? "–"}</td>
                        <td className="py-2">{row.lastAttemptAt ? formatDateTime(row.lastAttemptAt) : "–"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </div>
      </div>
    </>
  );
}
