import { describe, expect, it } from "vitest";
import { highInterestWithoutTrekker, interestRowSchema } from "./interests";

describe("hoog belang, geen trekker", () => {
  const themes = [
    { id: "afval", trekkerIds: ["gemeente"] },
    { id: "jongeren", trekkerIds: [] },
    { id: "zorg", trekkerIds: [] },
  ];
  it("flags only themes with a hoog interest and no trekker, in theme order", () => {
    const interests = [
      { themeId: "zorg", level: "hoog" },
      { themeId: "afval", level: "hoog" },
      { themeId: "jongeren", level: "midden" },
    ];
    expect(highInterestWithoutTrekker(themes, interests).map((t) => t.id)).toEqual(["zorg"]);
    expect(highInterestWithoutTrekker(themes, [...interests, { themeId: "jongeren", level: "hoog" }]).map((t) => t.id)).toEqual([
      "jongeren",
      "zorg",
    ]);
    expect(highInterestWithoutTrekker(themes, [])).toEqual([]);
  });
});

describe("interest row schema", () => {
  it("needs exactly one of party and organisation, and known levels", () => {
    expect(interestRowSchema.safeParse({ intent: "save", partyId: "p1", levels: { afval: "hoog" } }).success).toBe(true);
    expect(interestRowSchema.safeParse({ intent: "save", levels: { afval: "hoog" } }).success).toBe(false);
    expect(
      interestRowSchema.safeParse({ intent: "save", partyId: "p1", organisationId: "o1", levels: { afval: "hoog" } }).success,
    ).toBe(false);
    expect(interestRowSchema.safeParse({ intent: "save", partyId: "p1", levels: { afval: "heel" } }).success).toBe(false);
  });
});
