import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { NarrowPage } from "~/components/narrow-page";
import { t } from "~/i18n";
import { db } from "~/utils/db.server";
import { followIssue, isFollowing, unfollowIssue } from "~/utils/follows.server";
import { findPublicIssue } from "~/utils/issues.server";
import { readUnsubscribeToken, type UnsubscribeScope } from "~/utils/mail.server";
import { readFormData } from "~/utils/request.server";

/**
 * One-click unsubscribe from a mail (List-Unsubscribe, RFC 8058). GET only asks (mail scanners
 * and link previews open links); POST does it. The signed token is the authority, so the POST
 * needs no login and no CSRF token: mail clients post `List-Unsubscribe=One-Click` themselves.
 */
export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const title = !data?.valid
    ? t("mail.unsubscribe.invalidTitle")
    : data.kind === "all"
      ? t("mail.unsubscribe.titleAll")
      : t("mail.unsubscribe.titleIssue");
  return [{ title: `${title} | ${t("common.appName")}` }, { name: "robots", content: "noindex" }];
};

export const headers: HeadersFunction = () => ({ "Referrer-Policy": "no-referrer" });

async function currentState(scope: UnsubscribeScope) {
  const user = await db.user.findUnique({
    where: { id: scope.userId },
    select: { emailOptOutAt: true, anonymisedAt: true },
  });
  if (!user || user.anonymisedAt) return null;
  if (scope.issueId === null) return { kind: "all" as const, optedOut: user.emailOptOutAt !== null, issueTitle: null };
  const issue = await findPublicIssue(scope.issueId, { title: true });
  return {
    kind: "issue" as const,
    optedOut: !(await isFollowing(scope.userId, scope.issueId)),
    issueTitle: issue?.title ?? null,
  };
}

export async function loader({ params }: LoaderFunctionArgs) {
  const scope = readUnsubscribeToken(params.token);
  const state = scope ? await currentState(scope) : null;
  if (!state) return data({ valid: false as const }, { status: 404 });
  return { valid: true as const, ...state };
}

async function readIntent(request: Request) {
  // One-click posts carry only "List-Unsubscribe=One-Click" (or a body we cannot read): unsubscribe.
  const form = await readFormData(request).catch(() => null);
  return form?.get("intent") === "undo" ? "undo" : "unsubscribe";
}

export async function action({ request, params }: ActionFunctionArgs) {
  const scope = readUnsubscribeToken(params.token);
  const state = scope ? await currentState(scope) : null;
  if (!scope || !state) return data({ done: null }, { status: 404 });
  const intent = await readIntent(request);
  const { userId, issueId } = scope;

  if (issueId === null) {
    await db.user.updateMany({
      where: { id: userId, emailOptOutAt: intent === "undo" ? { not: null } : null },
      data: { emailOptOutAt: intent === "undo" ? null : new Date() },
    });
  } else if (intent === "unsubscribe") {
    await unfollowIssue(db, userId, issueId);
  } else if (await db.issue.findUnique({ where: { id: issueId }, select: { id: true } })) {
    await followIssue(db, userId, issueId);
  }
  return { done: intent === "undo" ? ("resubscribed" as const) : ("unsubscribed" as const) };
}

export default function UnsubscribePage() {
  const state = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";

  if (!state.valid) {
    return (
      <NarrowPage title={t("mail.unsubscribe.invalidTitle")}>
        <p className="mt-4 text-lg">{t("mail.unsubscribe.invalid")}</p>
      </NarrowPage>
    );
  }

  const all = state.kind === "all";
  const title = all ? t("mail.unsubscribe.titleAll") : t("mail.unsubscribe.titleIssue");
  const undoForm = (
    <Form method="post" className="mt-6">
      <input type="hidden" name="intent" value="undo" />
      <p>{t("mail.unsubscribe.undo")}</p>
      <button type="submit" className="btn-secondary mt-2" disabled={busy}>
        {all ? t("mail.unsubscribe.undoAll") : t("mail.unsubscribe.undoIssue")}
      </button>
    </Form>
  );

  if (result?.done === "unsubscribed") {
    return (
      <NarrowPage title={title}>
        <p role="status" className="mt-4 text-lg font-semibold">
          {all ? t("mail.unsubscribe.doneAll") : t("mail.unsubscribe.doneIssue")}
        </p>
        {all ? <p className="mt-3">{t("mail.unsubscribe.inAppHint")}</p> : null}
        {undoForm}
      </NarrowPage>
    );
  }
  if (result?.done === "resubscribed") {
    return (
      <NarrowPage title={title}>
        <p role="status" className="mt-4 text-lg font-semibold">
          {all ? t("mail.unsubscribe.resubscribedAll") : t("mail.unsubscribe.resubscribedIssue")}
        </p>
      </NarrowPage>
    );
  }
  if (all && state.optedOut) {
    return (
      <NarrowPage title={title}>
        <p className="mt-4 text-lg">{t("mail.unsubscribe.alreadyAll")}</p>
        {undoForm}
      </NarrowPage>
    );
  }

  const question = all
    ? t("mail.unsubscribe.questionAll")
    : state.issueTitle
      ? t("mail.unsubscribe.questionIssue", { title: state.issueTitle })
      : t("mail.unsubscribe.questionIssueGone");
  return (
    <NarrowPage title={title}>
      <p className="mt-4 text-lg">{question}</p>
      {all ? <p className="mt-3">{t("mail.unsubscribe.inAppHint")}</p> : null}
      <Form method="post" className="mt-6">
        <input type="hidden" name="intent" value="unsubscribe" />
        <button type="submit" className="btn-primary" disabled={busy}>
          {all ? t("mail.unsubscribe.submitAll") : t("mail.unsubscribe.submitIssue")}
        </button>
      </Form>
    </NarrowPage>
  );
}
