/**
 * Declarations of the stand routes: a stand's page and edits, creation and
 * approval by fair admins, self-registration, staff, vacancies, invitations
 * and the screening questions as edited.
 */
import { checkEmailAnswerSchema } from "./auth.routes.js";
import { defineRoute } from "./contract.js";
import { pageSchema } from "./pagination.js";
import { screeningQuestionsBodySchema, screeningQuestionsSchema } from "./queue.js";
import {
  acceptInvitationBodySchema,
  acceptedInvitationSchema,
  adminStandsQuerySchema,
  createInvitationBodySchema,
  createdInvitationSchema,
  invitationAccountSchema,
  invitationParamsSchema,
  invitationPreviewSchema,
  invitationTokenParamsSchema,
  staffLanguagesBodySchema,
  standApprovalBodySchema,
  standDetailsSchema,
  standFairParamsSchema,
  standIdParamsSchema,
  standInputSchema,
  standInvitationsSchema,
  standPatchSchema,
  standRegistrationBodySchema,
  standStaffListSchema,
  standStaffMemberSchema,
  standStaffParamsSchema,
  vacancyDetailsSchema,
  vacancyIdParamsSchema,
  vacancyInputSchema,
  vacancyPatchSchema,
  vacancyTranslationBodySchema,
  vacancyTranslationParamsSchema,
} from "./stands.js";

export const STAND_API = {
  stand: defineRoute({
    method: "GET",
    path: "/api/stands/:standId",
    params: standIdParamsSchema,
    answer: standDetailsSchema,
  }),
  createStand: defineRoute({
    method: "POST",
    path: "/api/admin/fairs/:slug/stands",
    params: standFairParamsSchema,
    body: standInputSchema,
    answer: standDetailsSchema,
    status: 201,
  }),
  adminStands: defineRoute({
    method: "GET",
    path: "/api/admin/fairs/:slug/stands",
    params: standFairParamsSchema,
    query: adminStandsQuerySchema,
    answer: pageSchema(standDetailsSchema),
  }),
  registerStand: defineRoute({
    method: "POST",
    path: "/api/fairs/:slug/stand-registrations",
    params: standFairParamsSchema,
    body: standRegistrationBodySchema,
    answer: checkEmailAnswerSchema,
    status: 202,
    summary:
      'An employer registers a stand; answered "check your email" whoever the email belongs to',
  }),
  decideStand: defineRoute({
    method: "POST",
    path: "/api/admin/stands/:standId/approval",
    params: standIdParamsSchema,
    body: standApprovalBodySchema,
    answer: standDetailsSchema,
  }),
  patchStand: defineRoute({
    method: "PATCH",
    path: "/api/stands/:standId",
    params: standIdParamsSchema,
    body: standPatchSchema,
    answer: standDetailsSchema,
  }),
  staff: defineRoute({
    method: "GET",
    path: "/api/stands/:standId/staff",
    params: standIdParamsSchema,
    answer: standStaffListSchema,
  }),
  myStaffLanguages: defineRoute({
    method: "PATCH",
    path: "/api/stands/:standId/staff/me",
    params: standIdParamsSchema,
    body: staffLanguagesBodySchema,
    answer: standStaffMemberSchema,
  }),
  removeStaff: defineRoute({
    method: "DELETE",
    path: "/api/stands/:standId/staff/:userId",
    params: standStaffParamsSchema,
    answer: null,
  }),
  createVacancy: defineRoute({
    method: "POST",
    path: "/api/stands/:standId/vacancies",
    params: standIdParamsSchema,
    body: vacancyInputSchema,
    answer: vacancyDetailsSchema,
    status: 201,
  }),
  patchVacancy: defineRoute({
    method: "PATCH",
    path: "/api/vacancies/:vacancyId",
    params: vacancyIdParamsSchema,
    body: vacancyPatchSchema,
    answer: vacancyDetailsSchema,
  }),
  putTranslation: defineRoute({
    method: "PUT",
    path: "/api/vacancies/:vacancyId/translations/:language",
    params: vacancyTranslationParamsSchema,
    body: vacancyTranslationBodySchema,
    answer: vacancyDetailsSchema,
  }),
  createInvitation: defineRoute({
    method: "POST",
    path: "/api/stands/:standId/invitations",
    params: standIdParamsSchema,
    body: createInvitationBodySchema,
    answer: createdInvitationSchema,
    status: 201,
  }),
  invitations: defineRoute({
    method: "GET",
    path: "/api/stands/:standId/invitations",
    params: standIdParamsSchema,
    answer: standInvitationsSchema,
  }),
  revokeInvitation: defineRoute({
    method: "DELETE",
    path: "/api/stands/:standId/invitations/:id",
    params: invitationParamsSchema,
    answer: null,
  }),
  previewInvitation: defineRoute({
    method: "GET",
    path: "/api/invitations/:token",
    params: invitationTokenParamsSchema,
    answer: invitationPreviewSchema,
  }),
  acceptInvitation: defineRoute({
    method: "POST",
    path: "/api/invitations/:token/accept",
    params: invitationTokenParamsSchema,
    body: acceptInvitationBodySchema,
    // 200: a signed-in account joined; 201: an account was created first.
    answer: acceptedInvitationSchema,
    also: { 201: invitationAccountSchema },
  }),
  saveScreeningQuestions: defineRoute({
    method: "PUT",
    path: "/api/stands/:standId/screening-questions",
    params: standIdParamsSchema,
    body: screeningQuestionsBodySchema,
    answer: screeningQuestionsSchema,
  }),
} as const;
