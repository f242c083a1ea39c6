/** HTTP answers the queue screens need besides the socket protocol. */
import { z } from "zod";
import { localizedTextSchema } from "../domain/language.js";

export const screeningQuestionsSchema = z.object({
  questions: z.array(z.object({ id: z.uuid(), question: localizedTextSchema })),
});
export type ScreeningQuestions = z.infer<typeof screeningQuestionsSchema>;

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
