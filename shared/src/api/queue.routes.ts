/** Declarations of the queue's HTTP routes: screening questions as asked, and a staff member's stands. */
import { z } from "zod";
import { defineRoute } from "./contract.js";
import { myStandsSchema, screeningQuestionsSchema } from "./queue.js";

export const QUEUE_API = {
  screeningQuestions: defineRoute({
    method: "GET",
    path: "/api/stands/:standId/screening-questions",
    params: z.object({ standId: z.uuid() }),
    answer: screeningQuestionsSchema,
  }),
  myStands: defineRoute({ method: "GET", path: "/api/me/stands", answer: myStandsSchema }),
} as const;
