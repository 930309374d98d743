import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { BackLink, FormAlert, firstError, membershipRoleOptions, OrganisationFields } from "~/components/admin";
import { ErrorSummary, RadioGroupField, TextField, useZodForm } from "~/components/forms";
import {
  addMemberSchema,
  removeMemberSchema,
  setMemberRoleSchema,
  updateOrganisationSchema,
} from "~/domain/admin-schemas";
import { t } from "~/i18n";
import {
  addMembership,
  notFound,
  parseRecordId,
  removeMembership,
  requireAdmin,
  setMembershipRole,
  updateOrganisation,
} from "~/utils/admin.server";
import { db } from "~/utils/db.server";
import { badRequest, readFormData } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.organisation.name ?? t("admin.organisations.title")} | ${t("common.appName")}` },
];

async function findOrganisation(id: string) {
  const organisation = await db.organisation.findUnique({
    where: { id },
    select: { id: true, name: true, type: true, contactEmail: true },
  });
  if (!organisation) notFound();
  return organisation;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const organisation = await findOrganisation(parseRecordId(params.id));
  const memberships = await db.membership.findMany({
    where: { organisationId: organisation.id },
    orderBy: [{ user: { name: "asc" } }, { userId: "asc" }],
    select: { role: true, user: { select: { id: true, name: true, email: true } } },
  });
  const connection = await db.open311Connection.findUnique({
    where: { organisationId: organisation.id },
    select: { endpoint: true, enabled: true },
  });
  return {
    organisation,
    members: memberships.map((m) => ({ ...m.user, role: m.role })),
    connection,
  };
}

type Intent = "update" | "addMember" | "setRole" | "removeMember";
const reply = (intent: Intent, result: SubmissionResult<string[]>) => data({ intent, result }, { status: 400 });

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const organisation = await findOrganisation(parseRecordId(params.id));
  const formData = await readFormData(request);
  const here = `/admin/organisaties/${organisation.id}`;

  switch (formData.get("intent")) {
    case "update": {
      const submission = parseWithZod(formData, { schema: updateOrganisationSchema });
      if (submission.status !== "success") return reply("update", submission.reply());
      const result = await updateOrganisation(user.id, organisation.id, submission.value);
      if (!result.ok) return reply("update", submission.reply({ fieldErrors: result.fieldErrors }));
      return redirectWithToast(here, {
        kind: "success",
        message: t("admin.organisations.saved", { name: submission.value.name }),
      });
    }
    case "addMember": {
      const submission = parseWithZod(formData, { schema: addMemberSchema });
      if (submission.status !== "success") return reply("addMember", submission.reply());
      const person = await db.user.findFirst({
        where: { email: submission.value.email, anonymisedAt: null },
        select: { id: true, name: true },
      });
      if (!person) {
        return reply("addMember", submission.reply({ fieldErrors: { email: [t("admin.validation.personUnknown")] } }));
      }
      const result = await addMembership(
        user.id,
        { userId: person.id, organisationId: organisation.id, role: submission.value.role },
        "email",
      );
      if (!result.ok) return reply("addMember", submission.reply({ fieldErrors: result.fieldErrors }));
      return redirectWithToast(here, {
        kind: "success",
        message: t("admin.organisations.memberAdded", { name: person.name, organisation: organisation.name }),
      });
    }
    case "setRole": {
      const submission = parseWithZod(formData, { schema: setMemberRoleSchema });
      if (submission.status !== "success") return reply("setRole", submission.reply());
      const { userId, role } = submission.value;
      const result = await setMembershipRole(user.id, { userId, organisationId: organisation.id, role }, "role");
      if (!result.ok)
        return reply("setRole", submission.reply({ formErrors: Object.values(result.fieldErrors).flat() }));
      const person = await db.user.findUnique({ where: { id: userId }, select: { name: true } });
      return redirectWithToast(here, {
        kind: "success",
        message: t("admin.organisations.memberRoleSaved", { name: person?.name ?? "" }),
      });
    }
    case "removeMember": {
      const submission = parseWithZod(formData, { schema: removeMemberSchema });
      if (submission.status !== "success") return reply("removeMember", submission.reply());
      const { userId } = submission.value;
      const person = await db.user.findUnique({ where: { id: userId }, select: { name: true } });
      const result = await removeMembership(user.id, { userId, organisationId: organisation.id }, "userId");
      if (!result.ok) {
        return reply("removeMember", submission.reply({ formErrors: Object.values(result.fieldErrors).flat() }));
      }
      return redirectWithToast(here, {
        kind: "info",
        message: t("admin.organisations.memberRemoved", { name: person?.name ?? "", organisation: organisation.name }),
      });
    }
    default:
      throw badRequest();
  }
}

export default function AdminOrganisation() {
  const { organisation, members, connection } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const resultFor = (intent: Intent) => (actionData?.intent === intent ? actionData.result : undefined);
  const memberError = firstError(resultFor("setRole")) ?? firstError(resultFor("removeMember"));

  return (
    <>
      <BackLink to="/admin/organisaties">{t("admin.organisations.back")}</BackLink>
      <h1 className="mt-3 text-3xl font-bold">{organisation.name}</h1>

      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <div className="space-y-6">
          <DetailsForm organisation={organisation} lastResult={resultFor("update")} />
          <section aria-labelledby="open311-title" className="card p-5">
            <h2 id="open311-title" className="text-xl font-bold">
              {t("open311Client.admin.linkTitle")}
            </h2>
            <p className="mt-2 break-all">
              {connection
                ? t(connection.enabled ? "open311Client.admin.linkOn" : "open311Client.admin.linkDisabled", {
                    endpoint: connection.endpoint,
                  })
                : t("open311Client.admin.linkOff")}
            </p>
            <Link
              to={`/admin/organisaties/${organisation.id}/open311`}
              className="mt-3 inline-flex min-h-11 items-center"
            >
              {t("open311Client.admin.manage")}
            </Link>
          </section>
        </div>

        <div className="space-y-6">
          <section aria-labelledby="members-title" className="card p-5">
            <h2 id="members-title" className="text-xl font-bold">
              {t("admin.organisations.membersTitle")}
            </h2>
            <p className="mt-1 text-sm text-gray-700">{t("admin.organisations.coordinatorHint")}</p>
            <div className="mt-3">
              <FormAlert message={memberError} />
            </div>
            {members.length === 0 ? (
              <p className="mt-3">{t("admin.organisations.membersEmpty")}</p>
            ) : (
              <ul className="mt-3 divide-y divide-gray-200">
                {members.map((member) => (
                  <li key={member.id} className="space-y-2 py-3">
                    <p>
                      <Link to={`/admin/mensen/${member.id}`} className="font-semibold">
                        {member.name}
                      </Link>
                      <span className="block text-sm break-all text-gray-700">{member.email}</span>
                    </p>
                    <div className="flex flex-wrap items-end gap-2">
                      <Form method="post" className="flex flex-wrap items-end gap-2">
                        <input type="hidden" name="intent" value="setRole" />
                        <input type="hidden" name="userId" value={member.id} />
                        <div className="space-y-1">
                          <label htmlFor={`role-${member.id}`} className="block text-sm font-semibold">
                            <span aria-hidden="true">{t("admin.organisations.memberRole")}</span>
                            <span className="sr-only">
                              {t("admin.organisations.memberRoleFor", { name: member.name })}
                            </span>
                          </label>
                          <select
                            id={`role-${member.id}`}
                            name="role"
                            defaultValue={member.role}
                            key={member.role}
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
                          <span className="sr-only">
                            {" "}
                            {t("admin.organisations.saveRoleFor", { name: member.name })}
                          </span>
                        </button>
                      </Form>
                      <Form method="post">
                        <input type="hidden" name="intent" value="removeMember" />
                        <input type="hidden" name="userId" value={member.id} />
                        <button type="submit" className="btn-quiet">
                          {t("admin.organisations.removeMember")}
                          <span className="sr-only"> ({member.name})</span>
                        </button>
                      </Form>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <AddMemberForm lastResult={resultFor("addMember")} />
        </div>
      </div>
    </>
  );
}

function DetailsForm({
  organisation,
  lastResult,
}: {
  organisation: { name: string; type: string; contactEmail: string | null };
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const navigation = useNavigation();
  const [form, fields] = useZodForm(updateOrganisationSchema, {
    id: "organisation-details",
    lastResult,
    defaultValue: {
      name: organisation.name,
      type: organisation.type as never,
      contactEmail: organisation.contactEmail ?? undefined,
    },
  });
  return (
    <section aria-labelledby="details-title" className="card p-5">
      <h2 id="details-title" className="text-xl font-bold">
        {t("admin.organisations.detailsTitle")}
      </h2>
      <Form method="post" {...getFormProps(form)} className="mt-4 space-y-5">
        <input type="hidden" name="intent" value="update" />
        <OrganisationFields fields={fields} formErrors={form.errors} />
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {t("admin.organisations.save")}
        </button>
      </Form>
    </section>
  );
}

function AddMemberForm({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const navigation = useNavigation();
  const [form, fields] = useZodForm(addMemberSchema, {
    id: "add-member",
    lastResult,
    shouldValidate: "onSubmit",
    defaultValue: { role: "member" },
  });
  return (
    <section aria-labelledby="add-member-title" className="card p-5">
      <h2 id="add-member-title" className="text-xl font-bold">
        {t("admin.organisations.addMemberTitle")}
      </h2>
      <p className="mt-1 text-gray-700">{t("admin.organisations.addMemberIntro")}</p>
      <Form method="post" {...getFormProps(form)} className="mt-4 space-y-5">
        <ErrorSummary
          formErrors={form.errors}
          items={[
            { id: fields.email.id, label: t("admin.organisations.memberEmail"), errors: fields.email.errors },
            { id: fields.role.id, label: t("admin.organisations.memberRole"), errors: fields.role.errors },
          ]}
        />
        <input type="hidden" name="intent" value="addMember" />
        <TextField field={fields.email} label={t("admin.organisations.memberEmail")} type="email" autoComplete="off" />
        <RadioGroupField
          field={fields.role}
          legend={t("admin.organisations.memberRole")}
          options={membershipRoleOptions}
        />
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          {t("admin.organisations.addMember")}
        </button>
      </Form>
    </section>
  );
}
