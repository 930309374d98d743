import { describe, expect, it } from "vitest";
import { ROLES, canDeleteComment, hasPermission, type Permission, type Role } from "./permissions";

const actor = (roles: Role[], id = "u1") => ({ id, roles, memberships: [] });

describe("permissions matrix", () => {
  const expected: Record<Permission, readonly Role[]> = {
    "issue:report": ["resident", "steering", "admin", "moderator"],
    "issue:support": ["resident", "steering", "admin", "moderator"],
    "comment:create": ["resident", "steering", "admin", "moderator"],
    "admin:access": ["admin"],
  };
  for (const [permission, allowed] of Object.entries(expected) as [Permission, Role[]][]) {
    for (const role of ROLES) {
      it(`${role} ${allowed.includes(role) ? "may" : "may not"} ${permission}`, () => {
        expect(hasPermission(actor([role]), permission)).toBe(allowed.includes(role));
      });
    }
    it(`nobody logged out may ${permission}`, () => {
      expect(hasPermission(null, permission)).toBe(false);
    });
  }
  it("a user without roles may do nothing", () => {
    expect(hasPermission(actor([]), "issue:report")).toBe(false);
  });
});

describe("deleting comments", () => {
  it("the author may delete their own comment", () => {
    expect(canDeleteComment(actor(["resident"], "a"), { authorId: "a" })).toBe(true);
  });
  it("another resident may not", () => {
    expect(canDeleteComment(actor(["resident"], "b"), { authorId: "a" })).toBe(false);
  });
  it("nobody owns an anonymised comment, except moderators and admins", () => {
    expect(canDeleteComment(actor(["resident"], "b"), { authorId: null })).toBe(false);
    expect(canDeleteComment(actor(["moderator"], "m"), { authorId: null })).toBe(true);
    expect(canDeleteComment(actor(["admin"], "x"), { authorId: "a" })).toBe(true);
  });
  it("logged out may not", () => {
    expect(canDeleteComment(null, { authorId: "a" })).toBe(false);
  });
});
