/**
 * Stands over HTTP: a stand's page (details, documents, vacancies), what a
 * fair admin or an employer sends to create or edit one, vacancies with their
 * translations, the stand's staff and the invitation links that add to it.
 */
import { z } from "zod";
import {
  approvalStatusSchema,
  contractTypeSchema,
  countryCodeSchema,
  requiredLanguageSchema,
  standDocumentSchema,
  standKindSchema,
  standStaffRoleSchema,
  vacancyStatusSchema,
} from "../domain/fair.js";
import { LANGUAGES, languageSchema, localizedTextSchema } from "../domain/language.js";
import { sessionUserSchema, signUpBodySchema } from "../domain/user.js";
import { paginationQuerySchema } from "./pagination.js";

export const STAND_DOCUMENTS_MAX = 20;
export const VACANCY_TITLE_MAX = 200;
export const VACANCY_DESCRIPTION_MAX = 10_000;

const timestampSchema = z.iso.datetime({ offset: true });

/** A trimmed, non-empty text; PostgreSQL's text cannot hold NUL, so it is refused here. */
const textSchema = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((value) => !value.includes("\u0000"), "no NUL characters");

/** Each language at most once, at least one. */
const languageSetSchema = z
  .array(languageSchema)
  .min(1)
  .max(LANGUAGES.length)
  .refine(
    (languages) => new Set(languages).size === languages.length,
    "each language at most once",
  );

const requiredLanguagesSchema = z
  .array(requiredLanguageSchema)
  .max(LANGUAGES.length)
  .refine(
    (languages) => new Set(languages.map((entry) => entry.language)).size === languages.length,
    "each language at most once",
  );

export const standIdParamsSchema = z.object({ standId: z.uuid() });
export const vacancyIdParamsSchema = z.object({ vacancyId: z.uuid() });
/** The fair a stand belongs to, by its slug. */
export const standFairParamsSchema = z.object({
  slug: z.string().regex(/^[a-z0-9-]{1,80}$/, "a fair slug"),
});

export const vacancyDetailsSchema = z.object({
  id: z.uuid(),
  standId: z.uuid(),
  title: localizedTextSchema,
  description: localizedTextSchema,
  originalLanguage: languageSchema,
  sector: z.string(),
  country: countryCodeSchema,
  region: z.string(),
  contractType: contractTypeSchema,
  openings: z.number().int().positive(),
  requiredLanguages: z.array(requiredLanguageSchema),
  status: vacancyStatusSchema,
  createdAt: timestampSchema,
});
export type VacancyDetails = z.infer<typeof vacancyDetailsSchema>;

/** `GET /api/stands/:standId`: the public sees approved stands and open vacancies; staff see all. */
export const standDetailsSchema = z.object({
  id: z.uuid(),
  fairId: z.uuid(),
  kind: standKindSchema,
  organisationName: z.string(),
  description: localizedTextSchema,
  sector: z.string(),
  country: countryCodeSchema,
  region: z.string(),
  languages: z.array(languageSchema),
  logoUrl: z.string().nullable(),
  documents: z.array(standDocumentSchema),
  approvalStatus: approvalStatusSchema,
  vacancies: z.array(vacancyDetailsSchema),
});
export type StandDetails = z.infer<typeof standDetailsSchema>;

/** What a fair admin or an employer sends to create a stand; `PATCH` takes any part of it. */
export const standInputSchema = z.object({
  kind: standKindSchema,
  organisationName: textSchema(200),
  description: localizedTextSchema,
  sector: textSchema(60),
  country: countryCodeSchema,
  region: textSchema(120),
  languages: languageSetSchema,
  logoUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .refine((value) => !value.includes("\u0000"), "no NUL characters")
    .nullable()
    .optional(),
  documents: z.array(standDocumentSchema).max(STAND_DOCUMENTS_MAX).optional(),
});
export type StandInput = z.infer<typeof standInputSchema>;

export const standPatchSchema = standInputSchema.partial();
export type StandPatch = z.infer<typeof standPatchSchema>;

/** `POST /api/fairs/:slug/stand-registrations`: an employer registers a stand and its admin account. */
export const standRegistrationBodySchema = z.object({
  stand: standInputSchema,
  contact: signUpBodySchema,
});
export type StandRegistrationBody = z.input<typeof standRegistrationBodySchema>;

export const adminStandsQuerySchema = paginationQuerySchema.extend({
  approvalStatus: approvalStatusSchema.optional(),
});
export type AdminStandsQuery = z.infer<typeof adminStandsQuerySchema>;

export const standApprovalBodySchema = z.object({ status: z.enum(["approved", "rejected"]) });
export type StandApprovalBody = z.infer<typeof standApprovalBodySchema>;

/** A vacancy as written: title and description are plain text in `originalLanguage`. */
export const vacancyInputSchema = z.object({
  title: textSchema(VACANCY_TITLE_MAX),
  description: textSchema(VACANCY_DESCRIPTION_MAX),
  originalLanguage: languageSchema,
  sector: textSchema(60),
  country: countryCodeSchema,
  region: textSchema(120),
  contractType: contractTypeSchema,
  openings: z.number().int().min(1).max(10_000),
  requiredLanguages: requiredLanguagesSchema,
});
export type VacancyInput = z.infer<typeof vacancyInputSchema>;

/** Any part of a vacancy; title and description edit the original language's text only. */
export const vacancyPatchSchema = vacancyInputSchema
  .omit({ originalLanguage: true })
  .extend({ status: vacancyStatusSchema })
  .partial();
export type VacancyPatch = z.infer<typeof vacancyPatchSchema>;

export const vacancyTranslationParamsSchema = z.object({
  vacancyId: z.uuid(),
  language: languageSchema,
});
export const vacancyTranslationBodySchema = z.object({
  title: textSchema(VACANCY_TITLE_MAX),
  description: textSchema(VACANCY_DESCRIPTION_MAX),
});
export type VacancyTranslationBody = z.infer<typeof vacancyTranslationBodySchema>;

export const standStaffMemberSchema = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  email: z.string(),
  role: standStaffRoleSchema,
  languages: z.array(languageSchema),
});
export type StandStaffMember = z.infer<typeof standStaffMemberSchema>;

export const standStaffListSchema = z.object({ staff: z.array(standStaffMemberSchema) });
export type StandStaffList = z.infer<typeof standStaffListSchema>;

export const standStaffParamsSchema = z.object({ standId: z.uuid(), userId: z.uuid() });

/** `PATCH /api/stands/:standId/staff/me`: the languages a staff member interviews in. */
export const staffLanguagesBodySchema = z.object({ languages: languageSetSchema });
export type StaffLanguagesBody = z.infer<typeof staffLanguagesBodySchema>;

export const standInvitationSchema = z.object({
  id: z.uuid(),
  role: standStaffRoleSchema,
  expiresAt: timestampSchema,
  createdAt: timestampSchema,
});
export type StandInvitation = z.infer<typeof standInvitationSchema>;

export const createInvitationBodySchema = z.object({ role: standStaffRoleSchema });
export type CreateInvitationBody = z.infer<typeof createInvitationBodySchema>;

/** The token is shown once, here; only its hash is kept. */
export const createdInvitationSchema = z.object({
  invitation: standInvitationSchema,
  token: z.string(),
  /** The client route to send, e.g. `/#/invite/<token>`. */
  path: z.string(),
});
export type CreatedInvitation = z.infer<typeof createdInvitationSchema>;

export const standInvitationsSchema = z.object({ invitations: z.array(standInvitationSchema) });
export type StandInvitations = z.infer<typeof standInvitationsSchema>;

export const invitationParamsSchema = z.object({ standId: z.uuid(), id: z.uuid() });
/** Tokens are base64url; anything else is simply unknown. */
export const invitationTokenParamsSchema = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/, "an invitation token"),
});

export const invitationPreviewSchema = z.object({
  standId: z.uuid(),
  organisationName: z.string(),
  role: standStaffRoleSchema,
  expiresAt: timestampSchema,
  valid: z.boolean(),
});
export type InvitationPreview = z.infer<typeof invitationPreviewSchema>;

/**
 * Accepting an invitation: signed in, only `languages` (default: the stand's)
 * is read; anonymous, the account fields are required and create the account.
 */
export const acceptInvitationBodySchema = signUpBodySchema
  .partial()
  .extend({ languages: languageSetSchema.optional() });
export type AcceptInvitationBody = z.input<typeof acceptInvitationBodySchema>;

export const acceptedInvitationSchema = z.object({
  standId: z.uuid(),
  role: standStaffRoleSchema,
});
export type AcceptedInvitation = z.infer<typeof acceptedInvitationSchema>;

export const invitationAccountSchema = acceptedInvitationSchema.extend({ user: sessionUserSchema });
export type InvitationAccount = z.infer<typeof invitationAccountSchema>;
