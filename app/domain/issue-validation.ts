import { parseWithZod } from "@conform-to/zod/v4";
import { commentSchema } from "./comment-schema";
import { flagSchema } from "./moderation";
import { reopenSchema } from "./triage";

/**
 * The issue page's form validation in the browser, loaded when a form is first used
 * (app/components/lazy-form.ts): the same schemas the actions validate with.
 */
export const validateComment = (formData: FormData) => parseWithZod(formData, { schema: commentSchema });

export const validateReopen = (formData: FormData) => parseWithZod(formData, { schema: reopenSchema });

export const validateFlag = (formData: FormData) => parseWithZod(formData, { schema: flagSchema });
