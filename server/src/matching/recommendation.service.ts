/**
 * Reads what the ranking needs (the candidate's profile, the current fair's
 * open vacancies at approved stands) in two queries, and ranks them. It reads
 * the candidate and stand domains' tables and writes nothing.
 */
import { and, eq } from "drizzle-orm";
import { RECOMMENDATIONS_MAX, type Recommendations } from "@crossfair/shared";
import { candidateProfiles } from "../candidate/candidate.schema.js";
import { currentFair } from "../fair/fair.lookup.js";
import type { Database } from "../plugins/db.js";
import { stands, vacancies } from "../stand/stand.schema.js";
import { rankVacancies } from "./recommendation-ranking.js";

export class RecommendationService {
  constructor(private readonly db: Database) {}

  async forCandidate(candidateId: string): Promise<Recommendations> {
    const [profile] = await this.db
      .select()
      .from(candidateProfiles)
      .where(eq(candidateProfiles.userId, candidateId))
      .limit(1);
    if (!profile) return { hasProfile: false, languages: [], recommendations: [] };
    const fair = await currentFair(this.db);
    const open = await this.db
      .select({
        vacancyId: vacancies.id,
        standId: stands.id,
        standName: stands.organisationName,
        title: vacancies.title,
        sector: vacancies.sector,
        country: vacancies.country,
        region: vacancies.region,
        openings: vacancies.openings,
        requiredLanguages: vacancies.requiredLanguages,
      })
      .from(vacancies)
      .innerJoin(stands, eq(stands.id, vacancies.standId))
      .where(
        and(
          eq(stands.fairId, fair.id),
          eq(stands.approvalStatus, "approved"),
          eq(vacancies.status, "open"),
        ),
      );
    return {
      hasProfile: true,
      languages: profile.languages,
      recommendations: rankVacancies(profile, open, RECOMMENDATIONS_MAX),
    };
  }
}
