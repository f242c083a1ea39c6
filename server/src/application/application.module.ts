/**
 * The application domain as one module: a candidate's online applications to
 * vacancies and the pipeline a stand moves them through. Stands see an
 * applicant's profile only with the candidate's consent.
 */
import type { AuthModule } from "../auth/auth.module.js";
import type { CandidateModule } from "../candidate/candidate.module.js";
import type { Platform } from "../platform.js";
import { applicationRoutes } from "./application.routes.js";
import { ApplicationService } from "./application.service.js";

export async function startApplicationModule(
  { db, http }: Platform,
  { guard }: AuthModule,
  { consents }: CandidateModule,
): Promise<void> {
  await http.register(applicationRoutes, {
    applications: new ApplicationService(db, consents),
    guard,
  });
}
