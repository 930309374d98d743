import { describe, expect, test } from "vitest";
import { action as accountAction } from "~/routes/account";
import { action as loginAction } from "~/routes/inloggen";
import { action as issueAction } from "~/routes/meldingen.$id";
import { action as supportAction } from "~/routes/meldingen.$id.steun";
import { action as reportAction } from "~/routes/meldingen.nieuw";
import { action as registerAction } from "~/routes/registreren";
import { MULTIPART_MAX_BYTES } from "~/utils/multipart.server";
import { FORM_MAX_BYTES } from "~/utils/request.server";
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

describe("bodies larger than a form of ours are refused with 413 before they are parsed", () => {
  const big = `email=a%40b.nl&password=${"x".repeat(FORM_MAX_BYTES)}`;
  const form = { "Content-Type": "application/x-www-form-urlencoded" };
  /** The same bytes as a stream, so the request carries no Content-Length to refuse it early. */
  function streamed(text: string) {
    const bytes = new TextEncoder().encode(text);
    return new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < bytes.length; at += 64 * 1024) controller.enqueue(bytes.subarray(at, at + 64 * 1024));
        controller.close();
      },
    });
  }
  const post = (path: string, body: BodyInit, headers: Record<string, string>) =>
    new Request(`http://localhost${path}`, { method: "POST", body, headers, duplex: "half" } as RequestInit);

  test("a form body over the limit, with and without Content-Length", async () => {
    const declared = post("/inloggen", big, { ...form, "Content-Length": String(big.length) });
    expect(await statusOf(loginAction as Action, declared)).toBe(413);
    expect(await statusOf(loginAction as Action, post("/inloggen", streamed(big), form))).toBe(413);
    // Just under the limit is read (and then refused by the schema as a wrong login, not a 413).
    const fits = `email=a%40b.nl&password=${"x".repeat(FORM_MAX_BYTES - 100)}`;
    expect(await statusOf(loginAction as Action, post("/inloggen", streamed(fits), form))).not.toBe(413);
  });

  test("the refusal is in Dutch", async () => {
    const thrown = await loginAction({
      request: post("/inloggen", streamed(big), form),
      params: {},
      context: {},
    }).catch((response: Response) => response);
    expect(thrown).toBeInstanceOf(Response);
    expect(await (thrown as Response).text()).toMatch(/te groot/);
  });

  test("a photo form whose text parts add up to more than the limit", async () => {
    const user = await createUser();
    const cookie = await sessionCookieFor(user.id);
    const part = (name: string, value: string) =>
      `--xx\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    // Each part stays under the per-part limit; together they pass the form limit.
    const filler = "y".repeat(60 * 1024);
    const body = `${Array.from({ length: 20 }, (_, i) => part(`extra${i}`, filler)).join("")}--xx--\r\n`;
    const request = post("/meldingen/nieuw", streamed(body), {
      "Content-Type": "multipart/form-data; boundary=xx",
      Cookie: cookie,
    });
    expect(await statusOf(reportAction as Action, request)).toBe(413);
  });

  test("a photo form with more than photos of our size in all (repeated photo parts)", async () => {
    const user = await createUser();
    const cookie = await sessionCookieFor(user.id);
    const photoPart = (mb: number) =>
      `--xx\r\nContent-Disposition: form-data; name="photo"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n${"z".repeat(mb << 20)}\r\n`;
    const parts = Array.from({ length: Math.ceil(MULTIPART_MAX_BYTES / (9 << 20)) + 1 }, () => photoPart(9));
    const body = `${parts.join("")}--xx--\r\n`;
    const headers = { "Content-Type": "multipart/form-data; boundary=xx", Cookie: cookie };
    expect(await statusOf(reportAction as Action, post("/meldingen/nieuw", streamed(body), headers))).toBe(413);
    // Said up front: refused before a byte is read.
    const declared = { ...headers, "Content-Length": String(body.length) };
    expect(await statusOf(reportAction as Action, post("/meldingen/nieuw", body, declared))).toBe(413);
  });

  test("a body read before (twice by mistake) is a bad request, not a 500", async () => {
    const request = post("/inloggen", "email=a%40b.nl", form);
    await request.text();
    expect(await statusOf(loginAction as Action, request)).toBe(400);
  });
});
