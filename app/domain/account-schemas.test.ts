import { describe, expect, it } from "vitest";
import { loginSchema, registerSchema } from "./account-schemas";

describe("register schema", () => {
  const valid = { name: "Sanne Peeters", email: "Sanne@Example.NL ", password: "lange-zin-van-woorden" };

  it("normalises the email address", () => {
    const result = registerSchema.safeParse(valid);
    expect(result.success && result.data.email).toBe("sanne@example.nl");
  });

  it("refuses a password shorter than 10 characters with a Dutch message", () => {
    const result = registerSchema.safeParse({ ...valid, password: "kort" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toBe("Kies een wachtwoord van minstens 10 tekens.");
  });

  it("accepts exactly 10 characters", () => {
    expect(registerSchema.safeParse({ ...valid, password: "1234567890" }).success).toBe(true);
  });

  it("refuses a missing name and a malformed email", () => {
    const result = registerSchema.safeParse({ email: "geen-adres", password: "1234567890" });
    const messages = result.error?.issues.map((i) => i.message) ?? [];
    expect(messages).toContain("Vul je naam in.");
    expect(messages).toContain("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.");
  });

  it("refuses a buurt code that is not a CBS code", () => {
    expect(registerSchema.safeParse({ ...valid, buurtCode: "DROP TABLE" }).success).toBe(false);
    expect(registerSchema.safeParse({ ...valid, buurtCode: "BU09832402" }).success).toBe(true);
  });
});

describe("login schema", () => {
  it("asks for a password", () => {
    const result = loginSchema.safeParse({ email: "a@b.nl" });
    expect(result.error?.issues[0].message).toBe("Vul je wachtwoord in.");
  });
});
