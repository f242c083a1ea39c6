/**
 * Consents as every domain that shows a candidate's data to a stand reads and
 * writes them: whether one is in force, recording one, and the candidate's own
 * list of them (their consents page and their data export).
 */
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import type { ProfileConsent } from "@crossfair/shared";
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
 * Records the candidate's consent for a stand unless one is already in force;
 * true when a new one was written. One statement: the partial unique index on
 * consents in force makes two requests at once leave exactly one.
 */
export async function recordConsent(
  db: Pick<Database, "insert">,
  standId: string,
  candidateId: string,
): Promise<boolean> {
  const written = await db
    .insert(profileConsents)
    .values({ standId, candidateId })
    .onConflictDoNothing({
      target: [profileConsents.candidateId, profileConsents.standId],
      where: sql`${profileConsents.revokedAt} is null`,
    })
    .returning({ id: profileConsents.id });
  return written.length > 0;
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
