/**
 * Matching as one module: "vacancies for you", ranked for a candidate by
 * language fit, sector, region and commute (recommendation-ranking.ts). It
 * reads the candidate and stand domains' tables and writes nothing.
 */
import { RECOMMENDATION_API } from "@crossfair/shared";
import type { AuthModule } from "../auth/auth.module.js";
import type { Platform } from "../platform.js";
import { contractRoute } from "../plugins/contract-route.js";
import { RecommendationService } from "./recommendation.service.js";

export async function startMatchingModule(
  { db, http }: Platform,
  { guard }: AuthModule,
): Promise<void> {
  const recommendations = new RecommendationService(db);
  await http.register(async (app) => {
    contractRoute(
      app,
      RECOMMENDATION_API.myRecommendations,
      { preValidation: async (request) => void (await guard.role(request, "candidate")) },
      async (request) => {
        const user = await guard.role(request, "candidate");
        return recommendations.forCandidate(user.id);
      },
    );
  });
}
