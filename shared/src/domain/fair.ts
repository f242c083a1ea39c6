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
  vacancies: z.array(vacancySummarySchema),
});
export type StandSummary = z.infer<typeof standSummarySchema>;

export const fairHallSchema = z.object({
  fair: fairSummarySchema,
  stands: z.array(standSummarySchema),
});
export type FairHall = z.infer<typeof fairHallSchema>;
