/**
 * "Vacancies for you": the fair's open vacancies ranked for one candidate by
 * language fit, sector, region and commute, each with the reasons it ranks
 * where it does, so the page can say why. Computed on the server
 * (`server/src/matching/`); the reasons are codes the client words.
 */
import { z } from "zod";
import { cefrLevelSchema, languageSchema, localizedTextSchema } from "../domain/language.js";
import { countryCodeSchema, requiredLanguageSchema } from "../domain/fair.js";

export const languageAskSchema = z.object({
  language: languageSchema,
  asked: cefrLevelSchema,
  have: cefrLevelSchema.nullable(),
  meets: z.boolean(),
});

export const recommendationReasonSchema = z.discriminatedUnion("kind", [
  /** Every language asked is met (the asks, with the candidate's levels). */
  z.object({ kind: z.literal("languages_met"), asks: z.array(languageAskSchema) }),
  /** The vacancy asks no language. */
  z.object({ kind: z.literal("no_language_asked") }),
  /** Some language asked is not met: the ones short. */
  z.object({ kind: z.literal("languages_short"), asks: z.array(languageAskSchema) }),
  /** One of the candidate's sectors. */
  z.object({ kind: z.literal("sector"), sector: z.string() }),
  /** In the candidate's own region. */
  z.object({ kind: z.literal("region"), region: z.string() }),
  /** In the candidate's own country. */
  z.object({ kind: z.literal("same_country"), country: countryCodeSchema }),
  /** Across a border the candidate can commute over: residence and workplace countries are neighbours. */
  z.object({ kind: z.literal("cross_border"), from: countryCodeSchema, to: countryCodeSchema }),
]);
export type RecommendationReason = z.infer<typeof recommendationReasonSchema>;

export const recommendationSchema = z.object({
  vacancyId: z.uuid(),
  standId: z.uuid(),
  standName: z.string(),
  title: localizedTextSchema,
  sector: z.string(),
  country: countryCodeSchema,
  region: z.string(),
  openings: z.number().int(),
  requiredLanguages: z.array(requiredLanguageSchema),
  /** Higher first; comparable within one answer only. */
  score: z.number(),
  fits: z.boolean(),
  reasons: z.array(recommendationReasonSchema),
});
export type Recommendation = z.infer<typeof recommendationSchema>;

export const RECOMMENDATIONS_MAX = 10;

export const recommendationsSchema = z.object({
  /** False when the candidate has no profile yet: nothing to rank by, and the page says so. */
  hasProfile: z.boolean(),
  /** The candidate's languages and levels, for the fit badges on every vacancy (empty without a profile). */
  languages: z.array(requiredLanguageSchema),
  recommendations: z.array(recommendationSchema).max(RECOMMENDATIONS_MAX),
});
export type Recommendations = z.infer<typeof recommendationsSchema>;
