import { Form, Link } from "@remix-run/react";
import { TriangleAlert } from "lucide-react";
import type { ReactNode } from "react";
import { ThemeIcon } from "~/components/theme-icon";

/**
 * The parts the belangenkaart and the partnerschapskaart share: a table with a row per party or
 * organisation and a column per theme, a legend, a footer row naming the trekkers, and a row
 * header that opens the row's editor through a plain link (`?rij=<id>`, works without
 * JavaScript). The cells themselves differ per map and are the caller's.
 */

type MatrixTheme = { id: string; code: string; name: string };

export function MatrixLegend<T extends string>({
  id,
  title,
  items,
  badge,
  hint,
}: {
  id: string;
  title: string;
  items: readonly T[];
  badge: (item: T) => ReactNode;
  hint: (item: T) => string;
}) {
  return (
    <section aria-labelledby={id} className="mt-6">
      <h2 id={id} className="text-lg font-bold">
        {title}
      </h2>
      <dl className="mt-2 grid gap-2 sm:grid-cols-3">
        {items.map((item) => (
          <div key={item} className="flex items-start gap-2">
            <dt className="shrink-0">{badge(item)}</dt>
            <dd className="text-sm text-gray-800">{hint(item)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** The scrollable table with its caption and theme headers; the body and footer are children. */
export function ThemeMatrixTable<Theme extends MatrixTheme>({
  captionId,
  caption,
  firstColumn,
  themes,
  themeExtra,
  children,
}: {
  captionId: string;
  caption: string;
  firstColumn: string;
  themes: readonly Theme[];
  /** Shown under a theme's name, e.g. a warning. */
  themeExtra: (theme: Theme) => ReactNode;
  children: ReactNode;
}) {
  return (
    <div
      className="relative mt-4 overflow-x-auto rounded-lg border border-gray-200 bg-white"
      role="region"
      aria-labelledby={captionId}
      tabIndex={0}
    >
      <table className="min-w-full border-collapse text-left">
        <caption id={captionId} className="sr-only">
          {caption}
        </caption>
        <thead className="bg-gray-50 text-sm">
          <tr>
            <th scope="col" className="sticky left-0 z-10 bg-gray-50 px-3 py-2 align-bottom">
              {firstColumn}
            </th>
            {themes.map((theme) => (
              <th key={theme.id} scope="col" className="min-w-36 px-3 py-2 align-bottom">
                <span className="flex items-start gap-1">
                  <ThemeIcon code={theme.code} className="mt-0.5 h-4 w-4 shrink-0 text-primary-700" />
                  <span>{theme.name}</span>
                </span>
                {themeExtra(theme)}
              </th>
            ))}
          </tr>
        </thead>
        {children}
      </table>
    </div>
  );
}

/** The row background: red for the row an error is about, light for the row being edited. */
export function matrixRowBackground({ hasError, isEditing }: { hasError: boolean; isEditing: boolean }) {
  return hasError ? "bg-red-50" : isEditing ? "bg-primary-50" : "bg-white";
}

export type RowEditorLabels = {
  save: string;
  /** Screen-reader addition to "save", naming the row. */
  saveFor: string;
  cancel: string;
  edit: string;
  editFor: string;
};

/**
 * A row's header cell: name and subtitle, then either the row's form (save and cancel; the
 * cells' inputs join it with `form={formId}`) or an "edit" link for those who may edit it.
 */
export function MatrixRowHeader({
  name,
  subtitle,
  background,
  isEditing,
  canEdit,
  formId,
  hiddenFields,
  editHref,
  cancelHref,
  submitting,
  labels,
  extraActions,
}: {
  name: string;
  subtitle: string;
  background: string;
  isEditing: boolean;
  canEdit: boolean;
  formId: string;
  hiddenFields: ReactNode;
  editHref: string;
  cancelHref: string;
  submitting: boolean;
  labels: RowEditorLabels;
  /** More buttons beside save and cancel (each its own form). */
  extraActions?: ReactNode;
}) {
  return (
    <th scope="row" className={`sticky left-0 z-10 min-w-40 px-3 py-2 text-left sm:min-w-56 ${background}`}>
      <span className="block font-semibold">{name}</span>
      <span className="block text-sm font-normal text-gray-700">{subtitle}</span>
      {isEditing ? (
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <Form method="post" id={formId} preventScrollReset className="contents">
            {hiddenFields}
            <button type="submit" className="btn-primary whitespace-nowrap" disabled={submitting}>
              {labels.save}
              <span className="sr-only"> {labels.saveFor}</span>
            </button>
          </Form>
          <Link to={cancelHref} preventScrollReset className="btn-quiet whitespace-nowrap">
            {labels.cancel}
          </Link>
          {extraActions}
        </div>
      ) : canEdit ? (
        <Link to={editHref} className="btn-secondary mt-2 px-3 text-sm whitespace-nowrap">
          {labels.edit}
          <span className="sr-only"> {labels.editFor}</span>
        </Link>
      ) : null}
    </th>
  );
}

/** The footer row naming each theme's trekker(s), with a warning where there is none. */
export function TrekkerFooter<Theme extends MatrixTheme>({
  label,
  themes,
  trekkers,
  noneLabel,
}: {
  label: string;
  themes: readonly Theme[];
  trekkers: (theme: Theme) => string[];
  noneLabel: string;
}) {
  return (
    <tfoot className="border-t-2 border-gray-400 bg-gray-50">
      <tr>
        <th scope="row" className="sticky left-0 z-10 bg-gray-50 px-3 py-2 text-left">
          {label}
        </th>
        {themes.map((theme) => {
          const names = trekkers(theme);
          return (
            <td key={theme.id} className="px-3 py-2 text-sm">
              {names.length ? (
                names.join(", ")
              ) : (
                <span className="inline-flex items-center gap-1 font-semibold text-amber-900">
                  <TriangleAlert aria-hidden="true" className="h-4 w-4" />
                  {noneLabel}
                </span>
              )}
            </td>
          );
        })}
      </tr>
    </tfoot>
  );
}
