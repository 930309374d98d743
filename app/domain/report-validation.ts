import { parseWithZod } from "@conform-to/zod/v4";
import { anonymousReportSchema, reportSchema } from "./report-schema";

/**
 * The report form's validation in the browser, loaded when the form is first used
 * (app/components/lazy-form.ts): the same schemas the action validates with.
 */
export const validateReport = (formData: FormData) => parseWithZod(formData, { schema: reportSchema });

export const validateAnonymousReport = (formData: FormData) =>
  parseWithZod(formData, { schema: anonymousReportSchema });
