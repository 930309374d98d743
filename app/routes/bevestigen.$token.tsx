import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CheckCircle2 } from "lucide-react";
import { z } from "zod";
import { t } from "~/i18n";
import { hashToken } from "~/utils/auth.server";
import {
  RESENDS_PER_ISSUE,
  confirmByToken,
  confirmationState,
  resendReportConfirmation,
  type ConfirmationKind,
} from "~/utils/confirmations.server";
import { hitRateLimit } from "~/utils/rate-limit.server";
import { getSettings } from "~/utils/settings.server";
import { readFormData } from "~/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: `${
      data && "kind" in data && data.kind === "support" ? t("confirm.page.titleSupport") : t("confirm.page.titleReport")
    } | ${t("common.appName")}`,
  },
  { name: "robots", content: "noindex" },
];

/**
 * The link from the confirmation mail. Opening it only shows a button: mail scanners open links
 * on their own, and must not publish a report or use the link up. The button posts.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  return confirmationState(params.token);
}

const schema = z.object({ intent: z.enum(["confirm", "resend"]) });
const DAY = 24 * 60 * 60 * 1000;

type Outcome =
  | {
      outcome: "confirmed";
      kind: ConfirmationKind;
      issueId: number;
      setPasswordPath: string | null;
      triageTargetDays: number;
    }
  | { outcome: "invalid" | "expired" | "already" | "resent" | "resendTooMany" };

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = schema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success) return data<Outcome>({ outcome: "invalid" }, { status: 400 });

  if (parsed.data.intent === "resend") {
    const limit = await hitRateLimit(`confirm-resend:${hashToken(params.token ?? "")}`, RESENDS_PER_ISSUE, DAY);
    if (!limit.allowed) return data<Outcome>({ outcome: "resendTooMany" }, { status: 429 });
    const sent = await resendReportConfirmation(params.token);
    return data<Outcome>({ outcome: sent ? "resent" : "invalid" });
  }

  const result = await confirmByToken(params.token);
  if (result.status !== "confirmed") return data<Outcome>({ outcome: result.status });
  return data<Outcome>({
    outcome: "confirmed",
    kind: result.kind,
    issueId: result.issueId,
    setPasswordPath: result.setPasswordToken ? `/wachtwoord-herstellen/${result.setPasswordToken}` : null,
    triageTargetDays: (await getSettings()).triageTargetDays,
  });
}

export default function ConfirmPage() {
  const state = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();

  if (answer?.outcome === "confirmed") return <Confirmed {...answer} />;
  if (answer?.outcome === "resent" || answer?.outcome === "resendTooMany") {
    return (
      <Message
        title={t("confirm.sent.title")}
        text={answer.outcome === "resent" ? t("confirm.page.resent") : t("confirm.page.resendTooMany")}
      />
    );
  }
  if (answer?.outcome === "already" || (!answer && state.state === "confirmed")) {
    return (
      <Message title={t("confirm.page.alreadyTitle")} text={t("confirm.page.alreadyText")}>
        {"issueId" in state ? (
          <Link to={`/meldingen/${state.issueId}`} className="btn-primary">
            {t("confirm.page.viewIssue")}
          </Link>
        ) : null}
      </Message>
    );
  }
  if (answer?.outcome === "expired" || (!answer && state.state === "expired")) {
    const canResend = state.state === "expired" && state.canResend;
    return (
      <Message
        title={t("confirm.page.expiredTitle")}
        text={canResend ? t("confirm.page.expiredText") : t("confirm.page.expiredSupportText")}
      >
        {canResend ? (
          <Form method="post">
            <button type="submit" name="intent" value="resend" className="btn-primary">
              {t("confirm.page.resend")}
            </button>
          </Form>
        ) : null}
      </Message>
    );
  }
  if (answer || state.state !== "pending") {
    return <Message title={t("confirm.page.invalidTitle")} text={t("confirm.page.invalidText")} />;
  }

  const report = state.kind === "report";
  return (
    <Message
      title={report ? t("confirm.page.titleReport") : t("confirm.page.titleSupport")}
      text={report ? t("confirm.page.introReport") : t("confirm.page.introSupport")}
    >
      <p className="card p-4 font-semibold">{t("confirm.page.issue", { title: state.issueTitle })}</p>
      <Form method="post" className="mt-6">
        <button
          type="submit"
          name="intent"
          value="confirm"
          className="btn-primary w-full sm:w-auto"
          disabled={navigation.state === "submitting"}
        >
          {report ? t("confirm.page.confirmReport") : t("confirm.page.confirmSupport")}
        </button>
      </Form>
    </Message>
  );
}

function Message({ title, text, children }: { title: string; text: string; children?: React.ReactNode }) {
  return (
    <div className="mx-auto max-w-xl px-4 py-8">
      <h1 className="text-3xl font-bold">{title}</h1>
      <p className="mt-4 text-lg">{text}</p>
      {children ? <div className="mt-6">{children}</div> : null}
    </div>
  );
}

function Confirmed({
  kind,
  issueId,
  setPasswordPath,
  triageTargetDays,
}: {
  kind: ConfirmationKind;
  issueId: number;
  setPasswordPath: string | null;
  triageTargetDays: number;
}) {
  const report = kind === "report";
  return (
    <div className="mx-auto max-w-xl px-4 py-8">
      <CheckCircle2 aria-hidden="true" className="h-12 w-12 text-green-700" />
      <h1 className="mt-2 text-3xl font-bold">
        {report ? t("confirm.page.confirmedReportTitle") : t("confirm.page.confirmedSupportTitle")}
      </h1>
      <p className="mt-4 text-lg">
        {report
          ? t("confirm.page.confirmedReportText", { days: triageTargetDays })
          : t("confirm.page.confirmedSupportText")}
      </p>
      <p className="mt-6">
        <Link to={`/meldingen/${issueId}`} className="btn-primary">
          {t("confirm.page.viewIssue")}
        </Link>
      </p>
      {setPasswordPath ? (
        <section className="card mt-8 space-y-3 p-4 sm:p-5" aria-labelledby="account-title">
          <h2 id="account-title" className="text-xl font-bold">
            {t("confirm.page.accountTitle")}
          </h2>
          <p>{t("confirm.page.accountText")}</p>
          <p>
            <Link to={setPasswordPath} className="btn-secondary">
              {t("confirm.page.accountLink")}
            </Link>
          </p>
          <p className="text-sm text-gray-700">{t("confirm.page.accountLater")}</p>
        </section>
      ) : (
        <section className="card mt-8 space-y-3 p-4 sm:p-5" aria-labelledby="account-title">
          <h2 id="account-title" className="text-xl font-bold">
            {t("confirm.page.loginTitle")}
          </h2>
          <p>{t("confirm.page.loginText")}</p>
          <p>
            <Link to={`/inloggen?redirectTo=${encodeURIComponent(`/meldingen/${issueId}`)}`} className="btn-secondary">
              {t("confirm.page.loginLink")}
            </Link>
          </p>
        </section>
      )}
    </div>
  );
}
