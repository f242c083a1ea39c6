/** Declarations of the interview routes: a participant's view, ending, assessments, media diagnostics, the candidate's past interviews. */
import { z } from "zod";
import {
  interviewIdSchema,
  interviewSchema,
  mediaRoomDiagnosticsSchema,
  participantInterviewSchema,
} from "../protocol/interview.js";
import {
  assessmentBodySchema,
  interviewAssessmentSchema,
  standInterviewSchema,
} from "./applications.js";
import { defineRoute } from "./contract.js";
import { myInterviewsQuerySchema, myInterviewsSchema } from "./my-interviews.js";
import { pageSchema, paginationQuerySchema } from "./pagination.js";

const interviewParamsSchema = z.object({ id: interviewIdSchema });

export const INTERVIEW_API = {
  participantView: defineRoute({
    method: "GET",
    path: "/api/interviews/:id",
    params: interviewParamsSchema,
    answer: participantInterviewSchema,
  }),
  end: defineRoute({
    method: "POST",
    path: "/api/interviews/:id/end",
    params: interviewParamsSchema,
    answer: z.object({ interview: interviewSchema }),
  }),
  mediaRoom: defineRoute({
    method: "GET",
    path: "/api/admin/media/rooms/:id",
    params: interviewParamsSchema,
    answer: mediaRoomDiagnosticsSchema,
  }),
  assessment: defineRoute({
    method: "GET",
    path: "/api/interviews/:id/assessment",
    params: interviewParamsSchema,
    answer: interviewAssessmentSchema,
  }),
  saveAssessment: defineRoute({
    method: "PUT",
    path: "/api/interviews/:id/assessment",
    params: interviewParamsSchema,
    body: assessmentBodySchema,
    answer: interviewAssessmentSchema,
  }),
  standInterviews: defineRoute({
    method: "GET",
    path: "/api/stands/:standId/interviews",
    params: z.object({ standId: z.uuid() }),
    query: paginationQuerySchema,
    answer: pageSchema(standInterviewSchema),
  }),
  myInterviews: defineRoute({
    method: "GET",
    path: "/api/me/interviews",
    query: myInterviewsQuerySchema,
    answer: myInterviewsSchema,
    summary: "The candidate's ended interviews, newest first (never the staff's assessment)",
  }),
} as const;
