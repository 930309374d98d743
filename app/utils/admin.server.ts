import type { OrganisationType } from "~/domain/admin-schemas";
import { canSetRoles, type Actor, type MembershipRole, type Role, ROLES } from "~/domain/permissions";
import type { Settings } from "~/domain/settings";
import { t } from "~/i18n";
import { Prisma } from "~/generated/prisma/client";
import { audit } from "./audit.server";
import { requirePermission } from "./auth.server";
import { containsIgnoringCase, db } from "./db.server";
import { getSettings, saveSettings } from "./settings.server";

/**
 * Beheer: organisations, people (roles and memberships), themes and settings. Loaders and
 * actions of /admin/* call requireAdmin first; every change here is written to the audit trail.
 * Functions that can fail on input return the Dutch field errors for the form.
 */

type FieldErrors = Record<string, string[]>;
export type AdminResult<T = undefined> = { ok: true; value: T } | { ok: false; fieldErrors: FieldErrors };

const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
const fail = (field: string, message: string): { ok: false; fieldErrors: FieldErrors } => ({
  ok: false,
  fieldErrors: { [field]: [message] },
});

/** Admin pages: admins only; logged out goes to the login page, everyone else gets 403. */
export function requireAdmin(request: Request) {
  return requirePermission(request, "admin:access");
}

export function notFound(): never {
  throw new Response("Niet gevonden", { status: 404 });
}

/** Ids in URLs are cuids; anything far off is simply not found. */
export function parseRecordId(value: string | undefined) {
  if (!value || !/^[A-Za-z0-9_-]{1,40}$/.test(value)) notFound();
  return value;
}

function isUniqueViolation(error: unknown) {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

// Organisations ------------------------------------------------------------------------------

type OrganisationInput = { name: string; type: OrganisationType; contactEmail?: string };

async function nameTaken(name: string, exceptId?: string) {
  // SQLite compares case-sensitively; two organisations that differ only in case would confuse people.
  const rows = await db.organisation.findMany({ select: { id: true, name: true } });
  return rows.some((row) => row.id !== exceptId && row.name.toLocaleLowerCase("nl") === name.toLocaleLowerCase("nl"));
}

export async function createOrganisation(
  actorId: string,
  input: OrganisationInput,
): Promise<AdminResult<{ id: string }>> {
  if (await nameTaken(input.name)) return fail("name", t("admin.validation.organisationNameTaken"));
  try {
    return await db.$transaction(async (tx) => {
      const organisation = await tx.organisation.create({
        data: { name: input.name, type: input.type, contactEmail: input.contactEmail ?? null },
        select: { id: true, name: true, type: true, contactEmail: true },
      });
      await audit(tx, { issueId: null, actorId, action: "organisation_created", after: organisation });
      return ok({ id: organisation.id });
    });
  } catch (error) {
    if (isUniqueViolation(error)) return fail("name", t("admin.validation.organisationNameTaken"));
    throw error;
  }
}

export async function updateOrganisation(actorId: string, id: string, input: OrganisationInput): Promise<AdminResult> {
  if (await nameTaken(input.name, id)) return fail("name", t("admin.validation.organisationNameTaken"));
  try {
    return await db.$transaction(async (tx) => {
      const select = { name: true, type: true, contactEmail: true } as const;
      const before = await tx.organisation.findUnique({ where: { id }, select });
      if (!before) notFound();
      const after = await tx.organisation.update({
        where: { id },
        data: { name: input.name, type: input.type, contactEmail: input.contactEmail ?? null },
        select,
      });
      await audit(tx, {
        issueId: null,
        actorId,
        action: "organisation_updated",
        before: { id, ...before },
        after: { id, ...after },
      });
      return ok(undefined);
    });
  } catch (error) {
    if (isUniqueViolation(error)) return fail("name", t("admin.validation.organisationNameTaken"));
    throw error;
  }
}

// Memberships --------------------------------------------------------------------------------

type MembershipKey = { userId: string; organisationId: string };

/** Adds a person to an organisation; `field` is the form field an error belongs to. */
export async function addMembership(
  actorId: string,
  membership: MembershipKey & { role: MembershipRole },
  field: string,
): Promise<AdminResult> {
  const organisation = await db.organisation.findUnique({
    where: { id: membership.organisationId },
    select: { id: true },
  });
  if (!organisation) return fail(field, t("admin.validation.organisationUnknown"));
  const existing = await db.membership.findUnique({
    where: { userId_organisationId: { userId: membership.userId, organisationId: membership.organisationId } },
    select: { role: true },
  });
  if (existing) return fail(field, t("admin.validation.alreadyMember"));
  try {
    await db.$transaction(async (tx) => {
      await tx.membership.create({ data: membership });
      await audit(tx, { issueId: null, actorId, action: "membership_added", after: membership });
    });
  } catch (error) {
    if (isUniqueViolation(error)) return fail(field, t("admin.validation.alreadyMember"));
    throw error;
  }
  return ok(undefined);
}

export async function setMembershipRole(
  actorId: string,
  membership: MembershipKey & { role: MembershipRole },
  field: string,
): Promise<AdminResult> {
  const { userId, organisationId, role } = membership;
  return db.$transaction(async (tx) => {
    const existing = await tx.membership.findUnique({
      where: { userId_organisationId: { userId, organisationId } },
      select: { role: true },
    });
    if (!existing) return fail(field, t("admin.validation.notAMember"));
    if (existing.role === role) return ok(undefined);
    await tx.membership.update({ where: { userId_organisationId: { userId, organisationId } }, data: { role } });
    await audit(tx, {
      issueId: null,
      actorId,
      action: "membership_role_changed",
      before: { userId, organisationId, role: existing.role },
      after: { userId, organisationId, role },
    });
    return ok(undefined);
  });
}

export async function removeMembership(
  actorId: string,
  membership: MembershipKey,
  field: string,
): Promise<AdminResult> {
  const { userId, organisationId } = membership;
  return db.$transaction(async (tx) => {
    const existing = await tx.membership.findUnique({
      where: { userId_organisationId: { userId, organisationId } },
      select: { role: true },
    });
    if (!existing) return fail(field, t("admin.validation.notAMember"));
    await tx.membership.delete({ where: { userId_organisationId: { userId, organisationId } } });
    await audit(tx, {
      issueId: null,
      actorId,
      action: "membership_removed",
      before: { userId, organisationId, role: existing.role },
    });
    return ok(undefined);
  });
}

// People -------------------------------------------------------------------------------------

export const PEOPLE_PAGE_SIZE = 50;

/** People with an account (anonymised accounts are left out), by name; `q` searches name and email. */
export async function listPeople(query: { q?: string; page: number }) {
  const where: Prisma.UserWhereInput = {
    anonymisedAt: null,
    ...(query.q ? { OR: [{ name: containsIgnoringCase(query.q) }, { email: containsIgnoringCase(query.q) }] } : {}),
  };
  const total = await db.user.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / PEOPLE_PAGE_SIZE));
  const page = Math.min(Math.max(1, query.page), pageCount);
  const people = await db.user.findMany({
    where,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    skip: (page - 1) * PEOPLE_PAGE_SIZE,
    take: PEOPLE_PAGE_SIZE,
    select: {
      id: true,
      name: true,
      email: true,
      roles: { select: { role: true } },
      memberships: {
        select: { role: true, organisation: { select: { name: true } } },
        orderBy: { organisation: { name: "asc" } },
      },
    },
  });
  return {
    total,
    page,
    pageCount,
    people: people.map((person) => ({
      id: person.id,
      name: person.name,
      email: person.email,
      roles: sortRoles(person.roles.map((r) => r.role)),
      memberships: person.memberships.map((m) => ({ organisationName: m.organisation.name, role: m.role })),
    })),
  };
}

/** Roles in the fixed order of ROLES, unknown stored values left out. */
export function sortRoles(roles: readonly string[]): Role[] {
  return ROLES.filter((role) => roles.includes(role));
}

/** Replaces a person's global roles. Lock-out protection: nobody removes their own admin role. */
export async function setUserRoles(actor: Actor, userId: string, roles: readonly Role[]): Promise<AdminResult> {
  if (!canSetRoles(actor, { id: userId }, roles)) return fail("roles", t("admin.validation.ownAdminRole"));
  const wanted = sortRoles(roles);
  return db.$transaction(async (tx) => {
    const current = sortRoles(
      (await tx.userRole.findMany({ where: { userId }, select: { role: true } })).map((r) => r.role),
    );
    if (current.join() === wanted.join()) return ok(undefined);
    await tx.userRole.deleteMany({ where: { userId, role: { notIn: wanted } } });
    for (const role of wanted.filter((role) => !current.includes(role))) {
      await tx.userRole.create({ data: { userId, role } });
    }
    await audit(tx, {
      issueId: null,
      actorId: actor.id,
      action: "roles_changed",
      before: { userId, roles: current },
      after: { userId, roles: wanted },
    });
    return ok(undefined);
  });
}

// Themes -------------------------------------------------------------------------------------

type ThemeInput = { name: string; description?: string; resolutionTargetDays?: number };

export async function createTheme(
  actorId: string,
  input: ThemeInput & { code: string },
): Promise<AdminResult<{ id: string }>> {
  const taken = await db.theme.findUnique({ where: { code: input.code }, select: { id: true } });
  if (taken) return fail("code", t("admin.validation.themeCodeTaken"));
  try {
    return await db.$transaction(async (tx) => {
      const last = await tx.theme.aggregate({ _max: { sortOrder: true } });
      const theme = await tx.theme.create({
        data: {
          code: input.code,
          name: input.name,
          description: input.description ?? "",
          resolutionTargetDays: input.resolutionTargetDays ?? null,
          sortOrder: (last._max.sortOrder ?? 0) + 1,
        },
        select: { id: true, code: true, name: true, description: true, resolutionTargetDays: true },
      });
      await audit(tx, { issueId: null, actorId, action: "theme_created", after: theme });
      return ok({ id: theme.id });
    });
  } catch (error) {
    if (isUniqueViolation(error)) return fail("code", t("admin.validation.themeCodeTaken"));
    throw error;
  }
}

/** Renames or re-describes a theme; its code never changes. */
export async function updateTheme(actorId: string, id: string, input: ThemeInput) {
  await db.$transaction(async (tx) => {
    const select = { code: true, name: true, description: true, resolutionTargetDays: true } as const;
    const before = await tx.theme.findUnique({ where: { id }, select });
    if (!before) notFound();
    const after = await tx.theme.update({
      where: { id },
      data: {
        name: input.name,
        description: input.description ?? "",
        resolutionTargetDays: input.resolutionTargetDays ?? null,
      },
      select,
    });
    await audit(tx, {
      issueId: null,
      actorId,
      action: "theme_updated",
      before: { id, ...before },
      after: { id, ...after },
    });
  });
}

/**
 * Retiring never deletes: the theme is no longer offered for new issues, its issues,
 * partnership rows and history stay. Unretiring offers it again.
 */
export async function setThemeRetired(actorId: string, id: string, retired: boolean) {
  return db.$transaction(async (tx) => {
    const theme = await tx.theme.findUnique({ where: { id }, select: { name: true, retiredAt: true } });
    if (!theme) notFound();
    if (Boolean(theme.retiredAt) !== retired) {
      await tx.theme.update({ where: { id }, data: { retiredAt: retired ? new Date() : null } });
      await audit(tx, { issueId: null, actorId, action: retired ? "theme_retired" : "theme_unretired", after: { id } });
    }
    return { name: theme.name };
  });
}

// Settings -----------------------------------------------------------------------------------

export async function updateSettings(actorId: string, values: Settings) {
  await db.$transaction(async (tx) => {
    const before = await getSettings(tx);
    await saveSettings(values, tx);
    await audit(tx, { issueId: null, actorId, action: "settings_changed", before, after: values });
  });
}
