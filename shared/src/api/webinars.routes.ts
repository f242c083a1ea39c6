/** Declarations of the group-session routes: scheduling, listing, registration and figures. */
import { defineRoute } from "./contract.js";
import { fairSlugParamsSchema } from "./fairs.js";
import {
  standWebinarParamsSchema,
  webinarBodySchema,
  webinarIdParamsSchema,
  webinarListSchema,
  webinarReportSchema,
  webinarSchema,
} from "./webinars.js";

// The fairs' own slug parameter: a NUL or other stray character is a 400, never a query.
const fairSlugParams = fairSlugParamsSchema;

export const WEBINAR_API = {
  scheduleWebinar: defineRoute({
    method: "POST",
    path: "/api/stands/:standId/webinars",
    params: standWebinarParamsSchema,
    body: webinarBodySchema,
    answer: webinarSchema,
    status: 201,
    summary: "A stand's admin schedules a group session",
  }),
  updateWebinar: defineRoute({
    method: "PUT",
    path: "/api/webinars/:webinarId",
    params: webinarIdParamsSchema,
    body: webinarBodySchema,
    answer: webinarSchema,
    summary: "A stand's admin changes a session that has not started",
  }),
  cancelWebinar: defineRoute({
    method: "DELETE",
    path: "/api/webinars/:webinarId",
    params: webinarIdParamsSchema,
    answer: null,
    summary: "A stand's admin cancels a session that has not started; registrants are told",
  }),
  webinar: defineRoute({
    method: "GET",
    path: "/api/webinars/:webinarId",
    params: webinarIdParamsSchema,
    answer: webinarSchema,
    summary: "One session, as anyone sees it",
  }),
  standWebinars: defineRoute({
    method: "GET",
    path: "/api/stands/:standId/webinars",
    params: standWebinarParamsSchema,
    answer: webinarListSchema,
    summary: "A stand's sessions that are not cancelled, soonest first",
  }),
  fairWebinars: defineRoute({
    method: "GET",
    path: "/api/fairs/:slug/webinars",
    params: fairSlugParams,
    answer: webinarListSchema,
    summary: "The fair's sessions that are not cancelled, for the hall, soonest first",
  }),
  registerForWebinar: defineRoute({
    method: "POST",
    path: "/api/webinars/:webinarId/registration",
    params: webinarIdParamsSchema,
    answer: webinarSchema,
    status: 201,
    summary: "A candidate registers (again is fine); webinar_full, webinar_ended",
  }),
  unregisterFromWebinar: defineRoute({
    method: "DELETE",
    path: "/api/webinars/:webinarId/registration",
    params: webinarIdParamsSchema,
    answer: null,
    summary: "A candidate withdraws their registration",
  }),
  myWebinars: defineRoute({
    method: "GET",
    path: "/api/me/webinars",
    answer: webinarListSchema,
    summary: "The sessions the candidate registered for, soonest first",
  }),
  webinarReport: defineRoute({
    method: "GET",
    path: "/api/admin/fairs/:slug/webinars/report",
    params: fairSlugParams,
    answer: webinarReportSchema,
    summary: "Each session's registered, attended, peak viewers and questions, for the organiser",
  }),
};
