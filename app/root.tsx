// First: configures zod for the Content-Security-Policy before any module parses (see the file).
import "~/utils/zod-csp";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { data } from "@remix-run/node";
import { useEffect, useRef, useState } from "react";
import { t } from "~/i18n";
import {
  canAdminister,
  canModerate,
  canSeePartnerArea,
  canViewDashboard,
  canViewInterestMap,
  canViewPartnershipMap,
} from "~/domain/permissions";
import { getSessionUser } from "~/utils/auth.server";
import { unreadNotificationCount } from "~/utils/notifications.server";
import { publicEnv } from "~/utils/env.server";
import { useNonce } from "~/utils/nonce";
import { readToast } from "~/utils/toast.server";
import stylesheet from "./app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "apple-touch-icon", href: "/apple-touch-icon.png" },
];

export const meta: MetaFunction = () => [
  { title: t("common.appName") },
  { name: "description", content: t("common.tagline") },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, { toast, header }] = await Promise.all([getSessionUser(request), readToast(request)]);
  const unread = user ? await unreadNotificationCount(user.id) : 0;
  return data(
    {
      user: user && {
        id: user.id,
        firstName: user.name.split(" ")[0],
        roles: user.roles,
        unread,
        workspace: {
          queue: canSeePartnerArea(user),
          dashboard: canViewDashboard(user),
          partnership: canViewPartnershipMap(user),
          interests: canViewInterestMap(user),
          admin: canAdminister(user),
          moderation: canModerate(user),
        },
      },
      toast,
      env: publicEnv(),
    },
    header ? { headers: { "Set-Cookie": header } } : undefined,
  );
}

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

/** The logged-in user from the root loader, or null. */
export function useOptionalUser() {
  return useRootData()?.user ?? null;
}

function Header() {
  const user = useOptionalUser();
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  // From the login and sign-up pages (and the password pages) the way back stays the one they
  // already carry: never a return address that itself returns to a login page (it nested on
  // every switch between "Inloggen" and "Account maken" until the address was too long).
  // The phone menu closes with Escape (focus back on its button) and with a tap outside it.
  const menu = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const close = (event: KeyboardEvent | PointerEvent) => {
      const details = menu.current;
      if (!details?.open) return;
      if (event instanceof KeyboardEvent) {
        if (event.key !== "Escape") return;
        details.open = false;
        details.querySelector("summary")?.focus();
      } else if (!details.contains(event.target as Node)) {
        details.open = false;
      }
    };
    document.addEventListener("keydown", close);
    document.addEventListener("pointerdown", close);
    return () => {
      document.removeEventListener("keydown", close);
      document.removeEventListener("pointerdown", close);
    };
  }, []);
  const onAuthPage = /^\/(inloggen|registreren|wachtwoord-)/.test(location.pathname);
  const back = onAuthPage ? new URLSearchParams(location.search).get("redirectTo") : here;
  const loginHref = back ? `/inloggen?redirectTo=${encodeURIComponent(back)}` : "/inloggen";
  const workspaceLinks = [
    user?.workspace.queue ? { to: "/partner/triage", label: t("common.nav.queue") } : null,
    user?.workspace.dashboard ? { to: "/stuurgroep", label: t("common.nav.steering") } : null,
    user?.workspace.partnership ? { to: "/partnerschapskaart", label: t("common.nav.partnership") } : null,
    user?.workspace.interests ? { to: "/belangenkaart", label: t("common.nav.interests") } : null,
    user?.workspace.moderation ? { to: "/moderatie", label: t("moderation.nav") } : null,
    user?.workspace.admin ? { to: "/admin", label: t("common.nav.admin") } : null,
  ].filter((link) => link !== null);
  const items = (
    <>
      <li>
        <NavLink to="/" end className={({ isActive }) => navClass(isActive)}>
          {t("common.nav.home")}
        </NavLink>
      </li>
      <li>
        <NavLink to="/agenda" className={({ isActive }) => navClass(isActive)}>
          {t("common.nav.agenda")}
        </NavLink>
      </li>
      <li>
        <NavLink to="/oplossingen" className={({ isActive }) => navClass(isActive)}>
          {t("common.nav.solutions")}
        </NavLink>
      </li>
      {user ? (
        <>
          <li>
            <NavLink to="/mijn-meldingen" className={({ isActive }) => navClass(isActive)}>
              {t("common.nav.myIssues")}
            </NavLink>
          </li>
          <li>
            <NavLink to="/berichten" className={({ isActive }) => navClass(isActive)}>
              {t("common.nav.notifications")}
              {user.unread > 0 ? (
                <span className="ml-1.5 rounded-full bg-white px-2 text-sm font-bold text-primary-900">
                  {user.unread > 99 ? "99+" : user.unread}
                  <span className="sr-only"> {t("common.nav.unread")}</span>
                </span>
              ) : null}
            </NavLink>
          </li>
          <li>
            <NavLink to="/account" className={({ isActive }) => navClass(isActive)}>
              {t("common.nav.account")}
            </NavLink>
          </li>
          <li>
            <Form method="post" action="/uitloggen">
              <button type="submit" className={navClass(false)}>
                {t("common.nav.logout")}
              </button>
            </Form>
          </li>
        </>
      ) : (
        <>
          <li>
            <Link to={loginHref} className={navClass(false)}>
              {t("common.nav.login")}
            </Link>
          </li>
          <li>
            <Link to="/registreren" className={navClass(false)}>
              {t("common.nav.register")}
            </Link>
          </li>
        </>
      )}
    </>
  );
  return (
    <header className="border-b border-primary-900 bg-primary-800 text-white">
      <div className="mx-auto flex max-w-7xl items-center justify-between gap-4 px-4 py-2">
        <Link
          to="/"
          className="flex min-h-11 items-center gap-2 text-lg font-bold text-white no-underline hover:text-white"
        >
          <svg aria-hidden="true" viewBox="0 0 32 32" className="h-7 w-7">
            <rect width="32" height="32" rx="7" fill="#ffffff" />
            <path
              d="M16 5c-4.4 0-8 3.4-8 7.7C8 18.5 16 27 16 27s8-8.5 8-14.3C24 8.4 20.4 5 16 5zm0 10.6a3 3 0 110-6 3 3 0 010 6z"
              fill="#0e5c55"
            />
          </svg>
          {t("common.appName")}
        </Link>
        <nav aria-label={t("common.nav.main")} className="hidden md:block">
          <ul className="flex items-center gap-1 text-base">{items}</ul>
        </nav>
        {/* Phones: a disclosure that works without JavaScript; closes on navigation via its key. */}
        <details key={here} ref={menu} className="relative md:hidden">
          <summary className="flex min-h-11 cursor-pointer list-none items-center gap-2 rounded border border-white/60 px-3 font-semibold">
            <svg
              aria-hidden="true"
              viewBox="0 0 24 24"
              className="h-5 w-5"
              fill="none"
              stroke="currentColor"
              strokeWidth="2"
            >
              <path d="M4 6h16M4 12h16M4 18h16" />
            </svg>
            {t("common.nav.menu")}
          </summary>
          <nav
            aria-label={t("common.nav.main")}
            className="absolute right-0 z-[1100] mt-2 w-56 rounded-md bg-primary-800 p-2 shadow-lg"
          >
            <ul className="flex flex-col gap-1">{items}</ul>
          </nav>
        </details>
      </div>
      {workspaceLinks.length ? (
        <nav aria-label={t("common.nav.workspace")} className="border-t border-primary-700 bg-primary-900">
          <ul className="mx-auto flex max-w-7xl flex-wrap items-center gap-1 px-4 text-sm">
            <li className="mr-2 font-semibold text-primary-100">{t("common.nav.forPartners")}</li>
            {workspaceLinks.map((link) => (
              <li key={link.to}>
                <NavLink to={link.to} className={({ isActive }) => navClass(isActive)}>
                  {link.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </header>
  );
}

function navClass(active: boolean) {
  return `inline-flex min-h-11 w-full items-center rounded px-3 text-white no-underline hover:bg-primary-700 hover:text-white md:w-auto ${
    active ? "font-semibold underline decoration-2 underline-offset-4" : ""
  }`;
}

/** One confirmation per redirect; a new toast (new id) remounts it, visible again. */
function ToastMessage({ message }: { message: string }) {
  const [visible, setVisible] = useState(true);
  useEffect(() => {
    const timer = setTimeout(() => setVisible(false), 8000);
    return () => clearTimeout(timer);
  }, []);
  if (!visible) return null;
  return (
    <div
      role="status"
      className="fixed inset-x-0 top-3 z-[1000] mx-auto w-fit max-w-[92vw] rounded-md border border-green-800 bg-green-50 px-4 py-3 text-green-900 shadow-lg"
    >
      <span>{message}</span>
      <button
        type="button"
        onClick={() => setVisible(false)}
        className="ml-3 min-h-11 min-w-11 font-semibold underline"
        aria-label={t("common.closeMessage")}
      >
        ×
      </button>
    </div>
  );
}

function Footer() {
  return (
    <footer className="mt-12 border-t border-gray-300 bg-white">
      <div className="mx-auto max-w-7xl space-y-1 px-4 py-6 text-sm text-gray-700">
        <p>{t("common.footer.about")}</p>
        <p>{t("common.footer.attribution")}</p>
        <p>{t("common.footer.demo")}</p>
        <nav aria-label={t("common.footer.linksLabel")}>
          {/* Each link is a full 44 px tap target (WCAG 2.5.8), also when the list wraps on a phone. */}
          <ul className="mt-2 flex flex-wrap gap-x-4">
            <li>
              <Link to="/besluiten" className="inline-flex min-h-11 items-center">
                {t("common.footer.decisions")}
              </Link>
            </li>
            <li>
              <Link to="/api" className="inline-flex min-h-11 items-center">
                {t("common.footer.api")}
              </Link>
            </li>
            <li>
              <a href="/feeds/meldingen.xml" className="inline-flex min-h-11 items-center">
                {t("common.footer.feed")}
              </a>
            </li>
            <li>
              <Link to="/attenties" className="inline-flex min-h-11 items-center">
                {t("alerts.footerLink")}
              </Link>
            </li>
            <li>
              <Link to="/privacy" className="inline-flex min-h-11 items-center">
                {t("privacy.footerLink")}
              </Link>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  // Remix's inline scripts carry this response's nonce: the CSP allows no other inline script.
  const nonce = useNonce();
  return (
    <html lang="nl">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#0b4843" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-screen flex-col">
        <a
          href="#inhoud"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-[2000] focus:rounded focus:bg-white focus:p-3"
        >
          {t("common.skipToContent")}
        </a>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const toast = useRootData()?.toast;
  return (
    <>
      <Header />
      {toast ? <ToastMessage key={toast.id} message={toast.message} /> : null}
      <main id="inhoud" className="flex-1">
        <Outlet />
      </main>
      <Footer />
    </>
  );
}

/**
 * Errors no route handles itself (an unknown address, a 403 from a loader, a crash): the message
 * inside the site's header and footer, so the visitor can go on from there. The header works
 * without the root loader's data (then it shows the links for visitors without a login).
 */
export function ErrorBoundary() {
  const error = useRouteError();
  // The root loader took the flash message out of its cookie: show it here too.
  const toast = useRootData()?.toast;
  return (
    <>
      <Header />
      {toast ? <ToastMessage key={toast.id} message={toast.message} /> : null}
      <main id="inhoud" className="mx-auto w-full max-w-2xl flex-1 px-4 py-12">
        <ErrorMessage error={error} />
      </main>
      <Footer />
    </>
  );
}

/** The Dutch title and text for an error; also used by route error boundaries inside the layout. */
export function ErrorMessage({ error }: { error: unknown }) {
  let title = t("common.errors.genericTitle");
  let text = t("common.errors.genericText");
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = t("common.errors.notFoundTitle");
      text = t("common.errors.notFoundText");
    } else if (error.status === 403) {
      title = t("common.errors.forbiddenTitle");
      text = t("common.errors.forbiddenText");
    } else if (error.status === 400) {
      text = t("common.errors.badRequestText");
    } else if (error.status === 413) {
      text = t("common.errors.tooLargeText");
    } else if (error.status === 429) {
      text = t("common.errors.tooManyRequests");
    }
  } else if (error instanceof Error) {
    console.error(error);
  }
  return (
    <>
      <h1 className="text-2xl font-bold">{title}</h1>
      <p className="mt-4 text-lg">{text}</p>
      <p className="mt-6">
        <a href="/" className="btn-primary">
          {t("common.errors.backHome")}
        </a>
      </p>
    </>
  );
}
