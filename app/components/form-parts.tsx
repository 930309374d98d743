import { useEffect, useRef } from "react";
import { t } from "~/i18n";

/**
 * Form parts without validation: no conform, no zod. Pages that only need these (the home
 * page's filters, the support-by-mail form) import them from here, so their first load does
 * not include the validation libraries (~39 KB gzip) that ./forms brings along.
 */

/** A field people do not see; bots fill it in. Checked by `isHoneypotFilled` in the action. */
export function HoneypotField({ id = "website" }: { id?: string } = {}) {
  return (
    <div aria-hidden="true" className="absolute -left-[9999px] h-px w-px overflow-hidden">
      <label htmlFor={id}>{t("common.form.honeypotLabel")}</label>
      <input id={id} name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
    </div>
  );
}

export function isHoneypotFilled(formData: FormData) {
  const value = formData.get("website");
  return typeof value === "string" && value.length > 0;
}

/** A select in a GET filter form (no validation): the page reloads with the new query. */
export function FilterSelect({
  name,
  label,
  value,
  options,
  idPrefix = "filter",
}: {
  name: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  idPrefix?: string;
}) {
  // The page's value after a navigation (another filter, "wis filters") is set on the same
  // element: re-creating it (a key per value) took the keyboard focus away after every choice.
  const select = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    if (select.current && select.current.value !== value) select.current.value = value;
  }, [value]);
  return (
    <div className="space-y-1">
      <label htmlFor={`${idPrefix}-${name}`} className="block text-sm font-semibold">
        {label}
      </label>
      <select ref={select} id={`${idPrefix}-${name}`} name={name} defaultValue={value} className="input">
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
