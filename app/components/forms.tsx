import { useForm, type DefaultValue, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { z } from "zod";

export * from "./form-fields";
// Kept here too for the many forms that import them from this module; pages without a
// validated form import them from ./form-parts, which does not pull in conform and zod.
export { FilterSelect, HoneypotField, isHoneypotFilled } from "./form-parts";

/**
 * A conform form validated by the same zod schema as its action: first on blur (or submit),
 * then on every keystroke once a field has shown an error.
 */
export function useZodForm<Schema extends z.ZodType<Record<string, unknown>, Record<string, unknown>>>(
  schema: Schema,
  options: {
    id: string;
    lastResult: SubmissionResult<string[]> | null | undefined;
    shouldValidate?: "onBlur" | "onSubmit";
    defaultValue?: DefaultValue<z.input<Schema>>;
  },
) {
  return useForm<z.input<Schema>, z.output<Schema>>({
    id: options.id,
    lastResult: options.lastResult,
    defaultValue: options.defaultValue,
    shouldValidate: options.shouldValidate ?? "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
}
