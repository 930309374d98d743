import { parse, useForm, type DefaultValue, type Submission, type SubmissionResult } from "@conform-to/react";
import { useCallback, useRef, useState } from "react";

/** The options every form of ours gives conform (./forms and the lazy variant below). */
export type ZodFormOptions<Input> = {
  id: string;
  lastResult: SubmissionResult<string[]> | null | undefined;
  shouldValidate?: "onBlur" | "onSubmit";
  defaultValue?: DefaultValue<Input>;
};

/** Validated first on blur (or submit), then on every keystroke once a field has shown an error. */
export function conformOptions<Input>(options: ZodFormOptions<Input>) {
  return {
    id: options.id,
    lastResult: options.lastResult,
    defaultValue: options.defaultValue,
    shouldValidate: options.shouldValidate ?? "onBlur",
    shouldRevalidate: "onInput" as const,
  };
}

/** What a lazily loaded module hands over: parseWithZod with the form's schema. */
export type FormValidator<Input, Output> = (formData: FormData) => Submission<Input, string[], Output>;

/**
 * useZodForm (./forms) for a form whose validation loads when it is first used: zod and
 * conform's zod adapter (~30 KB gzip) are not part of the page's first load. `load` imports a
 * module that validates with the same schema as the action; it starts at the first focus,
 * touch or key press in the form (spread `warmUp` onto the form element) or when the page asks
 * for it (`validator()`, e.g. before moving to the next step). The form says which in
 * `data-validation` ("loaded" once the browser checks it, "server" before).
 *
 * Until it has arrived nothing is validated in the browser: a submit goes to the server, which
 * validates with the same schema and answers with the errors next to the fields - what a
 * browser without JavaScript gets too. A load that failed (no signal, or a new deploy whose
 * files have other names) is tried again at the next use; `validator()` then rejects, and the
 * page goes on without checking in the browser.
 */
export function useLazyZodForm<Input extends Record<string, unknown>, Output extends Record<string, unknown>>(
  load: () => Promise<FormValidator<Input, Output>>,
  options: ZodFormOptions<Input>,
) {
  const loaded = useRef<FormValidator<Input, Output> | null>(null);
  const loading = useRef<Promise<FormValidator<Input, Output>> | null>(null);
  const [isLoaded, setLoaded] = useState(false);
  const validator = useCallback(() => {
    loading.current ??= load().then(
      (validate) => {
        loaded.current = validate;
        setLoaded(true);
        return validate;
      },
      (error: unknown) => {
        loading.current = null;
        throw error;
      },
    );
    return loading.current;
  }, [load]);
  const [form, fields] = useForm<Input, Output>({
    ...conformOptions(options),
    onValidate: ({ formData }) =>
      loaded.current?.(formData) ??
      // Not loaded yet: no errors here; the server has the last word.
      parse<Output, string[]>(formData, { resolve: (payload) => ({ value: payload as Output }) }),
  });
  // A failed load here is tried again at the next focus, touch or key press.
  const warmUp = () => void validator().catch(() => {});
  const warmUpProps = {
    onFocus: warmUp,
    onPointerDown: warmUp,
    onKeyDown: warmUp,
    "data-validation": isLoaded ? "loaded" : "server",
  };
  return [form, fields, { validator, warmUp: warmUpProps }] as const;
}
