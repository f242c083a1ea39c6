/** Declarations of the application routes, for candidates and for stand staff. */
import { z } from "zod";
import {
  applicationStatusBodySchema,
  applyBodySchema,
  myApplicationSchema,
  myApplicationsSchema,
  staffApplicationSchema,
  staffApplicationsSchema,
  standApplicationsQuerySchema,
} from "./applications.js";
import { defineRoute } from "./contract.js";
import { pageSchema } from "./pagination.js";

const applicationIdParamsSchema = z.object({ id: z.uuid() });

export const APPLICATION_API = {
  apply: defineRoute({
    method: "POST",
    path: "/api/vacancies/:vacancyId/applications",
    params: z.object({ vacancyId: z.uuid() }),
    body: applyBodySchema,
    answer: myApplicationSchema,
    status: 201,
  }),
  mine: defineRoute({
    method: "GET",
    path: "/api/me/applications",
    answer: myApplicationsSchema,
  }),
  withdraw: defineRoute({
    method: "POST",
    path: "/api/applications/:id/withdraw",
    params: applicationIdParamsSchema,
    answer: myApplicationSchema,
  }),
  forStand: defineRoute({
    method: "GET",
    path: "/api/stands/:standId/applications",
    params: z.object({ standId: z.uuid() }),
    query: standApplicationsQuerySchema,
    answer: pageSchema(staffApplicationSchema),
  }),
  ofCandidateAtStand: defineRoute({
    method: "GET",
    path: "/api/stands/:standId/candidates/:candidateId/applications",
    params: z.object({ standId: z.uuid(), candidateId: z.uuid() }),
    answer: staffApplicationsSchema,
  }),
  move: defineRoute({
    method: "POST",
    path: "/api/applications/:id/status",
    params: applicationIdParamsSchema,
    body: applicationStatusBodySchema,
    answer: staffApplicationSchema,
  }),
} as const;
