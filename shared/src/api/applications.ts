/**
 * Applications over HTTP: a candidate applies to a vacancy and follows it,
 * stand staff move it along the pipeline (every move kept with who and when),
 * recruiters assess interviews in private, and candidates give or revoke the
 * consent that lets a stand see their profile and CV.
 */
import { z } from "zod";
import {
  applicationStatusSchema,
  interviewOutcomeSchema,
  interviewRatingSchema,
} from "../domain/application.js";
import { languageSchema, localizedTextSchema } from "../domain/language.js";
import { sharedProfileSchema } from "../protocol/queue.js";
import { paginationQuerySchema } from "./pagination.js";

const timestampSchema = z.iso.datetime({ offset: true });

/** Free text written by a person; PostgreSQL text cannot hold NUL, so it is refused here. */
const plainText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((value) => !value.includes("\u0000"), "no NUL characters");

export const APPLICATION_MESSAGE_MAX_LENGTH = 2_000;
export const PRIVATE_NOTES_MAX_LENGTH = 10_000;

const personSchema = z.object({ id: z.uuid(), displayName: z.string() });

const applicationVacancySchema = z.object({
  id: z.uuid(),
  title: localizedTextSchema,
  originalLanguage: languageSchema,
});

// ---- the candidate's side ----------------------------------------------------

/** `POST /api/vacancies/:vacancyId/applications` */
export const applyBodySchema = z.object({
  message: plainText(APPLICATION_MESSAGE_MAX_LENGTH).default(""),
});
export type ApplyBody = z.input<typeof applyBodySchema>;

/** One move of an application as its candidate sees it: the status change and when. */
export const applicationStepSchema = z.object({
  from: applicationStatusSchema.nullable(),
  to: applicationStatusSchema,
  at: timestampSchema,
});
export type ApplicationStep = z.infer<typeof applicationStepSchema>;

export const myApplicationSchema = z.object({
  id: z.uuid(),
  status: applicationStatusSchema,
  message: z.string(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  vacancy: applicationVacancySchema,
  stand: z.object({ id: z.uuid(), organisationName: z.string() }),
  /** Oldest first; the first step is the application itself (from null to applied). */
  history: z.array(applicationStepSchema),
});
export type MyApplication = z.infer<typeof myApplicationSchema>;

export const myApplicationsSchema = z.object({ applications: z.array(myApplicationSchema) });
export type MyApplications = z.infer<typeof myApplicationsSchema>;

// ---- the stand's side --------------------------------------------------------

export const staffApplicationSchema = z.object({
  id: z.uuid(),
  status: applicationStatusSchema,
  message: z.string(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  vacancy: applicationVacancySchema,
  candidate: z.object({
    /** Null once the candidate deleted their account. */
    id: z.uuid().nullable(),
    displayName: z.string().nullable(),
    /** Only while the candidate's consent for this stand is active. */
    profile: sharedProfileSchema.nullable(),
  }),
  /** Oldest first, with who made each move (null: account since deleted). */
  history: z.array(applicationStepSchema.extend({ by: personSchema.nullable() })),
});
export type StaffApplication = z.infer<typeof staffApplicationSchema>;

export const standApplicationsQuerySchema = paginationQuerySchema.extend({
  status: applicationStatusSchema.optional(),
  vacancyId: z.uuid().optional(),
});
export type StandApplicationsQuery = z.infer<typeof standApplicationsQuerySchema>;

export const staffApplicationsSchema = z.object({ applications: z.array(staffApplicationSchema) });
export type StaffApplications = z.infer<typeof staffApplicationsSchema>;

/** `POST /api/applications/:id/status` */
export const applicationStatusBodySchema = z.object({ status: applicationStatusSchema });
export type ApplicationStatusBody = z.infer<typeof applicationStatusBodySchema>;

// ---- interview assessments (never shown to the candidate) --------------------

/** `PUT /api/interviews/:id/assessment`: only the fields sent change. */
export const assessmentBodySchema = z.object({
  outcome: interviewOutcomeSchema.nullable().optional(),
  rating: interviewRatingSchema.nullable().optional(),
  privateNotes: plainText(PRIVATE_NOTES_MAX_LENGTH).optional(),
});
export type AssessmentBody = z.infer<typeof assessmentBodySchema>;

export const interviewAssessmentSchema = z.object({
  interviewId: z.uuid(),
  standId: z.uuid(),
  candidateId: z.uuid().nullable(),
  outcome: interviewOutcomeSchema.nullable(),
  rating: interviewRatingSchema.nullable(),
  privateNotes: z.string(),
  assessedBy: personSchema.nullable(),
  assessedAt: timestampSchema.nullable(),
});
export type InterviewAssessment = z.infer<typeof interviewAssessmentSchema>;

/** One line of `GET /api/stands/:standId/interviews`. */
export const standInterviewSchema = z.object({
  id: z.uuid(),
  candidate: z.object({ id: z.uuid().nullable(), displayName: z.string().nullable() }),
  recruiter: personSchema,
  startedAt: timestampSchema,
  endedAt: timestampSchema.nullable(),
  outcome: interviewOutcomeSchema.nullable(),
  rating: interviewRatingSchema.nullable(),
});
export type StandInterview = z.infer<typeof standInterviewSchema>;

// ---- consents ----------------------------------------------------------------

export const profileConsentSchema = z.object({
  standId: z.uuid(),
  organisationName: z.string(),
  givenAt: timestampSchema,
  revokedAt: timestampSchema.nullable(),
});
export type ProfileConsent = z.infer<typeof profileConsentSchema>;

/** `GET /api/me/consents`: newest first, revoked ones included. */
export const myConsentsSchema = z.object({ consents: z.array(profileConsentSchema) });
export type MyConsents = z.infer<typeof myConsentsSchema>;

/** `POST /api/me/consents` */
export const giveConsentBodySchema = z.object({ standId: z.uuid() });
export type GiveConsentBody = z.infer<typeof giveConsentBodySchema>;

export const profileConsentAnswerSchema = z.object({ consent: profileConsentSchema });
export type ProfileConsentAnswer = z.infer<typeof profileConsentAnswerSchema>;
