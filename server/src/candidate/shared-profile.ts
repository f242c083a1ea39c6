/**
 * The part of a candidate's profile a stand's staff may see (`SharedProfile`):
 * which fields, and the one query that reads it, only for candidates whose
 * consent for the stand is active at the moment of reading. The live queue
 * (cached briefly, queue.repository.ts) and the stand's applications (read
 * fresh, application.views.ts) both show it from here.
 */
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { SharedProfile } from "@crossfair/shared";
import { users } from "../auth/auth.schema.js";
import type { Database } from "../plugins/db.js";
import { candidateProfiles, profileConsents } from "./candidate.schema.js";

type Reader = Pick<Database, "select">;

/** Profiles of the given candidates whose consent to share with this stand is active now. */
export async function consentedProfiles(
  db: Reader,
  standId: string,
  candidateIds: readonly string[],
): Promise<Map<string, SharedProfile>> {
  const profiles = new Map<string, SharedProfile>();
  if (candidateIds.length === 0) return profiles;
  const rows = await db
    .select({
      candidateId: users.id,
      displayName: users.displayName,
      profile: {
        country: candidateProfiles.country,
        region: candidateProfiles.region,
        languages: candidateProfiles.languages,
        sectors: candidateProfiles.sectors,
        pitch: candidateProfiles.pitch,
      },
    })
    .from(profileConsents)
    .innerJoin(users, eq(users.id, profileConsents.candidateId))
    .leftJoin(candidateProfiles, eq(candidateProfiles.userId, profileConsents.candidateId))
    .where(
      and(
        eq(profileConsents.standId, standId),
        inArray(profileConsents.candidateId, [...candidateIds]),
        isNull(profileConsents.revokedAt),
      ),
    );
  for (const { candidateId, displayName, profile } of rows) {
    // A candidate who never filled in a profile still shares their name.
    profiles.set(candidateId, {
      displayName,
      country: profile?.country ?? "",
      region: profile?.region ?? "",
      languages: profile?.languages ?? [],
      sectors: profile?.sectors ?? [],
      pitch: profile?.pitch ?? "",
    });
  }
  return profiles;
}
