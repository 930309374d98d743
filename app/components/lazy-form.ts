import { parse, useForm, type DefaultValue, type Submission, type SubmissionResult } from "@conform-to/react";
import { useCallback, useRef } from "react";

/** What a lazily loaded module hands over: parseWithZod with the form's schema. */
export type FormValidator<Input, Output> = (formData: FormData) => Submission<Input, string[], Output>;

/**
 * useZodForm (./forms) for a form whose validation loads when it is first used: zod and
 * conform's zod adapter (~35 KB gzip) are not part of the page's first load. `load` imports a
 * module that validates with the same schema as the action; it starts at the first focus,
 * touch or key press in the form (spread `warmUp` onto the form element) or when the page asks
 * for it (`validator()`, e.g. before moving to the next step).
 *
 * Until it has arrived nothing is validated in the browser: a submit goes to the server, which
 * validates with the same schema and answers with the errors next to the fields - what a
 * browser without JavaScript gets too.
 */
export function useLazyZodForm<Input extends Record<string, unknown>, Output extends Record<string, unknown>>(
  load: () => Promise<FormValidator<Input, Output>>,
  options: {
    id: string;
    lastResult: SubmissionResult<string[]> | null | undefined;
    shouldValidate?: "onBlur" | "onSubmit";
    defaultValue?: DefaultValue<Input>;
  },
) {
  const loaded = useRef<FormValidator<Input, Output> | null>(null);
  const loading = useRef<Promise<FormValidator<Input, Output>> | null>(null);
  const validator = useCallback(() => {
    loading.current ??= load().then((validate) => (loaded.current = validate));
    return loading.current;
  }, [load]);
  const [form, fields] = useForm<Input, Output>({
    id: options.id,
    lastResult: options.lastResult,
    defaultValue: options.defaultValue,
    shouldValidate: options.shouldValidate ?? "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) =>
      loaded.current?.(formData) ??
      // Not loaded yet: no errors here; the server has the last word.
      parse<Output, string[]>(formData, { resolve: (payload) => ({ value: payload as Output }) }),
  });
  const warmUp = {
    onFocus: () => void validator(),
    onPointerDown: () => void validator(),
    onKeyDown: () => void validator(),
  };
  return [form, fields, { validator, warmUp }] as const;
}
