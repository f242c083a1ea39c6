/**
 * The candidate domain as one module: the candidate's profile, languages and
 * CV, the data export and account deletion, and the consents that let a
 * stand see the profile. It emits `consent.changed` and `account.deleted`.
 */
import type { AuthModule } from "../auth/auth.module.js";
import type { Platform } from "../platform.js";
import { candidateRoutes } from "./candidate.routes.js";
import { CandidateService } from "./candidate.service.js";
import { consentRoutes } from "./consent.routes.js";
import { ConsentService } from "./consent.service.js";
import { CvStorage } from "./cv.storage.js";

export interface CandidateModule {
  readonly consents: ConsentService;
}

export async function startCandidateModule(
  { config, db, http, events }: Platform,
  { auth, guard }: AuthModule,
): Promise<CandidateModule> {
  const candidates = new CandidateService({
    db,
    cvs: new CvStorage(config.dataDir),
    cvMaxBytes: config.CV_MAX_BYTES,
    events,
    auth,
  });
  await http.register(candidateRoutes, { auth, candidates });
  const consents = new ConsentService(db, events);
  await http.register(consentRoutes, { consents, guard });
  return { consents };
}
