/** The fair hall as the public API shows it: fairs, stands and their vacancies. */
import { z } from "zod";
import { cefrLevelSchema, languageSchema, localizedTextSchema } from "./language.js";

export const FAIR_STATUSES = ["draft", "registration_open", "live", "closed"] as const;
export const fairStatusSchema = z.enum(FAIR_STATUSES);
export type FairStatus = z.infer<typeof fairStatusSchema>;

export const STAND_KINDS = ["employer", "temp_agency", "information"] as const;
export const standKindSchema = z.enum(STAND_KINDS);
export type StandKind = z.infer<typeof standKindSchema>;

export const CONTRACT_TYPES = ["permanent", "fixed_term", "temporary", "apprenticeship"] as const;
export const contractTypeSchema = z.enum(CONTRACT_TYPES);
export type ContractType = z.infer<typeof contractTypeSchema>;

/** ISO 3166-1 alpha-2 country code, upper case. */
export const countryCodeSchema = z.string().regex(/^[A-Z]{2}$/, "two upper-case letters");

/** One fair day's opening hours, in the fair's time zone. */
export const openingHoursSchema = z
  .object({
    date: z.iso.date(),
    opens: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM"),
    closes: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM"),
  })
  .refine((hours) => hours.opens < hours.closes, {
    message: "closes after it opens",
    path: ["closes"],
  });
export type OpeningHours = z.infer<typeof openingHoursSchema>;

export const fairSummarySchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: localizedTextSchema,
  description: localizedTextSchema,
  status: fairStatusSchema,
  timeZone: z.string(),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  languages: z.array(languageSchema),
  organisers: z.array(z.string()),
  openingHours: z.array(openingHoursSchema),
  /** null: open as soon as the fair takes registrations. */
  registrationOpensAt: z.iso.datetime({ offset: true }).nullable(),
  /** null: open until the fair ends. */
  registrationClosesAt: z.iso.datetime({ offset: true }).nullable(),
  /** Whether a candidate waits for the organiser's approval before joining queues. */
  registrationNeedsApproval: z.boolean(),
});
export type FairSummary = z.infer<typeof fairSummarySchema>;

export const requiredLanguageSchema = z.object({
  language: languageSchema,
  level: cefrLevelSchema,
});

export const vacancySummarySchema = z.object({
  id: z.uuid(),
  title: localizedTextSchema,
  originalLanguage: languageSchema,
  contractType: contractTypeSchema,
  country: countryCodeSchema,
  region: z.string(),
  openings: z.number().int().positive(),
  requiredLanguages: z.array(requiredLanguageSchema),
});
export type VacancySummary = z.infer<typeof vacancySummarySchema>;

export const standSummarySchema = z.object({
  id: z.uuid(),
  kind: standKindSchema,
  organisationName: z.string(),
  description: localizedTextSchema,
  sector: z.string(),
  country: countryCodeSchema,
  region: z.string(),
  languages: z.array(languageSchema),
  /** An http(s) image address given by the stand; null shows the organisation's initials. */
  logoUrl: z.string().nullable(),
  vacancies: z.array(vacancySummarySchema),
});
export type StandSummary = z.infer<typeof standSummarySchema>;

export const fairHallSchema = z.object({
  fair: fairSummarySchema,
  stands: z.array(standSummarySchema),
});
export type FairHall = z.infer<typeof fairHallSchema>;

const noNul = (value: string) => !value.includes("\u0000");

/** A brochure or link shown on a stand page (no NUL: PostgreSQL's jsonb cannot store it). */
export const standDocumentSchema = z.object({
  title: z.string().trim().min(1).max(200).refine(noNul, "no NUL characters"),
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .refine(noNul, "no NUL characters"),
});
export type StandDocument = z.infer<typeof standDocumentSchema>;

export const APPROVAL_STATUSES = ["pending", "approved", "rejected"] as const;
export const approvalStatusSchema = z.enum(APPROVAL_STATUSES);
export type ApprovalStatus = z.infer<typeof approvalStatusSchema>;

export const VACANCY_STATUSES = ["open", "filled", "closed"] as const;
export const vacancyStatusSchema = z.enum(VACANCY_STATUSES);
export type VacancyStatus = z.infer<typeof vacancyStatusSchema>;

export const STAND_STAFF_ROLES = ["stand_admin", "recruiter"] as const;
export const standStaffRoleSchema = z.enum(STAND_STAFF_ROLES);
export type StandStaffRole = z.infer<typeof standStaffRoleSchema>;
