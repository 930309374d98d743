import { describe, expect, test } from "vitest";
import { action as accountAction } from "~/routes/account";
import { action as loginAction } from "~/routes/inloggen";
import { action as issueAction } from "~/routes/meldingen.$id";
import { action as supportAction } from "~/routes/meldingen.$id.steun";
import { action as reportAction } from "~/routes/meldingen.nieuw";
import { action as registerAction } from "~/routes/registreren";
import { createIssue, createUser, sessionCookieFor } from "../db-utils";

type Action = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;

async function statusOf(action: Action, request: Request, params: Record<string, string> = {}) {
  try {
    const result = await action({ request, params, context: {} });
    if (result instanceof Response) return result.status;
    return (result as { init?: { status?: number } }).init?.status ?? 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

describe("bodies that are not forms answer 400, never 500", () => {
  test.each([
    ["application/json", '{"email":"a@b.nl"}'],
    ["multipart/form-data; boundary=xx", '--xx\r\nContent-Disposition: form-data; name="title"\r\n\r\nabc'],
    ["multipart/form-data", "garbage"],
    ["text/plain", "\u0000\u0001"],
  ])("%s", async (contentType, body) => {
    const user = await createUser();
    const cookie = await sessionCookieFor(user.id);
    const issue = await createIssue({ reporterId: user.id });
    const make = (path: string) =>
      new Request(`http://localhost${path}`, {
        method: "POST",
        body,
        headers: { "Content-Type": contentType, Cookie: cookie },
      });
    const cases: [Action, string, Record<string, string>?][] = [
      [loginAction as Action, "/inloggen"],
      [registerAction as Action, "/registreren"],
      [accountAction as Action, "/account"],
      [reportAction as Action, "/meldingen/nieuw"],
      [issueAction as Action, `/meldingen/${issue.id}`, { id: String(issue.id) }],
      [supportAction as Action, `/meldingen/${issue.id}/steun`, { id: String(issue.id) }],
    ];
    for (const [action, path, params] of cases) {
      expect(await statusOf(action, make(path), params), path).toBe(400);
    }
  });
});
