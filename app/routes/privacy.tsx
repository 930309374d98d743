import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { t, type MessageKey } from "~/i18n";
import { env } from "~/utils/env.server";
import { getSettings } from "~/utils/settings.server";

export const meta: MetaFunction = () => [
  { title: `${t("privacy.page.title")} | ${t("common.appName")}` },
  { name: "description", content: t("privacy.page.intro") },
];

/** The host the map tiles come from: the only request the browser makes to another site. */
function tileHost(tileUrl: string) {
  try {
    return new URL(tileUrl.replace(/\{[a-z]\}/g, "0")).host;
  } catch {
    return tileUrl;
  }
}

export async function loader() {
  const settings = await getSettings();
  return { retentionMonths: settings.reporterRetentionMonths, tileHost: tileHost(env().TILE_URL) };
}

type Section = { id: string; title: MessageKey; items: MessageKey[] };

const SECTIONS: Section[] = [
  {
    id: "wat",
    title: "privacy.page.storedTitle",
    items: [
      "privacy.page.stored.account",
      "privacy.page.stored.issues",
      "privacy.page.stored.activity",
      "privacy.page.stored.messages",
      "privacy.page.stored.alerts",
      "privacy.page.stored.sessions",
      "privacy.page.stored.partners",
    ],
  },
  { id: "waarom", title: "privacy.page.whyTitle", items: ["privacy.page.why"] },
  {
    id: "wie",
    title: "privacy.page.whoTitle",
    items: [
      "privacy.page.who.everyone",
      "privacy.page.who.partners",
      "privacy.page.who.steering",
      "privacy.page.who.admins",
    ],
  },
  {
    id: "hoe-lang",
    title: "privacy.page.keepTitle",
    items: [
      "privacy.page.keep.account",
      "privacy.page.keep.closed",
      "privacy.page.keep.sessions",
      "privacy.page.keep.unconfirmed",
    ],
  },
  {
    id: "rechten",
    title: "privacy.page.rightsTitle",
    items: [
      "privacy.page.rights.access",
      "privacy.page.rights.delete",
      "privacy.page.rights.correct",
      "privacy.page.rights.complaint",
    ],
  },
  {
    id: "cookies",
    title: "privacy.page.cookiesTitle",
    items: [
      "privacy.page.cookies.session",
      "privacy.page.cookies.toast",
      "privacy.page.cookies.none",
      "privacy.page.cookies.map",
    ],
  },
  { id: "contact", title: "privacy.page.contactTitle", items: ["privacy.page.contact"] },
];

export default function PrivacyPage() {
  const { retentionMonths, tileHost } = useLoaderData<typeof loader>();
  const params = { months: retentionMonths, host: tileHost };
  return (
    <div className="mx-auto max-w-3xl px-4 py-8">
      <h1 className="text-3xl font-bold">{t("privacy.page.title")}</h1>
      <p className="mt-3 text-lg">{t("privacy.page.intro")}</p>
      <p className="mt-2 text-gray-700">{t("privacy.page.updated")}</p>

      <nav aria-labelledby="privacy-contents" className="card mt-6 p-5">
        <h2 id="privacy-contents" className="text-lg font-bold">
          {t("privacy.page.contents")}
        </h2>
        <ul className="mt-2 grid gap-x-6 sm:grid-cols-2">
          {SECTIONS.map((section) => (
            <li key={section.id}>
              <a href={`#${section.id}`} className="inline-flex min-h-11 items-center">
                {t(section.title)}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      {SECTIONS.map((section) => (
        <section key={section.id} id={section.id} aria-labelledby={`${section.id}-title`} className="mt-8 scroll-mt-4">
          <h2 id={`${section.id}-title`} className="text-2xl font-bold">
            {t(section.title)}
          </h2>
          {section.items.length === 1 ? (
            <p className="mt-3 text-lg">{t(section.items[0], params)}</p>
          ) : (
            <ul className="mt-3 list-disc space-y-2 pl-6 text-lg">
              {section.items.map((item) => (
                <li key={item}>{t(item, params)}</li>
              ))}
            </ul>
          )}
          {section.id === "rechten" ? (
            <p className="mt-4">
              <Link to="/account#gegevens" className="btn-secondary">
                {t("privacy.page.accountLink")}
              </Link>
            </p>
          ) : null}
        </section>
      ))}
    </div>
  );
}
