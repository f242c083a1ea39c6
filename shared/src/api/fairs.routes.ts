/** Declarations of the fair routes: the public hall, fair management and registrations. */
import { z } from "zod";
import { fairHallSchema, standSummarySchema } from "../domain/fair.js";
import { defineRoute } from "./contract.js";
import {
  fairAdminViewSchema,
  fairInputSchema,
  fairPatchSchema,
  fairSlugParamsSchema,
  fairStatusBodySchema,
  myRegistrationAnswerSchema,
  myRegistrationsSchema,
  registrationAdminViewSchema,
  registrationDecisionSchema,
  registrationListQuerySchema,
  standListQuerySchema,
} from "./fairs.js";
import { pageSchema, paginationQuerySchema } from "./pagination.js";

export const FAIR_API = {
  currentHall: defineRoute({
    method: "GET",
    path: "/api/fairs/current/hall",
    answer: fairHallSchema,
  }),
  hall: defineRoute({
    method: "GET",
    path: "/api/fairs/:slug/hall",
    params: fairSlugParamsSchema,
    answer: fairHallSchema,
  }),
  standList: defineRoute({
    method: "GET",
    path: "/api/fairs/:slug/stands",
    params: fairSlugParamsSchema,
    query: standListQuerySchema,
    answer: pageSchema(standSummarySchema),
  }),
  listFairs: defineRoute({
    method: "GET",
    path: "/api/admin/fairs",
    query: paginationQuerySchema,
    answer: pageSchema(fairAdminViewSchema),
  }),
  createFair: defineRoute({
    method: "POST",
    path: "/api/admin/fairs",
    body: fairInputSchema,
    answer: fairAdminViewSchema,
    status: 201,
  }),
  fair: defineRoute({
    method: "GET",
    path: "/api/admin/fairs/:slug",
    params: fairSlugParamsSchema,
    answer: fairAdminViewSchema,
  }),
  updateFair: defineRoute({
    method: "PATCH",
    path: "/api/admin/fairs/:slug",
    params: fairSlugParamsSchema,
    body: fairPatchSchema,
    answer: fairAdminViewSchema,
  }),
  moveFair: defineRoute({
    method: "POST",
    path: "/api/admin/fairs/:slug/status",
    params: fairSlugParamsSchema,
    body: fairStatusBodySchema,
    answer: fairAdminViewSchema,
  }),
  register: defineRoute({
    method: "POST",
    path: "/api/fairs/:slug/registration",
    params: fairSlugParamsSchema,
    // 201 when new, 200 when the candidate was already registered.
    answer: myRegistrationAnswerSchema,
    status: 201,
    also: { 200: myRegistrationAnswerSchema },
  }),
  myRegistrations: defineRoute({
    method: "GET",
    path: "/api/me/registrations",
    answer: myRegistrationsSchema,
  }),
  registrations: defineRoute({
    method: "GET",
    path: "/api/admin/fairs/:slug/registrations",
    params: fairSlugParamsSchema,
    query: registrationListQuerySchema,
    answer: pageSchema(registrationAdminViewSchema),
  }),
  decideRegistration: defineRoute({
    method: "POST",
    path: "/api/admin/registrations/:id/decision",
    params: z.object({ id: z.uuid() }),
    body: registrationDecisionSchema,
    answer: registrationAdminViewSchema,
  }),
} as const;
