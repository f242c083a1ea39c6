/**
 * Consents as every domain that shows a candidate's data to a stand reads and
 * writes them: whether one is in force, recording one, and the candidate's own
 * list of them (their consents page and their data export).
 */
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import type { ProfileConsent } from "@crossfair/shared";
import { users } from "../auth/auth.schema.js";
import { stands } from "../fair/fair.schema.js";
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

/**
 * The candidate's consents, revoked ones included, newest or oldest first; with
 * `activeFor`, only the one in force for that stand (at most one).
 */
export async function consentsOf(
  db: Pick<Database, "select">,
  candidateId: string,
  options: { order: "newest" | "oldest"; activeFor?: string },
): Promise<ProfileConsent[]> {
  const direction = options.order === "newest" ? desc : asc;
  const rows = await db
    .select({
      standId: profileConsents.standId,
      organisationName: stands.organisationName,
      givenAt: profileConsents.givenAt,
      revokedAt: profileConsents.revokedAt,
    })
    .from(profileConsents)
    .innerJoin(stands, eq(stands.id, profileConsents.standId))
    .where(
      and(
        eq(profileConsents.candidateId, candidateId),
        options.activeFor ? eq(profileConsents.standId, options.activeFor) : undefined,
        options.activeFor ? isNull(profileConsents.revokedAt) : undefined,
      ),
    )
    .orderBy(direction(profileConsents.givenAt), direction(profileConsents.id));
  return rows.map((row) => ({
    ...row,
    givenAt: row.givenAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  }));
}
