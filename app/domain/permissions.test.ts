/**
 * Full permission matrix for the "Partner triage" issue, written from the SPECIFICATION (the
 * action table and the status-workflow table of the issue, plus the foundation rules for
 * reporting, supporting, commenting, admin access and comment deletion), not from the
 * implementation. Every expectation below is computed by a small, explicit model of the spec
 * (`spec*` helpers and `SPEC_WORKFLOW`), which deliberately does not import the workflow data
 * of issue-status.ts.
 *
 * Readings of the spec used here:
 * - "partner member" = a user with at least one membership (role `member` or `coordinator`) in
 *   any organisation; "members of organisation X" = anyone with a membership in X, whatever its
 *   role; "coordinators of X" = memberships in X with role `coordinator` only.
 * - Admins are allowed exactly where the action table lists them, plus every listed status
 *   transition ("Admins may make any listed transition"). Triage of an untriaged issue is the
 *   listed transition nieuw/heropend -> getrieerd, so admins may triage untriaged issues too.
 *   Hand-over and accepting/declining a hand-over do not list admins, so admins get 403 there.
 * - A "triaged issue" (re-triage) is an open issue past triage: `getrieerd`, `in_behandeling`.
 *   Whether an owner-organisation coordinator may "re-triage" a closed issue (`opgelost`,
 *   `gesloten_niet_opgelost`) is not determined by the spec (a closed issue may or may not have
 *   been triaged, and the status alone cannot tell). Our decision: nobody but admins re-triages a
 *   closed issue; it is reopened first (heropend), which puts it back in the triage queue.
 * - Everyone not listed for an action gets 403, including moderators and steering members
 *   without an organisation.
 */
import { describe, expect, it } from "vitest";
import { ISSUE_STATUSES, type IssueStatus } from "./issue-status";
import {
  canAdminister,
  canClaim,
  canChangeStatus,
  canCreateSolution,
  canDeleteComment,
  canEditIssueText,
  canEditPartnershipRow,
  canFlag,
  canModerate,
  canSeeHiddenContent,
  issueTextEditorRole,
  canEditSolution,
  canHandOver,
  canMerge,
  canPostPublicUpdate,
  canRespondToHandover,
  canRetryExternalSend,
  canSeePartnerArea,
  canSetRoles,
  canTriage,
  canViewPartnershipMap,
  canWriteInternalNote,
  hasPermission,
  isPartner,
  type Permission,
  type Role,
} from "./permissions";

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

const OWNER_ORG = "org-owner";
const OTHER_ORG = "org-other";
const THIRD_ORG = "org-third"; // an organisation nobody in the fixtures belongs to
const REPORTER_ID = "user-reporter";

const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;
const NOW = new Date("2025-06-15T12:00:00.000Z");
const CLOSED_10_DAYS_AGO = new Date(NOW.getTime() - 10 * DAY);

type TestActor = {
  id: string;
  roles: Role[];
  memberships: { organisationId: string; role: "member" | "coordinator" }[];
} | null;

const ACTORS = {
  anonymous: null,
  resident: { id: "user-resident", roles: ["resident"], memberships: [] },
  ownerMember: {
    id: "user-owner-member",
    roles: ["resident"],
    memberships: [{ organisationId: OWNER_ORG, role: "member" }],
  },
  ownerCoordinator: {
    id: "user-owner-coordinator",
    roles: ["resident"],
    memberships: [{ organisationId: OWNER_ORG, role: "coordinator" }],
  },
  otherMember: {
    id: "user-other-member",
    roles: ["resident"],
    memberships: [{ organisationId: OTHER_ORG, role: "member" }],
  },
  otherCoordinator: {
    id: "user-other-coordinator",
    roles: ["resident"],
    memberships: [{ organisationId: OTHER_ORG, role: "coordinator" }],
  },
  steering: { id: "user-steering", roles: ["resident", "steering"], memberships: [] },
  admin: { id: "user-admin", roles: ["admin"], memberships: [] },
  moderator: { id: "user-moderator", roles: ["moderator"], memberships: [] },
  reporter: { id: REPORTER_ID, roles: ["resident"], memberships: [] },
} satisfies Record<string, TestActor>;

type ActorName = keyof typeof ACTORS;
const ACTOR_NAMES = Object.keys(ACTORS) as ActorName[];
const actor = (name: ActorName): TestActor => ACTORS[name];

type TestIssue = {
  status: IssueStatus;
  ownerOrganisationId: string | null;
  reporterId: string | null;
  closedAt: Date | string | null;
};

const isClosedStatus = (status: IssueStatus) => status === "opgelost" || status === "gesloten_niet_opgelost";

function makeIssue(
  status: IssueStatus,
  ownerOrganisationId: string | null,
  closedAt?: Date | string | null,
): TestIssue {
  return {
    status,
    ownerOrganisationId,
    reporterId: REPORTER_ID,
    closedAt: closedAt !== undefined ? closedAt : isClosedStatus(status) ? CLOSED_10_DAYS_AGO : null,
  };
}

/** Every status, with and without owner. */
const ISSUES = ISSUE_STATUSES.flatMap((status) => [
  { label: `${status} (owner ${OWNER_ORG})`, issue: makeIssue(status, OWNER_ORG) },
  { label: `${status} (no owner)`, issue: makeIssue(status, null) },
]);

const verdict = (allowed: boolean) => (allowed ? "may" : "may NOT");

/** it.each rows titled by a plain string (so titles are neither quoted nor truncated by Vitest). */
const named = <T extends object>(rows: readonly T[], title: (row: T) => string) =>
  rows.map((row) => [title(row), row] as [string, T]);

// ---------------------------------------------------------------------------------------------
// The spec, as a model (independent of the implementation)
// ---------------------------------------------------------------------------------------------

const PARTNERS: readonly ActorName[] = ["ownerMember", "ownerCoordinator", "otherMember", "otherCoordinator"];
const ADMINS: readonly ActorName[] = ["admin"];

function membersOf(organisationId: string | null): readonly ActorName[] {
  if (organisationId === OWNER_ORG) return ["ownerMember", "ownerCoordinator"];
  if (organisationId === OTHER_ORG) return ["otherMember", "otherCoordinator"];
  return [];
}

function coordinatorsOf(organisationId: string | null): readonly ActorName[] {
  if (organisationId === OWNER_ORG) return ["ownerCoordinator"];
  if (organisationId === OTHER_ORG) return ["otherCoordinator"];
  return [];
}

const UNTRIAGED: readonly IssueStatus[] = ["nieuw", "heropend"];
const TRIAGED_OPEN: readonly IssueStatus[] = ["getrieerd", "in_behandeling"];

type Who = "triage" | "partner" | "owner" | "reporterWithin30Days";

/** The status-workflow table of the spec, row by row. */
const SPEC_WORKFLOW: readonly { from: readonly IssueStatus[]; to: IssueStatus; who: readonly Who[] }[] = [
  { from: ["nieuw", "heropend"], to: "getrieerd", who: ["triage"] },
  { from: ["nieuw", "heropend"], to: "gesloten_niet_opgelost", who: ["partner"] },
  { from: ["getrieerd", "heropend"], to: "in_behandeling", who: ["owner"] },
  { from: ["getrieerd", "in_behandeling", "heropend"], to: "opgelost", who: ["owner"] },
  { from: ["getrieerd", "in_behandeling", "heropend"], to: "gesloten_niet_opgelost", who: ["owner"] },
  { from: ["opgelost"], to: "heropend", who: ["reporterWithin30Days", "owner"] },
  { from: ["gesloten_niet_opgelost"], to: "heropend", who: ["owner"] },
];

function specAllowsStatusChange(
  name: ActorName,
  issue: TestIssue,
  to: IssueStatus,
  { now = NOW, viaTriage = false }: { now?: Date; viaTriage?: boolean } = {},
) {
  if (name === "anonymous") return false;
  const rules = SPEC_WORKFLOW.filter((rule) => rule.to === to && rule.from.includes(issue.status));
  if (rules.length === 0) return false; // not a listed transition: nobody, not even admins
  // `getrieerd` is only reached through triage (the four answers), never a plain status change.
  if (to === "getrieerd" && !viaTriage) return false;
  if (ADMINS.includes(name)) return true; // admins may make any listed transition
  return rules.some((rule) =>
    rule.who.some((who) => {
      switch (who) {
        case "triage": // the transition of triaging an untriaged issue: any partner member...
        case "partner":
          // ...while nobody owns it; a claimed (or reopened) issue only its owner's members.
          return issue.ownerOrganisationId === null ? PARTNERS.includes(name) : membersOf(issue.ownerOrganisationId).includes(name);
        case "owner":
          return membersOf(issue.ownerOrganisationId).includes(name);
        case "reporterWithin30Days": {
          const a = actor(name);
          if (!a || issue.reporterId === null || a.id !== issue.reporterId || issue.closedAt === null) return false;
          return now.getTime() - new Date(issue.closedAt).getTime() <= 30 * DAY;
        }
      }
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Foundation: role permissions and comment deletion
// ---------------------------------------------------------------------------------------------

describe("hasPermission (foundation)", () => {
  const PERMISSIONS: readonly Permission[] = ["issue:report", "issue:support", "comment:create", "admin:access"];
  const ROLES: readonly Role[] = ["resident", "steering", "admin", "moderator"];
  const allowedRoles: Record<Permission, readonly Role[]> = {
    "issue:report": ["resident", "steering", "moderator", "admin"],
    "issue:support": ["resident", "steering", "moderator", "admin"],
    "comment:create": ["resident", "steering", "moderator", "admin"],
    "admin:access": ["admin"],
  };

  const byRole = PERMISSIONS.flatMap((permission) =>
    ROLES.map((role) => ({ permission, role, expected: allowedRoles[permission].includes(role) })),
  ).map((row) => ({ ...row, v: verdict(row.expected) }));

  it.each(named(byRole, (r) => `a user with only role ${r.role} ${r.v} ${r.permission}`))(
    "%s",
    (_title, { permission, role, expected }) => {
      expect(hasPermission({ roles: [role] }, permission)).toBe(expected);
    },
  );

  const byActor = PERMISSIONS.flatMap((permission) =>
    ACTOR_NAMES.map((name) => {
      const a = actor(name);
      const expected = !!a && a.roles.some((role) => allowedRoles[permission].includes(role));
      return { permission, name, expected, v: verdict(expected) };
    }),
  );

  it.each(named(byActor, (r) => `${r.name} ${r.v} ${r.permission}`))("%s", (_title, { permission, name, expected }) => {
    expect(hasPermission(actor(name), permission)).toBe(expected);
  });

  it.each(PERMISSIONS)("a user without any role may NOT %s", (permission) => {
    expect(hasPermission({ roles: [] }, permission)).toBe(false);
  });

  it.each(PERMISSIONS)("undefined (logged out) may NOT %s", (permission) => {
    expect(hasPermission(undefined, permission)).toBe(false);
  });
});

describe("canDeleteComment (foundation): the author, moderators, admins", () => {
  const COMMENTS = [
    { label: "a comment by the reporter", authorId: REPORTER_ID as string | null },
    { label: "a comment by the resident", authorId: ACTORS.resident.id as string | null },
    { label: "a comment by someone else", authorId: "user-somebody-else" as string | null },
    { label: "an anonymised comment", authorId: null as string | null },
  ];
  const rows = ACTOR_NAMES.flatMap((name) =>
    COMMENTS.map(({ label, authorId }) => {
      const a = actor(name);
      const expected =
        !!a && ((authorId !== null && a.id === authorId) || a.roles.includes("moderator") || a.roles.includes("admin"));
      return { name, label, authorId, expected, v: verdict(expected) };
    }),
  );

  it.each(named(rows, (r) => `${r.name} ${r.v} delete ${r.label}`))("%s", (_title, { name, authorId, expected }) => {
    expect(canDeleteComment(actor(name), { authorId })).toBe(expected);
  });
});

// ---------------------------------------------------------------------------------------------
// Actor-only partner actions
// ---------------------------------------------------------------------------------------------

describe("actions that depend only on the actor", () => {
  const partnerOrAdmin = (name: ActorName) => PARTNERS.includes(name) || ADMINS.includes(name);

  const rows = ACTOR_NAMES.flatMap((name) => [
    { action: "be a partner (isPartner)", fn: () => isPartner(actor(name)), name, expected: PARTNERS.includes(name) },
    {
      action: "see the triage queue, internal notes and audit trail (canSeePartnerArea)",
      fn: () => canSeePartnerArea(actor(name)),
      name,
      expected: partnerOrAdmin(name),
    },
    {
      action: "write an internal note (canWriteInternalNote)",
      fn: () => canWriteInternalNote(actor(name)),
      name,
      expected: partnerOrAdmin(name),
    },
    {
      action: "create a solution in the library (canCreateSolution)",
      fn: () => canCreateSolution(actor(name)),
      name,
      expected: partnerOrAdmin(name),
    },
  ]).map((row) => ({ ...row, v: verdict(row.expected) }));

  it.each(named(rows, (r) => `${r.name} ${r.v} ${r.action}`))("%s", (_title, { fn, expected }) => {
    expect(fn()).toBe(expected);
  });

  it("a steering-group resident without organisation does not see internal notes", () => {
    expect(canSeePartnerArea(ACTORS.steering)).toBe(false);
    expect(canWriteInternalNote(ACTORS.steering)).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Triage
// ---------------------------------------------------------------------------------------------

describe("canTriage: untriaged -> any partner member while unowned, else the owner's members (and admins); re-triage -> owner coordinators, admins", () => {
  type Row = { name: ActorName; label: string; issue: TestIssue; expected: boolean | "unspecified" };
  const rows: Row[] = ACTOR_NAMES.flatMap((name) =>
    ISSUES.map(({ label, issue }) => {
      let expected: boolean | "unspecified";
      if (name === "anonymous") expected = false;
      else if (ADMINS.includes(name)) expected = true;
      else if (UNTRIAGED.includes(issue.status))
        // Any partner while nobody owns it; once claimed (or reopened), the owner's members.
        expected = issue.ownerOrganisationId === null ? PARTNERS.includes(name) : membersOf(issue.ownerOrganisationId).includes(name);
      else if (TRIAGED_OPEN.includes(issue.status)) expected = coordinatorsOf(issue.ownerOrganisationId).includes(name);
      else
        // Closed issues: only an owner coordinator's right is ambiguous; everybody else is refused
        // under every reading of "re-triage a triaged issue".
        // Our decision where the spec is silent: a closed issue is reopened first, then triaged.
        expected = false;
      return { name, label, issue, expected };
    }),
  );

  const specified = rows
    .filter((row): row is Row & { expected: boolean } => row.expected !== "unspecified")
    .map((row) => ({ ...row, v: verdict(row.expected) }));

  it.each(named(specified, (r) => `${r.name} ${r.v} triage ${r.label}`))("%s", (_title, { name, issue, expected }) => {
    expect(canTriage(actor(name), issue)).toBe(expected);
  });
});

// ---------------------------------------------------------------------------------------------
// Claim
// ---------------------------------------------------------------------------------------------

describe("canClaim: an issue without owner, by any partner member, for their own organisation", () => {
  const rows = ACTOR_NAMES.flatMap((name) =>
    ISSUES.flatMap(({ label, issue }) =>
      [OWNER_ORG, OTHER_ORG, THIRD_ORG].map((organisationId) => {
        const expected = issue.ownerOrganisationId === null && membersOf(organisationId).includes(name);
        return { name, label, issue, organisationId, expected, v: verdict(expected) };
      }),
    ),
  );

  it.each(named(rows, (r) => `${r.name} ${r.v} claim ${r.label} for ${r.organisationId}`))(
    "%s",
    (_title, { name, issue, organisationId, expected }) => {
      expect(canClaim(actor(name), issue, organisationId)).toBe(expected);
    },
  );
});

// ---------------------------------------------------------------------------------------------
// Owner-organisation actions
// ---------------------------------------------------------------------------------------------

describe("actions on an issue by its owner organisation", () => {
  const ownerMembers = (issue: TestIssue) => membersOf(issue.ownerOrganisationId);
  const actions = [
    {
      action: "hand over (canHandOver; admins not listed in the spec)",
      fn: canHandOver,
      allowed: (name: ActorName, issue: TestIssue) => ownerMembers(issue).includes(name),
    },
    {
      action: "post a public update (canPostPublicUpdate)",
      fn: canPostPublicUpdate,
      allowed: (name: ActorName, issue: TestIssue) => ownerMembers(issue).includes(name) || ADMINS.includes(name),
    },
    {
      // A send belongs to the organisation it went to: here the issue's owner organisation.
      action: "retry sending to the owner's own Open311 system (canRetryExternalSend)",
      fn: (a: Parameters<typeof canRetryExternalSend>[0], issue: TestIssue) =>
        canRetryExternalSend(a, { organisationId: issue.ownerOrganisationId ?? "no-organisation" }),
      allowed: (name: ActorName, issue: TestIssue) => ownerMembers(issue).includes(name) || ADMINS.includes(name),
    },
    {
      action: "merge a duplicate into this kept issue (canMerge)",
      fn: canMerge,
      allowed: (name: ActorName, issue: TestIssue) => ownerMembers(issue).includes(name) || ADMINS.includes(name),
    },
  ];

  const rows = actions.flatMap(({ action, fn, allowed }) =>
    ACTOR_NAMES.flatMap((name) =>
      ISSUES.map(({ label, issue }) => {
        const expected = allowed(name, issue);
        return { action, fn, name, label, issue, expected, v: verdict(expected) };
      }),
    ),
  );

  it.each(named(rows, (r) => `${r.name} ${r.v} ${r.action} on ${r.label}`))(
    "%s",
    (_title, { fn, name, issue, expected }) => {
      expect(fn(actor(name), issue)).toBe(expected);
    },
  );
});

describe("canRespondToHandover: accept/decline by members of the receiving organisation (admins not listed)", () => {
  const rows = ACTOR_NAMES.flatMap((name) =>
    [OWNER_ORG, OTHER_ORG, THIRD_ORG].map((toOrganisationId) => {
      const expected = membersOf(toOrganisationId).includes(name);
      return { name, toOrganisationId, expected, v: verdict(expected) };
    }),
  );

  it.each(named(rows, (r) => `${r.name} ${r.v} accept/decline a hand-over to ${r.toOrganisationId}`))(
    "%s",
    (_title, { name, toOrganisationId, expected }) => {
      expect(canRespondToHandover(actor(name), { toOrganisationId })).toBe(expected);
    },
  );
});

// ---------------------------------------------------------------------------------------------
// Solutions library and partnerschapskaart
// ---------------------------------------------------------------------------------------------

describe("canEditSolution: members of its responsible organisation, admins", () => {
  const rows = ACTOR_NAMES.flatMap((name) =>
    [OWNER_ORG, OTHER_ORG, THIRD_ORG].map((responsibleOrganisationId) => {
      const expected = membersOf(responsibleOrganisationId).includes(name) || ADMINS.includes(name);
      return { name, responsibleOrganisationId, expected, v: verdict(expected) };
    }),
  );

  it.each(named(rows, (r) => `${r.name} ${r.v} edit/delete a solution of ${r.responsibleOrganisationId}`))(
    "%s",
    (_title, { name, responsibleOrganisationId, expected }) => {
      expect(canEditSolution(actor(name), { responsibleOrganisationId })).toBe(expected);
    },
  );
});

describe("canEditPartnershipRow: admins; coordinators for their own organisation", () => {
  const rows = ACTOR_NAMES.flatMap((name) =>
    [OWNER_ORG, OTHER_ORG, THIRD_ORG].map((organisationId) => {
      const expected = ADMINS.includes(name) || coordinatorsOf(organisationId).includes(name);
      return { name, organisationId, expected, v: verdict(expected) };
    }),
  );

  it.each(named(rows, (r) => `${r.name} ${r.v} edit the partnerschapskaart row of ${r.organisationId}`))(
    "%s",
    (_title, { name, organisationId, expected }) => {
      expect(canEditPartnershipRow(actor(name), organisationId)).toBe(expected);
    },
  );
});

describe("canViewPartnershipMap: partner members, steering group members and admins (read-only)", () => {
  const rows = ACTOR_NAMES.map((name) => {
    const a = actor(name);
    const expected = PARTNERS.includes(name) || ADMINS.includes(name) || (!!a && a.roles.includes("steering"));
    return { name, expected, v: verdict(expected) };
  });

  it.each(named(rows, (r) => `${r.name} ${r.v} see the partnerschapskaart`))("%s", (_title, { name, expected }) => {
    expect(canViewPartnershipMap(actor(name))).toBe(expected);
  });
});

// ---------------------------------------------------------------------------------------------
// Beheer: admins only; nobody removes their own admin role
// ---------------------------------------------------------------------------------------------

describe("canAdminister: admins only", () => {
  const rows = ACTOR_NAMES.map((name) => {
    const expected = ADMINS.includes(name);
    return { name, expected, v: verdict(expected) };
  });

  it.each(named(rows, (r) => `${r.name} ${r.v} manage organisations, people, themes and settings`))(
    "%s",
    (_title, { name, expected }) => {
      expect(canAdminister(actor(name))).toBe(expected);
    },
  );
});

describe("canSetRoles: admins set anyone's roles, but never remove their own admin role", () => {
  const ROLE_SETS: readonly (readonly Role[])[] = [["resident"], ["resident", "admin"], ["admin"], ["steering"]];
  const TARGETS = [
    { label: "themselves", id: (name: ActorName) => actor(name)?.id ?? "nobody" },
    { label: "someone else", id: () => "user-somebody-else" },
  ];
  const rows = ACTOR_NAMES.flatMap((name) =>
    TARGETS.flatMap((target) =>
      ROLE_SETS.map((roles) => {
        const self = target.label === "themselves";
        const expected = ADMINS.includes(name) && (!self || roles.includes("admin"));
        return { name, target: target.label, targetId: target.id(name), roles, expected, v: verdict(expected) };
      }),
    ),
  );

  it.each(named(rows, (r) => `${r.name} ${r.v} give ${r.target} the roles [${r.roles.join(", ")}]`))(
    "%s",
    (_title, { name, targetId, roles, expected }) => {
      expect(canSetRoles(actor(name), { id: targetId }, roles)).toBe(expected);
    },
  );

  it("another admin may remove an admin's role", () => {
    const second = { id: "user-admin-2", roles: ["admin"] as Role[], memberships: [] };
    expect(canSetRoles(ACTORS.admin, second, ["resident"])).toBe(true);
    expect(canSetRoles(second, ACTORS.admin, ["resident"])).toBe(true);
    expect(canSetRoles(second, second, ["resident"])).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Status workflow: every actor x every status (with/without owner) x every target x viaTriage
// ---------------------------------------------------------------------------------------------

describe("canChangeStatus: full workflow matrix", () => {
  const rows = [false, true].flatMap((viaTriage) =>
    ACTOR_NAMES.flatMap((name) =>
      ISSUES.flatMap(({ label, issue }) =>
        ISSUE_STATUSES.map((to) => {
          const expected = specAllowsStatusChange(name, issue, to, { viaTriage });
          return {
            name,
            label,
            issue,
            to,
            viaTriage,
            how: viaTriage ? "via triage" : "as plain change",
            expected,
            v: verdict(expected),
          };
        }),
      ),
    ),
  );

  it.each(named(rows, (r) => `${r.name} ${r.v} move ${r.label} -> ${r.to} (${r.how})`))(
    "%s",
    (_title, { name, issue, to, viaTriage, expected }) => {
      expect(canChangeStatus(actor(name), issue, to, { now: NOW, viaTriage })).toBe(expected);
    },
  );
});

// ---------------------------------------------------------------------------------------------
// Edge cases, spelled out
// ---------------------------------------------------------------------------------------------

describe("edge cases", () => {
  const opgelostClosedAt = (closedAt: Date | string) => makeIssue("opgelost", OWNER_ORG, closedAt);
  const reporter = ACTORS.reporter;

  describe("reporter reopening `opgelost` within 30 days", () => {
    const cases = [
      { label: "1 day after closing", closedAt: new Date(NOW.getTime() - DAY), expected: true },
      { label: "exactly 30 days after closing", closedAt: new Date(NOW.getTime() - 30 * DAY), expected: true },
      {
        label: "30 days + 1 minute after closing",
        closedAt: new Date(NOW.getTime() - 30 * DAY - MINUTE),
        expected: false,
      },
      { label: "45 days after closing", closedAt: new Date(NOW.getTime() - 45 * DAY), expected: false },
      {
        label: "exactly 30 days after closing (closedAt as ISO string)",
        closedAt: new Date(NOW.getTime() - 30 * DAY).toISOString(),
        expected: true,
      },
      {
        label: "30 days + 1 minute after closing (closedAt as ISO string)",
        closedAt: new Date(NOW.getTime() - 30 * DAY - MINUTE).toISOString(),
        expected: false,
      },
    ].map((c) => ({ ...c, v: verdict(c.expected) }));

    it.each(named(cases, (r) => `the reporter ${r.v} reopen ${r.label} (default window)`))(
      "%s",
      (_title, { closedAt, expected }) => {
        expect(canChangeStatus(reporter, opgelostClosedAt(closedAt), "heropend", { now: NOW })).toBe(expected);
      },
    );

    it.each(named(cases, (r) => `the reporter ${r.v} reopen ${r.label} (reopenWindowDays: 30)`))(
      "%s",
      (_title, { closedAt, expected }) => {
        expect(
          canChangeStatus(reporter, opgelostClosedAt(closedAt), "heropend", { now: NOW, reopenWindowDays: 30 }),
        ).toBe(expected);
      },
    );

    it("the reporter of an issue without owner may reopen it within 30 days", () => {
      expect(canChangeStatus(reporter, makeIssue("opgelost", null), "heropend", { now: NOW })).toBe(true);
    });

    it("another resident may not reopen someone else's issue, even within 30 days", () => {
      expect(canChangeStatus(ACTORS.resident, makeIssue("opgelost", OWNER_ORG), "heropend", { now: NOW })).toBe(false);
    });

    it.each(["ownerMember", "ownerCoordinator", "admin"] as const)(
      "%s may reopen `opgelost` also after the 30-day window",
      (who) => {
        const issue = opgelostClosedAt(new Date(NOW.getTime() - 90 * DAY));
        expect(canChangeStatus(actor(who), issue, "heropend", { now: NOW })).toBe(true);
      },
    );

    it.each(["otherMember", "otherCoordinator", "steering", "resident", "moderator"] as const)(
      "%s may NOT reopen `opgelost` of the owner organisation",
      (who) => {
        expect(canChangeStatus(actor(who), makeIssue("opgelost", OWNER_ORG), "heropend", { now: NOW })).toBe(false);
      },
    );
  });

  describe("reporter and `gesloten_niet_opgelost`", () => {
    it.each([
      ["1 day", DAY],
      ["exactly 30 days", 30 * DAY],
    ] as const)("the reporter may NOT reopen `gesloten_niet_opgelost` closed %s ago", (_label, ms) => {
      const issue = makeIssue("gesloten_niet_opgelost", OWNER_ORG, new Date(NOW.getTime() - ms));
      expect(canChangeStatus(reporter, issue, "heropend", { now: NOW })).toBe(false);
    });

    it("the owner organisation and admins may reopen `gesloten_niet_opgelost`", () => {
      const issue = makeIssue("gesloten_niet_opgelost", OWNER_ORG);
      expect(canChangeStatus(ACTORS.ownerMember, issue, "heropend", { now: NOW })).toBe(true);
      expect(canChangeStatus(ACTORS.admin, issue, "heropend", { now: NOW })).toBe(true);
      expect(canChangeStatus(ACTORS.otherCoordinator, issue, "heropend", { now: NOW })).toBe(false);
    });
  });

  describe("`getrieerd` is only reached through triage", () => {
    const plain = ACTOR_NAMES.flatMap((name) =>
      (["nieuw", "heropend"] as const).flatMap((status) =>
        [OWNER_ORG, null].map((owner) => ({
          name,
          status,
          owner: owner ?? "no owner",
          issue: makeIssue(status, owner),
        })),
      ),
    );

    it.each(
      named(plain, (r) => `${r.name} may NOT move ${r.status} (${r.owner}) -> getrieerd as a plain status change`),
    )("%s", (_title, { name, issue }) => {
      expect(canChangeStatus(actor(name), issue, "getrieerd", { now: NOW })).toBe(false);
      expect(canChangeStatus(actor(name), issue, "getrieerd", { now: NOW, viaTriage: false })).toBe(false);
    });

    it("via triage, any partner member and admins may move nieuw -> getrieerd", () => {
      const issue = makeIssue("nieuw", null);
      for (const name of [...PARTNERS, ...ADMINS]) {
        expect(canChangeStatus(actor(name), issue, "getrieerd", { now: NOW, viaTriage: true }), name).toBe(true);
      }
      for (const name of ["anonymous", "resident", "steering", "moderator", "reporter"] as const) {
        expect(canChangeStatus(actor(name), issue, "getrieerd", { now: NOW, viaTriage: true }), name).toBe(false);
      }
    });

    it("viaTriage does not make an unlisted transition to getrieerd possible (in_behandeling -> getrieerd)", () => {
      const issue = makeIssue("in_behandeling", OWNER_ORG);
      expect(canChangeStatus(ACTORS.admin, issue, "getrieerd", { now: NOW, viaTriage: true })).toBe(false);
      expect(canChangeStatus(ACTORS.ownerCoordinator, issue, "getrieerd", { now: NOW, viaTriage: true })).toBe(false);
    });
  });

  describe("closing", () => {
    it("a partner of another organisation may close an unowned untriaged issue, not a claimed or reopened one", () => {
      expect(
        canChangeStatus(ACTORS.otherMember, makeIssue("nieuw", null), "gesloten_niet_opgelost", { now: NOW }),
      ).toBe(true);
      expect(
        canChangeStatus(ACTORS.otherMember, makeIssue("nieuw", OWNER_ORG), "gesloten_niet_opgelost", { now: NOW }),
      ).toBe(false);
      expect(
        canChangeStatus(ACTORS.otherMember, makeIssue("heropend", OWNER_ORG), "gesloten_niet_opgelost", { now: NOW }),
      ).toBe(false);
      expect(
        canChangeStatus(ACTORS.ownerMember, makeIssue("nieuw", OWNER_ORG), "gesloten_niet_opgelost", { now: NOW }),
      ).toBe(true);
    });

    it("merging closes the duplicate: only into an issue the actor's organisation owns, and of a duplicate without owner or with the same", () => {
      const kept = makeIssue("getrieerd", OWNER_ORG);
      expect(canMerge(ACTORS.ownerMember, kept, makeIssue("nieuw", null))).toBe(true);
      expect(canMerge(ACTORS.ownerMember, kept, makeIssue("in_behandeling", OWNER_ORG))).toBe(true);
      expect(canMerge(ACTORS.ownerMember, kept, makeIssue("in_behandeling", OTHER_ORG))).toBe(false);
      expect(canMerge(ACTORS.otherMember, kept, makeIssue("nieuw", null))).toBe(false);
      expect(canMerge(ACTORS.admin, kept, makeIssue("in_behandeling", OTHER_ORG))).toBe(true);
    });

    it.each(["getrieerd", "in_behandeling"] as const)(
      "a partner of another organisation may NOT close a triaged (%s) issue of the owner organisation",
      (status) => {
        const issue = makeIssue(status, OWNER_ORG);
        expect(canChangeStatus(ACTORS.otherMember, issue, "gesloten_niet_opgelost", { now: NOW })).toBe(false);
        expect(canChangeStatus(ACTORS.otherCoordinator, issue, "gesloten_niet_opgelost", { now: NOW })).toBe(false);
        expect(canChangeStatus(ACTORS.ownerMember, issue, "gesloten_niet_opgelost", { now: NOW })).toBe(true);
      },
    );

    it("a steering-group resident without organisation may not close an untriaged issue", () => {
      expect(canChangeStatus(ACTORS.steering, makeIssue("nieuw", null), "gesloten_niet_opgelost", { now: NOW })).toBe(
        false,
      );
    });
  });

  describe("claiming", () => {
    it("a partner may claim an issue without owner for their own organisation", () => {
      expect(canClaim(ACTORS.otherMember, makeIssue("nieuw", null), OTHER_ORG)).toBe(true);
    });

    it("claiming for an organisation one is not a member of is refused", () => {
      expect(canClaim(ACTORS.otherMember, makeIssue("nieuw", null), OWNER_ORG)).toBe(false);
      expect(canClaim(ACTORS.otherCoordinator, makeIssue("nieuw", null), THIRD_ORG)).toBe(false);
      expect(canClaim(ACTORS.admin, makeIssue("nieuw", null), OWNER_ORG)).toBe(false);
    });

    it("claiming an issue that already has an owner is refused, even by the owner organisation", () => {
      expect(canClaim(ACTORS.ownerMember, makeIssue("getrieerd", OWNER_ORG), OWNER_ORG)).toBe(false);
      expect(canClaim(ACTORS.otherMember, makeIssue("nieuw", OWNER_ORG), OTHER_ORG)).toBe(false);
    });
  });

  describe("roles must match the same organisation", () => {
    const mixed = {
      id: "user-mixed",
      roles: ["resident"] as Role[],
      memberships: [
        { organisationId: OWNER_ORG, role: "member" },
        { organisationId: OTHER_ORG, role: "coordinator" },
      ],
    };

    it("a member of the owner organisation who coordinates another one may NOT re-triage the owner's issue", () => {
      expect(canTriage(mixed, makeIssue("getrieerd", OWNER_ORG))).toBe(false);
      expect(canTriage(mixed, makeIssue("in_behandeling", OTHER_ORG))).toBe(true);
    });

    it("…and may edit only the partnerschapskaart row of the organisation they coordinate", () => {
      expect(canEditPartnershipRow(mixed, OWNER_ORG)).toBe(false);
      expect(canEditPartnershipRow(mixed, OTHER_ORG)).toBe(true);
    });

    it("…but, as a member of both, may act for either owner organisation", () => {
      expect(canPostPublicUpdate(mixed, makeIssue("getrieerd", OWNER_ORG))).toBe(true);
      expect(canChangeStatus(mixed, makeIssue("in_behandeling", OTHER_ORG), "opgelost", { now: NOW })).toBe(true);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Moderation: flagging, the queue, hidden content and editing an issue's text
// ---------------------------------------------------------------------------------------------

describe("moderation", () => {
  const MODERATORS: readonly ActorName[] = ["moderator", "admin"];

  const actorRows = ACTOR_NAMES.flatMap((name) => [
    { action: "flag content (canFlag; also without an account)", fn: canFlag, name, expected: true },
    {
      action: "use the moderation queue: hide, dismiss, unhide (canModerate)",
      fn: canModerate,
      name,
      expected: MODERATORS.includes(name),
    },
    {
      action: "see hidden content and earlier versions (canSeeHiddenContent)",
      fn: canSeeHiddenContent,
      name,
      expected: MODERATORS.includes(name) || PARTNERS.includes(name),
    },
  ]).map((row) => ({ ...row, v: verdict(row.expected) }));

  it.each(named(actorRows, (r) => `${r.name} ${r.v} ${r.action}`))("%s", (_title, { fn, name, expected }) => {
    expect(fn(actor(name))).toBe(expected);
  });

  it("a steering-group resident without organisation does not see hidden content", () => {
    expect(canSeeHiddenContent(ACTORS.steering)).toBe(false);
  });

  /** Issues of the fixture reporter, posted this long before NOW. */
  const AGES = [
    { label: "posted 1 minute ago", minutes: 1, reporterMay: true },
    { label: "posted 59 minutes ago", minutes: 59, reporterMay: true },
    { label: "posted exactly 60 minutes ago", minutes: 60, reporterMay: false },
    { label: "posted 61 minutes ago", minutes: 61, reporterMay: false },
    { label: "posted 3 days ago", minutes: 3 * 24 * 60, reporterMay: false },
  ];
  const VISIBILITIES = ["public", "hidden"] as const;

  const editRows = ACTOR_NAMES.flatMap((name) =>
    AGES.flatMap(({ label, minutes, reporterMay }) =>
      VISIBILITIES.map((visibility) => {
        const issue = { reporterId: REPORTER_ID, createdAt: new Date(NOW.getTime() - minutes * MINUTE), visibility };
        // The reporter within the hour, unless a moderator hid the issue; moderators and admins always.
        const asReporter = name === "reporter" && reporterMay && visibility === "public";
        const expectedRole = asReporter ? "reporter" : MODERATORS.includes(name) ? "moderator" : null;
        return { name, label, visibility, issue, expectedRole, v: verdict(expectedRole !== null) };
      }),
    ),
  );

  it.each(named(editRows, (r) => `${r.name} ${r.v} edit the text of a ${r.visibility} issue ${r.label}`))(
    "%s",
    (_title, { name, issue, expectedRole }) => {
      expect(issueTextEditorRole(actor(name), issue, NOW)).toBe(expectedRole);
      expect(canEditIssueText(actor(name), issue, NOW)).toBe(expectedRole !== null);
    },
  );

  it("createdAt as an ISO string counts the same", () => {
    const iso = (minutes: number) => ({
      reporterId: REPORTER_ID,
      createdAt: new Date(NOW.getTime() - minutes * MINUTE).toISOString(),
      visibility: "public",
    });
    expect(canEditIssueText(ACTORS.reporter, iso(59), NOW)).toBe(true);
    expect(canEditIssueText(ACTORS.reporter, iso(61), NOW)).toBe(false);
  });

  it("an issue without reporter (Open311, anonymised) is edited by moderators only", () => {
    const issue = { reporterId: null, createdAt: NOW, visibility: "public" };
    expect(canEditIssueText(ACTORS.reporter, issue, NOW)).toBe(false);
    expect(issueTextEditorRole(ACTORS.moderator, issue, NOW)).toBe("moderator");
  });
});
