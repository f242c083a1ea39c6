/** Consent checks shared by the domains that show a candidate's data to a stand. */
import { and, eq, isNull } from "drizzle-orm";
import { users } from "../auth/auth.schema.js";
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

/**
 * Records the candidate's consent for a stand unless one is already active;
 * true when a new one was written. The candidate's account row is locked, so
 * two requests at once never leave two active consents for the same stand.
 */
export async function recordConsent(
  tx: Pick<Database, "select" | "insert">,
  standId: string,
  candidateId: string,
): Promise<boolean> {
  await tx.select({ id: users.id }).from(users).where(eq(users.id, candidateId)).for("update");
  if (await hasActiveConsent(tx, standId, candidateId)) return false;
  await tx.insert(profileConsents).values({ standId, candidateId });
  return true;
}
