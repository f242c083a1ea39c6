/** Consent checks shared by the domains that show a candidate's data to a stand. */
import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "../plugins/db.js";
import { profileConsents } from "./candidate.schema.js";

/** Whether a candidate's consent to share their profile with a stand is in force. */
export async function hasActiveConsent(
  db: Pick<Database, "select">,
  standId: string,
  candidateId: string,
): Promise<boolean> {
  const [consent] = await db
    .select({ id: profileConsents.id })
    .from(profileConsents)
    .where(
      and(
        eq(profileConsents.standId, standId),
        eq(profileConsents.candidateId, candidateId),
        isNull(profileConsents.revokedAt),
      ),
    )
    .limit(1);
  return consent !== undefined;
}
