import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, NavLink, Outlet } from "@remix-run/react";
import { t } from "~/i18n";
import { requireAdmin } from "~/utils/admin.server";

/** Layout of /admin/*: the section menu. Every child loader and action checks the role itself too. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return null;
}

const SECTIONS = [
  { to: "/admin", label: t("admin.nav.overview"), end: true },
  { to: "/admin/organisaties", label: t("admin.nav.organisations"), end: false },
  { to: "/admin/mensen", label: t("admin.nav.people"), end: false },
  { to: "/admin/themas", label: t("admin.nav.themes"), end: false },
  { to: "/admin/instellingen", label: t("admin.nav.settings"), end: false },
  { to: "/admin/buurten", label: t("admin.nav.buurten"), end: false },
  { to: "/admin/api-sleutels", label: "API-sleutels", end: false },
];

export default function AdminLayout() {
  return (
    <div className="mx-auto max-w-7xl px-4 py-6">
      <nav aria-label={t("admin.nav.label")} className="border-b border-gray-300">
        <ul className="-mb-px flex flex-wrap gap-x-1">
          {SECTIONS.map((section) => (
            <li key={section.to}>
              <NavLink
                to={section.to}
                end={section.end}
                className={({ isActive }) =>
                  `inline-flex min-h-11 items-center border-b-4 px-3 font-semibold no-underline ${
                    isActive
                      ? "border-primary-700 text-gray-900"
                      : "border-transparent text-primary-700 hover:border-gray-400 hover:text-primary-900"
                  }`
                }
              >
                {section.label}
              </NavLink>
            </li>
          ))}
          <li>
            <Link
              to="/partnerschapskaart"
              className="inline-flex min-h-11 items-center border-b-4 border-transparent px-3 font-semibold text-primary-700 no-underline hover:border-gray-400 hover:text-primary-900"
            >
              {t("admin.nav.partnershipMap")}
            </Link>
          </li>
        </ul>
      </nav>
      <div className="pt-6">
        <Outlet />
      </div>
    </div>
  );
}
