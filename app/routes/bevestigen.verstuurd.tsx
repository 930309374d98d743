import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { MailCheck } from "lucide-react";
import { t } from "~/i18n";

export const meta: MetaFunction = () => [{ title: `${t("confirm.sent.title")} | ${t("common.appName")}` }];

/** After reporting or supporting without an account: the same page whatever the address. */
export async function loader({ request }: LoaderFunctionArgs) {
  return { kind: new URL(request.url).searchParams.get("soort") === "steun" ? "support" : "report" };
}

export default function ConfirmationSentPage() {
  const { kind } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-xl px-4 py-8">
      <MailCheck aria-hidden="true" className="h-12 w-12 text-primary-700" />
      <h1 className="mt-2 text-3xl font-bold">{t("confirm.sent.title")}</h1>
      <p className="mt-4 text-lg">
        {kind === "support" ? t("confirm.sent.supportText") : t("confirm.sent.reportText")}
      </p>
      <p className="mt-4">{t("confirm.sent.noMail")}</p>
      <p className="mt-6">
        <Link to="/" className="btn-secondary">
          {t("confirm.sent.backHome")}
        </Link>
      </p>
    </div>
  );
}
