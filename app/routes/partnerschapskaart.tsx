import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { HandHelping, Info, Star, TriangleAlert, type LucideIcon } from "lucide-react";
import { FormAlert, organisationTypeLabel } from "~/components/admin";
import {
  MatrixLegend,
  MatrixRowHeader,
  matrixRowBackground,
  ThemeMatrixTable,
  TrekkerFooter,
} from "~/components/theme-matrix";
import {
  NO_PARTNERSHIP_ROLE,
  PARTNERSHIP_CHOICES,
  PARTNERSHIP_ROLES,
  partnershipRowSchema,
  type LeadStatus,
  type PartnershipRoleValue,
} from "~/domain/partnership";
import { canEditPartnershipRow, canViewPartnershipMap, isAdmin } from "~/domain/permissions";
import { t } from "~/i18n";
import { requireUser } from "~/utils/auth.server";
import { partnershipMatrix, setPartnershipRow } from "~/utils/partnership.server";
import { readFormData } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: `${t("admin.partnership.title")} | ${t("common.appName")}` }];

function forbidden() {
  return new Response("Geen toegang", { status: 403 });
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!canViewPartnershipMap(user)) throw forbidden();
  const matrix = await partnershipMatrix();
  const editable = matrix.organisations.filter((o) => canEditPartnershipRow(user, o.id)).map((o) => o.id);
  // ?rij=<organisation id> opens that row's edit form (a plain link, so it works without JavaScript).
  const row = new URL(request.url).searchParams.get("rij");
  return {
    ...matrix,
    editable,
    editing: row && editable.includes(row) ? row : null,
    mode: isAdmin(user) ? ("all" as const) : editable.length > 0 ? ("own" as const) : ("readOnly" as const),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readFormData(request);
  const organisationId = String(formData.get("organisationId") ?? "");
  // Authorisation before validation: who may not edit this row learns nothing from the answer.
  if (!canEditPartnershipRow(user, organisationId)) throw forbidden();
  const fail = (message: string) => data({ organisationId, error: message }, { status: 400 });

  const submission = parseWithZod(formData, { schema: partnershipRowSchema });
  if (submission.status !== "success") return fail(t("admin.partnership.invalidRole"));
  const result = await setPartnershipRow(user, submission.value.organisationId, submission.value.roles);
  if (!result.ok) {
    if (result.error === "forbidden") throw forbidden();
    return fail(
      t(result.error === "unknownTheme" ? "admin.partnership.unknownTheme" : "admin.validation.organisationUnknown"),
    );
  }
  return redirectWithToast("/partnerschapskaart", {
    kind: "success",
    message: t("admin.partnership.saved", { name: result.organisationName }),
  });
}

const ROLE_STYLE: Record<PartnershipRoleValue, { icon: LucideIcon; className: string }> = {
  trekker: { icon: Star, className: "border-primary-800 bg-primary-700 text-white" },
  bijdrager: { icon: HandHelping, className: "border-primary-700 bg-primary-50 text-primary-900" },
  geinformeerd: { icon: Info, className: "border-gray-400 bg-gray-50 text-gray-800" },
};

function RoleBadge({ role }: { role: PartnershipRoleValue | undefined }) {
  if (!role) {
    return (
      <>
        <span aria-hidden="true" className="text-gray-500">
          {t("admin.partnership.roles.geen")}
        </span>
        <span className="sr-only">{t("admin.partnership.noRole")}</span>
      </>
    );
  }
  const style = ROLE_STYLE[role];
  return (
    <span
      className={`inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-sm font-medium whitespace-nowrap ${style.className}`}
    >
      <style.icon aria-hidden="true" className="h-4 w-4" />
      {t(`admin.partnership.roles.${role}`)}
    </span>
  );
}

function LeadWarning({ lead }: { lead: LeadStatus }) {
  if (lead.kind === "one") return null;
  return (
    <span className="mt-1 inline-flex items-center gap-1 rounded border border-amber-600 bg-amber-50 px-1.5 py-0.5 text-xs font-semibold whitespace-nowrap text-amber-900">
      <TriangleAlert aria-hidden="true" className="h-3.5 w-3.5" />
      {lead.kind === "none" ? t("admin.partnership.noLead") : t("admin.partnership.manyLeads", { count: lead.count })}
    </span>
  );
}

export default function PartnershipMap() {
  const { organisations, themes, roles, editable, editing, mode } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const editableSet = new Set(editable);
  const names = new Map(organisations.map((o) => [o.id, o.name]));
  const noLead = themes.filter((theme) => theme.lead.kind === "none");
  const manyLeads = themes.filter((theme) => theme.lead.kind === "many");
  const errorRow = actionData?.organisationId;

  return (
    <div className="mx-auto max-w-7xl px-4 py-6">
      <h1 className="text-3xl font-bold">{t("admin.partnership.title")}</h1>
      <p className="mt-2 max-w-3xl text-lg">{t("admin.partnership.intro")}</p>
      <p className="mt-2 max-w-3xl">
        {t(
          mode === "all"
            ? "admin.partnership.editAll"
            : mode === "own"
              ? "admin.partnership.editOwn"
              : "admin.partnership.readOnly",
        )}
      </p>

      {noLead.length || manyLeads.length ? (
        <section
          aria-labelledby="partnership-warnings"
          className="mt-6 max-w-3xl rounded-md border-l-8 border-amber-500 bg-amber-50 p-4"
        >
          <h2 id="partnership-warnings" className="flex items-center gap-2 text-lg font-bold">
            <TriangleAlert aria-hidden="true" className="h-5 w-5 text-amber-800" />
            {t("admin.partnership.warningsTitle")}
          </h2>
          {noLead.length ? (
            <p className="mt-1">
              {t("admin.partnership.warningsNoLead", { themes: noLead.map((theme) => theme.name).join(", ") })}
            </p>
          ) : null}
          {manyLeads.length ? (
            <p className="mt-1">
              {t("admin.partnership.warningsManyLeads", { themes: manyLeads.map((theme) => theme.name).join(", ") })}
            </p>
          ) : null}
        </section>
      ) : null}

      <MatrixLegend
        id="partnership-legend"
        title={t("admin.partnership.legendTitle")}
        items={PARTNERSHIP_ROLES}
        badge={(role) => <RoleBadge role={role} />}
        hint={(role) => t(`admin.partnership.roleHints.${role}`)}
      />

      <div className="mt-4">
        <FormAlert
          message={
            actionData ? [names.get(actionData.organisationId), actionData.error].filter(Boolean).join(": ") : null
          }
        />
      </div>

      {organisations.length === 0 || themes.length === 0 ? (
        <p className="card mt-4 p-5">
          {organisations.length === 0 ? t("admin.partnership.emptyOrganisations") : t("admin.partnership.emptyThemes")}
        </p>
      ) : (
        <ThemeMatrixTable
          captionId="partnership-caption"
          caption={t("admin.partnership.caption")}
          firstColumn={t("admin.partnership.organisation")}
          themes={themes}
          themeExtra={(theme) => <LeadWarning lead={theme.lead} />}
        >
          <tbody>
            {organisations.map((organisation) => {
              const isEditing = editing === organisation.id;
              const formId = `partnership-row-${organisation.id}`;
              const rowRoles = roles[organisation.id] ?? {};
              const background = matrixRowBackground({ hasError: errorRow === organisation.id, isEditing });
              return (
                <tr
                  key={organisation.id}
                  id={`rij-${organisation.id}`}
                  className={`border-t border-gray-200 align-top ${background}`}
                >
                  <MatrixRowHeader
                    name={organisation.name}
                    subtitle={organisationTypeLabel(organisation.type)}
                    background={background}
                    isEditing={isEditing}
                    canEdit={editableSet.has(organisation.id)}
                    formId={formId}
                    hiddenFields={<input type="hidden" name="organisationId" value={organisation.id} />}
                    editHref={`/partnerschapskaart?rij=${organisation.id}#rij-${organisation.id}`}
                    cancelHref="/partnerschapskaart"
                    submitting={navigation.state === "submitting"}
                    labels={{
                      save: t("admin.partnership.save"),
                      saveFor: t("admin.partnership.saveFor", { name: organisation.name }),
                      cancel: t("admin.partnership.cancel"),
                      edit: t("admin.partnership.edit"),
                      editFor: t("admin.partnership.editFor", { name: organisation.name }),
                    }}
                  />
                  {themes.map((theme) => (
                    <td key={theme.id} className="px-3 py-2">
                      {isEditing ? (
                        <select
                          form={formId}
                          name={`roles.${theme.id}`}
                          defaultValue={rowRoles[theme.id] ?? NO_PARTNERSHIP_ROLE}
                          key={`${theme.id}-${rowRoles[theme.id] ?? NO_PARTNERSHIP_ROLE}`}
                          aria-label={t("admin.partnership.selectLabel", {
                            organisation: organisation.name,
                            theme: theme.name,
                          })}
                          className="input min-w-40 py-1"
                        >
                          {PARTNERSHIP_CHOICES.map((choice) => (
                            <option key={choice} value={choice}>
                              {choice === NO_PARTNERSHIP_ROLE
                                ? t("admin.partnership.noRoleOption")
                                : t(`admin.partnership.roles.${choice}`)}
                            </option>
                          ))}
                        </select>
                      ) : (
                        <RoleBadge role={rowRoles[theme.id]} />
                      )}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
          <TrekkerFooter
            label={t("admin.partnership.leadRow")}
            themes={themes}
            trekkers={(theme) => theme.trekkerIds.map((id) => names.get(id) ?? "")}
            noneLabel={t("admin.partnership.noLead")}
          />
        </ThemeMatrixTable>
      )}
    </div>
  );
}
