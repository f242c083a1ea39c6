/** HTTP answers the queue screens need besides the socket protocol. */
import { z } from "zod";
import { languageSchema, localizedTextSchema } from "../domain/language.js";

/** The questions a stand asks, in order, to a candidate joining its queue. */
export const screeningQuestionsSchema = z.object({
  questions: z.array(z.object({ id: z.uuid(), question: localizedTextSchema })),
});
export type ScreeningQuestions = z.infer<typeof screeningQuestionsSchema>;

export const SCREENING_QUESTIONS_MAX = 10;
export const SCREENING_QUESTION_MAX_LENGTH = 300;

/** A question's wording per language: each one trimmed, not empty, short; at least one language. */
export const screeningQuestionTextSchema = z
  .partialRecord(
    languageSchema,
    z
      .string()
      .trim()
      .min(1)
      .max(SCREENING_QUESTION_MAX_LENGTH)
      // PostgreSQL's jsonb cannot hold NUL, so it is refused here rather than failing in the database.
      .refine((value) => !value.includes("\u0000"), "no NUL characters"),
  )
  .refine((text) => Object.keys(text).length > 0, "at least one language is required");

/**
 * What a stand admin sends to replace the list, in the order to ask it. A
 * question that stays carries its id (its answers refer to it); one without
 * an id is new; one left out is no longer asked.
 */
export const screeningQuestionsBodySchema = z.object({
  questions: z
    .array(z.object({ id: z.uuid().optional(), question: screeningQuestionTextSchema }))
    .max(SCREENING_QUESTIONS_MAX)
    .superRefine((questions, context) => {
      const seen = new Set<string>();
      questions.forEach((question, index) => {
        if (question.id === undefined) return;
        if (seen.has(question.id)) {
          context.addIssue({
            code: "custom",
            message: "each question at most once",
            path: [index, "id"],
          });
        }
        seen.add(question.id);
      });
    }),
});
export type ScreeningQuestionsBody = z.infer<typeof screeningQuestionsBodySchema>;

export const myStandsSchema = z.object({
  stands: z.array(
    z.object({
      standId: z.uuid(),
      organisationName: z.string(),
      role: z.enum(["stand_admin", "recruiter"]),
    }),
  ),
});
export type MyStands = z.infer<typeof myStandsSchema>;
