import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { BackLink, FormAlert, firstError, membershipRoleOptions } from "~/components/admin";
import { ErrorSummary, RadioGroupField, SelectField, useZodForm } from "~/components/forms";
import {
  addMembershipSchema,
  personRolesSchema,
  removeMembershipSchema,
  setMembershipRoleSchema,
} from "~/domain/admin-schemas";
import { ROLES } from "~/domain/permissions";
import { t } from "~/i18n";
import {
  addMembership,
  notFound,
  parseRecordId,
  removeMembership,
  requireAdmin,
  setMembershipRole,
  setUserRoles,
  sortRoles,
} from "~/utils/admin.server";
import { db } from "~/utils/db.server";
import { formatDate } from "~/utils/format";
import { badRequest, readFormData } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.person.name ?? t("admin.people.title")} | ${t("common.appName")}` },
];

async function findPerson(id: string) {
  const person = await db.user.findFirst({
    where: { id, anonymisedAt: null },
    select: {
      id: true,
      name: true,
      email: true,
      createdAt: true,
      buurt: { select: { name: true } },
      roles: { select: { role: true } },
      memberships: {
        orderBy: { organisation: { name: "asc" } },
        select: { role: true, organisation: { select: { id: true, name: true } } },
      },
    },
  });
  if (!person) notFound();
  return person;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireAdmin(request);
  const person = await findPerson(parseRecordId(params.id));
  const memberOf = new Set(person.memberships.map((m) => m.organisation.id));
  const organisations = await db.organisation.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
  return {
    person: {
      id: person.id,
      name: person.name,
      email: person.email,
      createdAt: person.createdAt.toISOString(),
      buurtName: person.buurt?.name ?? null,
      roles: sortRoles(person.roles.map((r) => r.role)),
      memberships: person.memberships.map((m) => ({ ...m.organisation, role: m.role })),
    },
    isSelf: person.id === user.id,
    organisationsLeft: organisations.filter((organisation) => !memberOf.has(organisation.id)),
  };
}

type Intent = "roles" | "addMembership" | "setRole" | "removeMembership";
const reply = (intent: Intent, result: SubmissionResult<string[]>) => data({ intent, result }, { status: 400 });

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const person = await findPerson(parseRecordId(params.id));
  const formData = await readFormData(request);
  const here = `/admin/mensen/${person.id}`;
  const organisationName = (id: string) =>
    db.organisation.findUnique({ where: { id }, select: { name: true } }).then((row) => row?.name ?? "");

  switch (formData.get("intent")) {
    case "roles": {
      const submission = parseWithZod(formData, { schema: personRolesSchema });
      if (submission.status !== "success") return reply("roles", submission.reply());
      const result = await setUserRoles(user, person.id, submission.value.roles);
      if (!result.ok) return reply("roles", submission.reply({ fieldErrors: result.fieldErrors }));
      return redirectWithToast(here, { kind: "success", message: t("admin.people.rolesSaved", { name: person.name }) });
    }
    case "addMembership": {
      const submission = parseWithZod(formData, { schema: addMembershipSchema });
      if (submission.status !== "success") return reply("addMembership", submission.reply());
      const { organisationId, role } = submission.value;
      const result = await addMembership(user.id, { userId: person.id, organisationId, role }, "organisationId");
      if (!result.ok) return reply("addMembership", submission.reply({ fieldErrors: result.fieldErrors }));
      return redirectWithToast(here, {
        kind: "success",
        message: t("admin.organisations.memberAdded", {
          name: person.name,
          organisation: await organisationName(organisationId),
        }),
      });
    }
    case "setRole": {
      const submission = parseWithZod(formData, { schema: setMembershipRoleSchema });
      if (submission.status !== "success") return reply("setRole", submission.reply());
      const { organisationId, role } = submission.value;
      const result = await setMembershipRole(user.id, { userId: person.id, organisationId, role }, "role");
      if (!result.ok) return reply("setRole", submission.reply({ fieldErrors: result.fieldErrors }));
      return redirectWithToast(here, {
        kind: "success",
        message: t("admin.organisations.memberRoleSaved", { name: person.name }),
      });
    }
    case "removeMembership": {
      const submission = parseWithZod(formData, { schema: removeMembershipSchema });
      if (submission.status !== "success") return reply("removeMembership", submission.reply());
      const { organisationId } = submission.value;
      const name = await organisationName(organisationId);
      const result = await removeMembership(user.id, { userId: person.id, organisationId }, "organisationId");
      if (!result.ok) return reply("removeMembership", submission.reply({ fieldErrors: result.fieldErrors }));
      return redirectWithToast(here, {
        kind: "info",
        message: t("admin.organisations.memberRemoved", { name: person.name, organisation: name }),
      });
    }
    default:
      throw badRequest();
  }
}

export default function AdminPerson() {
  const { person, isSelf, organisationsLeft } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const resultFor = (intent: Intent) => (actionData?.intent === intent ? actionData.result : undefined);
  const membershipError = firstError(resultFor("setRole")) ?? firstError(resultFor("removeMembership"));

  return (
    <>
      <BackLink to="/admin/mensen">{t("admin.people.back")}</BackLink>
      <h1 className="mt-3 text-3xl font-bold">
        {person.name}
        {isSelf ? <span className="ml-2 text-xl font-normal text-gray-700">{t("admin.people.you")}</span> : null}
      </h1>

      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <div className="space-y-6">
          <section aria-labelledby="details-title" className="card p-5">
            <h2 id="details-title" className="text-xl font-bold">
              {t("admin.people.detailsTitle")}
            </h2>
            <dl className="mt-3 grid gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr] sm:gap-y-2">
              <dt className="font-semibold">{t("admin.people.email")}</dt>
              <dd className="break-all">{person.email}</dd>
              <dt className="font-semibold">{t("admin.people.createdAt")}</dt>
              <dd>{formatDate(person.createdAt)}</dd>
              <dt className="font-semibold">{t("admin.people.buurt")}</dt>
              <dd>{person.buurtName ?? t("admin.people.noBuurt")}</dd>
            </dl>
          </section>

          <RolesForm roles={person.roles} isSelf={isSelf} lastResult={resultFor("roles")} />
        </div>

        <div className="space-y-6">
          <section aria-labelledby="memberships-title" className="card p-5">
            <h2 id="memberships-title" className="text-xl font-bold">
              {t("admin.people.membershipsTitle")}
            </h2>
            <p className="mt-1 text-sm text-gray-700">{t("admin.organisations.coordinatorHint")}</p>
            <div className="mt-3">
              <FormAlert message={membershipError} />
            </div>
            {person.memberships.length === 0 ? (
              <p className="mt-3">{t("admin.people.membershipsEmpty")}</p>
            ) : (
              <ul className="mt-3 divide-y divide-gray-200">
                {person.memberships.map((membership) => (
                  <li key={membership.id} className="space-y-2 py-3">
                    <p>
                      <Link to={`/admin/organisaties/${membership.id}`} className="font-semibold">
                        {membership.name}
                      </Link>
                    </p>
                    <div className="flex flex-wrap items-end gap-2">
                      <Form method="post" className="flex flex-wrap items-end gap-2">
                        <input type="hidden" name="intent" value="setRole" />
                        <input type="hidden" name="organisationId" value={membership.id} />
                        <div className="space-y-1">
                          <label htmlFor={`role-${membership.id}`} className="block text-sm font-semibold">
                            {t("admin.people.membershipRole")}
                            <span className="sr-only"> ({membership.name})</span>
                          </label>
                          <select
                            id={`role-${membership.id}`}
                            name="role"
                            defaultValue={membership.role}
                            key={membership.role}
                            className="input w-auto"
                          >
                            {membershipRoleOptions.map((option) => (
                              <option key={option.value} value={option.value}>
                                {option.label}
                              </option>
                            ))}
                          </select>
                        </div>
                        <button type="submit" className="btn-secondary">
                          {t("admin.organisations.saveRole")}
                          <span className="sr-only"> ({membership.name})</span>
                        </button>
                      </Form>
                      <Form method="post">
                        <input type="hidden" name="intent" value="removeMembership" />
                        <input type="hidden" name="organisationId" value={membership.id} />
                        <button type="submit" className="btn-quiet">
                          {t("admin.organisations.removeMember")}
                          <span className="sr-only"> ({membership.name})</span>
                        </button>
                      </Form>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <AddMembershipForm organisations={organisationsLeft} lastResult={resultFor("addMembership")} />
        </div>
      </div>
    </>
  );
}

function RolesForm({
  roles,
  isSelf,
  lastResult,
}: {
  roles: string[];
  isSelf: boolean;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const navigation = useNavigation();
  const [form, fields] = useZodForm(personRolesSchema, {
    id: "person-roles",
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: { roles: roles as never },
  });
  const initial = fields.roles.initialValue;
  const checked = new Set(Array.isArray(initial) ? initial : typeof initial === "string" ? [initial] : []);
  const firstId = `${fields.roles.id}-${ROLES[0]}`;
  const describedBy = [
    isSelf ? `${fields.roles.id}-self` : null,
    fields.roles.errors?.length ? fields.roles.errorId : null,
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <section aria-labelledby="roles-title" className="card p-5">
      <h2 id="roles-title" className="text-xl font-bold">
        {t("admin.people.rolesTitle")}
      </h2>
      <Form method="post" {...getFormProps(form)} className="mt-4 space-y-5">
        <ErrorSummary
          formErrors={form.errors}
          items={[{ id: firstId, label: t("admin.people.rolesLegend"), errors: fields.roles.errors }]}
        />
        <input type="hidden" name="intent" value="roles" />
        <fieldset aria-describedby={describedBy || undefined}>
          <legend className="font-semibold">{t("admin.people.rolesLegend")}</legend>
          {isSelf ? (
            <p id={`${fields.roles.id}-self`} className="mt-1 text-sm text-gray-700">
              {t("admin.people.selfAdminHint")}
            </p>
          ) : null}
          {fields.roles.errors?.length ? (
            <p id={fields.roles.errorId} className="mt-1 font-semibold text-red-700">
              {fields.roles.errors[0]}
            </p>
          ) : null}
          <div className="mt-2 space-y-2" key={fields.roles.key}>
            {ROLES.map((role) => (
              <label
                key={role}
                htmlFor={`${fields.roles.id}-${role}`}
                className="grid min-h-11 cursor-pointer grid-cols-[auto_1fr] items-start gap-x-3 py-1"
              >
                <input
                  type="checkbox"
                  id={`${fields.roles.id}-${role}`}
                  name={fields.roles.name}
                  value={role}
                  defaultChecked={checked.has(role)}
                  aria-invalid={fields.roles.errors?.length ? true : undefined}
                  className="row-span-2 mt-0.5 h-5 w-5 shrink-0 accent-primary-700"
                />
                <span className="font-semibold">{t(`admin.roles.${role}`)}</span>
                <span className="text-sm text-gray-700">{t(`admin.roleHints.${role}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {t("admin.people.saveRoles")}
        </button>
      </Form>
    </section>
  );
}

function AddMembershipForm({
  organisations,
  lastResult,
}: {
  organisations: { id: string; name: string }[];
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const navigation = useNavigation();
  const [form, fields] = useZodForm(addMembershipSchema, {
    id: "add-membership",
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: { role: "member" },
  });
  return (
    <section aria-labelledby="add-membership-title" className="card p-5">
      <h2 id="add-membership-title" className="text-xl font-bold">
        {t("admin.people.addMembershipTitle")}
      </h2>
      {organisations.length === 0 ? (
        <p className="mt-2">{t("admin.people.noOrganisationsLeft")}</p>
      ) : (
        <Form method="post" {...getFormProps(form)} className="mt-4 space-y-5">
          <ErrorSummary
            formErrors={form.errors}
            items={[
              {
                id: fields.organisationId.id,
                label: t("admin.people.organisation"),
                errors: fields.organisationId.errors,
              },
              { id: fields.role.id, label: t("admin.people.membershipRole"), errors: fields.role.errors },
            ]}
          />
          <input type="hidden" name="intent" value="addMembership" />
          <SelectField
            field={fields.organisationId}
            label={t("admin.people.organisation")}
            placeholder={t("admin.people.organisationPlaceholder")}
            options={organisations.map((organisation) => ({ value: organisation.id, label: organisation.name }))}
          />
          <RadioGroupField
            field={fields.role}
            legend={t("admin.people.membershipRole")}
            options={membershipRoleOptions}
          />
          <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
            {t("admin.people.addMembership")}
          </button>
        </Form>
      )}
    </section>
  );
}
