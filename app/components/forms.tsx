import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { z } from "zod";
import { conformOptions, type ZodFormOptions } from "./lazy-form";

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
  options: ZodFormOptions<z.input<Schema>>,
) {
  return useForm<z.input<Schema>, z.output<Schema>>({
    ...conformOptions(options),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
}
