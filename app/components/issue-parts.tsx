import { Link } from "@remix-run/react";
import { MapPin } from "lucide-react";
import { t } from "~/i18n";
import { ThemeIcon } from "./theme-icon";

/** "Verlichting · Blerick-Centrum · #12" above an issue's title (public and partner pages). */
export function IssueMetaLine({
  theme,
  buurt,
  id,
}: {
  theme: { code: string; name: string };
  buurt: { name: string };
  id?: number;
}) {
  return (
    <p className="flex flex-wrap items-center gap-2 text-gray-700">
      <span className="inline-flex items-center gap-1 font-medium text-primary-800">
        <ThemeIcon code={theme.code} />
        {theme.name}
      </span>
      <span aria-hidden="true">·</span>
      <span className="inline-flex items-center gap-1">
        <MapPin aria-hidden="true" className="h-4 w-4" />
        {buurt.name}
      </span>
      {id !== undefined ? (
        <>
          <span aria-hidden="true">·</span>
          <span>#{id}</span>
        </>
      ) : null}
    </p>
  );
}

/** The triage outcome in plain Dutch, with the public rationale and the solutions applied. */
export function OutcomeCard({
  text,
  rationale,
  solutions = [],
}: {
  text: string;
  rationale?: string | null;
  solutions?: { id: string; title: string }[];
}) {
  return (
    <section aria-labelledby="outcome-title" className="card border-l-8 border-l-primary-700 p-5">
      <h2 id="outcome-title" className="text-xl font-bold">
        {t("triage.outcome.title")}
      </h2>
      <p className="mt-2 text-lg">{text}</p>
      {rationale ? <p className="mt-2 text-gray-700">{t("triage.outcome.why", { rationale })}</p> : null}
      {solutions.length ? (
        <ul className="mt-2 list-disc pl-5">
          {solutions.map((solution) => (
            <li key={solution.id}>
              <Link to={`/oplossingen/${solution.id}`}>{solution.title}</Link>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
