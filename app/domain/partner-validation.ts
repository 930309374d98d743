import { parseWithZod } from "@conform-to/zod/v4";
import {
  claimSchema,
  handoverResponseSchema,
  handoverSchema,
  mergeSchema,
  noteSchema,
  publicUpdateSchema,
  statusSchema,
  triageSchema,
} from "./triage";

/**
 * The partner issue page's form validation in the browser, loaded when a form is first used
 * (app/components/lazy-form.ts): the same schemas the page's action validates with.
 */
export const validateTriage = (formData: FormData) => parseWithZod(formData, { schema: triageSchema });
export const validateStatus = (formData: FormData) => parseWithZod(formData, { schema: statusSchema });
export const validatePublicUpdate = (formData: FormData) => parseWithZod(formData, { schema: publicUpdateSchema });
export const validateMerge = (formData: FormData) => parseWithZod(formData, { schema: mergeSchema });
export const validateNote = (formData: FormData) => parseWithZod(formData, { schema: noteSchema });
export const validateClaim = (formData: FormData) => parseWithZod(formData, { schema: claimSchema });
export const validateHandover = (formData: FormData) => parseWithZod(formData, { schema: handoverSchema });
export const validateHandoverResponse = (formData: FormData) =>
  parseWithZod(formData, { schema: handoverResponseSchema });
