import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Building2, ChevronRight, MapPinned, Network, Settings, Tags, Users, type LucideIcon } from "lucide-react";
import { t, type MessageKey } from "~/i18n";
import { requireAdmin } from "~/utils/admin.server";
import { db } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: `${t("admin.overview.title")} | ${t("common.appName")}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const [organisations, people, professionals, admins, activeThemes, retiredThemes] = await Promise.all([
    db.organisation.count(),
    db.user.count({ where: { anonymisedAt: null } }),
    db.user.count({ where: { anonymisedAt: null, memberships: { some: {} } } }),
    db.userRole.count({ where: { role: "admin" } }),
    db.theme.count({ where: { retiredAt: null } }),
    db.theme.count({ where: { retiredAt: { not: null } } }),
  ]);
  return { counts: { organisations, people, professionals, admins, activeThemes, retiredThemes } };
}

const SECTIONS: { to: string; title: MessageKey; text: MessageKey; icon: LucideIcon }[] = [
  {
    to: "/admin/organisaties",
    title: "admin.nav.organisations",
    text: "admin.overview.organisationsText",
    icon: Building2,
  },
  { to: "/admin/mensen", title: "admin.nav.people", text: "admin.overview.peopleText", icon: Users },
  { to: "/admin/themas", title: "admin.nav.themes", text: "admin.overview.themesText", icon: Tags },
  { to: "/admin/instellingen", title: "admin.nav.settings", text: "admin.overview.settingsText", icon: Settings },
  { to: "/admin/buurten", title: "admin.nav.buurten", text: "admin.overview.buurtenText", icon: MapPinned },
  {
    to: "/partnerschapskaart",
    title: "admin.nav.partnershipMap",
    text: "admin.overview.partnershipText",
    icon: Network,
  },
];

export default function AdminOverview() {
  const { counts } = useLoaderData<typeof loader>();
  const figures: { label: MessageKey; value: number }[] = [
    { label: "admin.overview.organisations", value: counts.organisations },
    { label: "admin.overview.people", value: counts.people },
    { label: "admin.overview.professionals", value: counts.professionals },
    { label: "admin.overview.admins", value: counts.admins },
    { label: "admin.overview.activeThemes", value: counts.activeThemes },
    { label: "admin.overview.retiredThemes", value: counts.retiredThemes },
  ];
  return (
    <>
      <h1 className="text-3xl font-bold">{t("admin.overview.title")}</h1>
      <p className="mt-2 max-w-3xl text-lg">{t("admin.overview.intro")}</p>

      <ul className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {SECTIONS.map((section) => (
          <li key={section.to}>
            <Link
              to={section.to}
              className="card flex h-full items-start gap-3 p-5 text-gray-900 no-underline hover:border-primary-700 hover:bg-primary-50 hover:text-gray-900"
            >
              <section.icon aria-hidden="true" className="mt-0.5 h-6 w-6 shrink-0 text-primary-700" />
              <span className="flex-1">
                <span className="flex items-center gap-1 text-lg font-bold text-primary-800 underline underline-offset-2">
                  {t(section.title)}
                  <ChevronRight aria-hidden="true" className="h-5 w-5" />
                </span>
                <span className="mt-1 block text-gray-700">{t(section.text)}</span>
              </span>
            </Link>
          </li>
        ))}
      </ul>

      <section aria-labelledby="counts-title" className="mt-8">
        <h2 id="counts-title" className="text-xl font-bold">
          {t("admin.overview.countsTitle")}
        </h2>
        <dl className="mt-3 grid gap-3 sm:grid-cols-3 lg:grid-cols-6">
          {figures.map((figure) => (
            <div key={figure.label} className="card flex flex-col-reverse p-4">
              <dt className="text-sm text-gray-700">{t(figure.label)}</dt>
              <dd className="text-3xl font-bold tabular-nums">{figure.value.toLocaleString("nl-NL")}</dd>
            </div>
          ))}
        </dl>
      </section>
    </>
  );
}
