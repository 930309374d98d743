import { Link } from "@remix-run/react";
import { t } from "~/i18n";

/**
 * "Vorige · Pagina 2 van 5 · Volgende" under a list that comes a page at a time (the home list,
 * the signal groups, the people in beheer). Plain links, so it works without JavaScript.
 */
export function Pagination({
  label,
  page,
  pageCount,
  previousHref,
  nextHref,
}: {
  /** The nav's accessible name, e.g. "Paginering". */
  label: string;
  page: number;
  pageCount: number;
  previousHref: string;
  nextHref: string;
}) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label={label} className="mt-4 flex items-center justify-between gap-2">
      {page > 1 ? (
        <Link to={previousHref} className="btn-secondary" rel="prev">
          {t("home.previous")}
        </Link>
      ) : (
        <span />
      )}
      <span className="text-sm text-gray-700">{t("home.pageOf", { page, pageCount })}</span>
      {page < pageCount ? (
        <Link to={nextHref} className="btn-secondary" rel="next">
          {t("home.next")}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
