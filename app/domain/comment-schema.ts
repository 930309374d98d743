import { z } from "zod";
import { t } from "~/i18n";
import { withoutPersonalData } from "./personal-data";

export const COMMENT_MAX = 2000;

export const commentSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("comment"),
    // Comments are public: no email address, phone number or home address in them.
    body: withoutPersonalData(
      z
        .string({ error: t("issue.comments.required") })
        .trim()
        .min(1, t("issue.comments.required"))
        .max(COMMENT_MAX, t("issue.comments.tooLong")),
    ),
  }),
  z.object({ intent: z.literal("delete-comment"), commentId: z.string().min(1).max(40) }),
]);
