import { parseWithZod } from "@conform-to/zod/v4";
import type { z } from "zod";
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
 * The forms of the partner issue page (/partner/meldingen/:id) post an `intent`; this is the
 * schema of each (the route adds "external-retry", a button without fields). The action
 * validates with them; the browser loads the validators below when a form is first used
 * (app/components/lazy-form.ts), so zod is not part of the page's first load.
 */
export const partnerIntentSchemas = {
  triage: triageSchema,
  status: statusSchema,
  "public-update": publicUpdateSchema,
  note: noteSchema,
  claim: claimSchema,
  handover: handoverSchema,
  "handover-accept": handoverResponseSchema,
  "handover-decline": handoverResponseSchema,
  merge: mergeSchema,
} satisfies Record<string, z.ZodType>;

const schemas = partnerIntentSchemas;
export const validateTriage = (formData: FormData) => parseWithZod(formData, { schema: schemas.triage });
export const validateStatus = (formData: FormData) => parseWithZod(formData, { schema: schemas.status });
export const validatePublicUpdate = (formData: FormData) =>
  parseWithZod(formData, { schema: schemas["public-update"] });
export const validateMerge = (formData: FormData) => parseWithZod(formData, { schema: schemas.merge });
export const validateNote = (formData: FormData) => parseWithZod(formData, { schema: schemas.note });
export const validateClaim = (formData: FormData) => parseWithZod(formData, { schema: schemas.claim });
export const validateHandover = (formData: FormData) => parseWithZod(formData, { schema: schemas.handover });
export const validateHandoverResponse = (formData: FormData) =>
  parseWithZod(formData, { schema: schemas["handover-accept"] });
