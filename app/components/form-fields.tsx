import { getInputProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { useEffect, useRef, type ReactNode } from "react";
import { t } from "~/i18n";

/**
 * Form building blocks after the NL Design System conventions: label above the field,
 * "(niet verplicht)" on optional fields, the error in plain words above the field, and an
 * error summary at the top that links to each field.
 */
// No zod here: a page whose validation loads later (./lazy-form) imports the fields from this
// module; ./forms adds useZodForm, which brings zod and conform's zod adapter along.

export type SummaryItem = { id: string; label: string; errors?: string[] };

export function ErrorSummary({ items, formErrors }: { items: SummaryItem[]; formErrors?: string[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const withErrors = items.filter((item) => item.errors?.length);
  const count = withErrors.length + (formErrors?.length ?? 0);
  useEffect(() => {
    if (count > 0) ref.current?.focus();
  }, [count]);
  if (count === 0) return null;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby="error-summary-title"
      className="mb-6 rounded-md border-l-8 border-red-700 bg-red-50 p-4 text-red-900"
    >
      <h2 id="error-summary-title" className="text-lg font-bold">
        {t("common.form.errorSummaryTitle")}
      </h2>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {formErrors?.map((error) => (
          <li key={error}>{error}</li>
        ))}
        {withErrors.map((item) => (
          <li key={item.id}>
            <a href={`#${item.id}`} className="text-red-900">
              {item.errors![0]}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function FieldShell({
  field,
  label,
  hint,
  optional,
  children,
}: {
  field: FieldMetadata<unknown>;
  label: ReactNode;
  hint?: ReactNode;
  optional?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={field.id} className="block font-semibold">
        {label}
        {optional ? <span className="font-normal text-gray-700"> {t("common.form.optional")}</span> : null}
      </label>
      {hint ? (
        <p id={`${field.id}-hint`} className="text-sm text-gray-700">
          {hint}
        </p>
      ) : null}
      {field.errors?.length ? (
        <p id={field.errorId} className="font-semibold text-red-700">
          {field.errors[0]}
        </p>
      ) : null}
      {children}
    </div>
  );
}

/** The accessibility attributes every control gets: invalid state and what describes it. */
function controlAria(field: FieldMetadata<unknown>, hint: boolean) {
  const describedBy = [hint ? `${field.id}-hint` : null, field.errors?.length ? field.errorId : null].filter(Boolean);
  return {
    "aria-invalid": field.errors?.length ? true : undefined,
    "aria-describedby": describedBy.length ? describedBy.join(" ") : undefined,
  };
}

type InputType = "text" | "email" | "password" | "search" | "tel" | "url" | "number";

export function TextField({
  field,
  label,
  hint,
  optional,
  type = "text",
  autoComplete,
  inputProps,
}: {
  field: FieldMetadata<string | undefined | null> | FieldMetadata<string>;
  label: ReactNode;
  hint?: ReactNode;
  optional?: boolean;
  type?: InputType;
  autoComplete?: string;
  inputProps?: React.InputHTMLAttributes<HTMLInputElement>;
}) {
  const f = field as FieldMetadata<unknown>;
  const props = getInputProps(field as FieldMetadata<string>, { type, ariaAttributes: false });
  return (
    <FieldShell field={f} label={label} hint={hint} optional={optional}>
      <input
        {...props}
        key={props.key}
        className="input"
        autoComplete={autoComplete}
        {...controlAria(f, Boolean(hint))}
        {...inputProps}
      />
    </FieldShell>
  );
}

export function TextareaField({
  field,
  label,
  hint,
  optional,
  rows = 5,
}: {
  field: FieldMetadata<string | undefined | null> | FieldMetadata<string>;
  label: ReactNode;
  hint?: ReactNode;
  optional?: boolean;
  rows?: number;
}) {
  const f = field as FieldMetadata<unknown>;
  const props = getTextareaProps(field as FieldMetadata<string>, { ariaAttributes: false });
  return (
    <FieldShell field={f} label={label} hint={hint} optional={optional}>
      <textarea {...props} key={props.key} rows={rows} className="input" {...controlAria(f, Boolean(hint))} />
    </FieldShell>
  );
}

export function SelectField({
  field,
  label,
  hint,
  optional,
  options,
  placeholder,
}: {
  field: FieldMetadata<string | undefined | null> | FieldMetadata<string>;
  label: ReactNode;
  hint?: ReactNode;
  optional?: boolean;
  options: { value: string; label: string }[];
  placeholder?: string;
}) {
  const f = field as FieldMetadata<unknown>;
  return (
    <FieldShell field={f} label={label} hint={hint} optional={optional}>
      <select
        id={f.id}
        name={f.name}
        key={f.key}
        defaultValue={(f.initialValue as string | undefined) ?? ""}
        className="input"
        {...controlAria(f, Boolean(hint))}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** A set of radio buttons with a legend, its error above the options (NL Design System). */
export function RadioGroupField({
  field,
  legend,
  hint,
  options,
  onChange,
}: {
  field: FieldMetadata<string | undefined | null> | FieldMetadata<string>;
  legend: ReactNode;
  hint?: ReactNode;
  options: { value: string; label: ReactNode }[];
  onChange?: (value: string) => void;
}) {
  const f = field as FieldMetadata<unknown>;
  const initial = (f.initialValue as string | undefined) ?? "";
  return (
    <fieldset aria-describedby={controlAria(f, Boolean(hint))["aria-describedby"]} className="space-y-1">
      <legend className="font-semibold">{legend}</legend>
      {hint ? (
        <p id={`${f.id}-hint`} className="text-sm text-gray-700">
          {hint}
        </p>
      ) : null}
      {f.errors?.length ? (
        <p id={f.errorId} className="font-semibold text-red-700">
          {f.errors[0]}
        </p>
      ) : null}
      <div className="space-y-1" key={f.key}>
        {options.map((option, index) => (
          <label key={option.value} className="flex min-h-11 cursor-pointer items-center gap-3">
            <input
              type="radio"
              id={index === 0 ? f.id : undefined}
              name={f.name}
              value={option.value}
              defaultChecked={initial === option.value}
              onChange={() => onChange?.(option.value)}
              className="h-5 w-5 shrink-0 accent-primary-700"
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** A single checkbox with its label beside it. */
export function CheckboxField({
  field,
  label,
}: {
  field: FieldMetadata<boolean | undefined | null>;
  label: ReactNode;
}) {
  const f = field as FieldMetadata<unknown>;
  return (
    <label className="flex min-h-11 cursor-pointer items-center gap-3">
      <input
        type="checkbox"
        id={f.id}
        name={f.name}
        key={f.key}
        defaultChecked={f.initialValue === "on" || f.initialValue === true}
        className="h-5 w-5 shrink-0 accent-primary-700"
      />
      <span>{label}</span>
    </label>
  );
}
