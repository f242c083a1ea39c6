/**
 * The candidate's own data over HTTP: the profile they edit and may share
 * with stands (consents), whether a CV is on file, and the full export of
 * everything the fair keeps about them.
 */
import { z } from "zod";
import { myBookingSchema } from "./availability.js";
import { myApplicationSchema, profileConsentSchema } from "./applications.js";
import { approvalStatusSchema, countryCodeSchema, requiredLanguageSchema } from "../domain/fair.js";
import { languageSchema, LANGUAGES, localizedTextSchema } from "../domain/language.js";
import { userRoleSchema } from "../domain/user.js";

export const PITCH_MAX_LENGTH = 600;
export const SECTORS_MAX = 10;

/** Loose on purpose: numbers are written many ways across borders; staff read them, no machine dials them. */
export const contactPhoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ()./-]{4,28}[0-9]$/, "digits, spaces and + ( ) . / - only");

/** What a candidate sends to create or replace their profile (`PUT /api/me/profile`). */
export const candidateProfileBodySchema = z.object({
  country: countryCodeSchema,
  region: z.string().trim().min(1).max(120),
  languages: z
    .array(requiredLanguageSchema)
    .min(1)
    .max(LANGUAGES.length)
    .refine(
      (languages) => new Set(languages.map((entry) => entry.language)).size === languages.length,
      "each language at most once",
    ),
  sectors: z.array(z.string().trim().min(1).max(60)).max(SECTORS_MAX),
  availability: z.string().trim().max(200).default(""),
  pitch: z.string().trim().max(PITCH_MAX_LENGTH).default(""),
  contactPhone: contactPhoneSchema.nullish(),
});
/** What a client sends (defaults optional). */
export type CandidateProfileBody = z.input<typeof candidateProfileBodySchema>;
/** The body once parsed, defaults filled in. */
export type CandidateProfileInput = z.output<typeof candidateProfileBodySchema>;

export const candidateProfileSchema = z.object({
  country: countryCodeSchema,
  region: z.string(),
  languages: z.array(requiredLanguageSchema),
  sectors: z.array(z.string()),
  availability: z.string(),
  pitch: z.string(),
  contactPhone: z.string().nullable(),
  hasCv: z.boolean(),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type CandidateProfile = z.infer<typeof candidateProfileSchema>;

export const candidateProfileAnswerSchema = z.object({ profile: candidateProfileSchema });
export type CandidateProfileAnswer = z.infer<typeof candidateProfileAnswerSchema>;

const timestampSchema = z.iso.datetime({ offset: true });

/** `GET /api/me/export`: everything kept about the signed-in account, never its password hash. */
export const candidateExportSchema = z.object({
  exportedAt: timestampSchema,
  account: z.object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    role: userRoleSchema,
    uiLanguage: languageSchema,
    createdAt: timestampSchema,
    /** When the email was confirmed by its link; null until then. */
    emailVerifiedAt: timestampSchema.nullable(),
  }),
  profile: candidateProfileSchema.nullable(),
  consents: z.array(profileConsentSchema),
  /** Every fair registration and the organiser's decision on it (who decided is the fair's data). */
  registrations: z.array(
    z.object({
      fairSlug: z.string(),
      fairName: localizedTextSchema,
      status: approvalStatusSchema,
      createdAt: timestampSchema,
      decidedAt: timestampSchema.nullable(),
    }),
  ),
  /** Every application with its history; who moved it at the stand is the stand's data, not theirs. */
  applications: z.array(myApplicationSchema),
  screeningAnswers: z.array(
    z.object({
      questionId: z.uuid(),
      standId: z.uuid(),
      answer: z.string(),
      answeredAt: timestampSchema,
    }),
  ),
  queueEvents: z.array(
    z.object({
      standId: z.uuid(),
      type: z.string(),
      at: timestampSchema,
    }),
  ),
  interviews: z.array(
    z.object({
      id: z.uuid(),
      standId: z.uuid(),
      organisationName: z.string(),
      vacancyId: z.uuid().nullable(),
      status: z.enum(["live", "ended"]),
      startedAt: timestampSchema,
      endedAt: timestampSchema.nullable(),
    }),
  ),
  /** Every interview slot booked, cancelled ones included. */
  bookings: z.array(myBookingSchema),
});
export type CandidateExport = z.infer<typeof candidateExportSchema>;
