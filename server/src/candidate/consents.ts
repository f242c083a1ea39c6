/**
 * Consents as every domain that shows a candidate's data to a stand reads and
 * writes them: whether one is in force, recording one, and the candidate's own
 * list of them (their consents page and their data export).
 */
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import type { ProfileConsent } from "@crossfair/shared";
import { stands } from "../stand/stand.schema.js";
import type { Database, Transaction } from "../plugins/db.js";
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

/**
 * The queue outbox's consents (given when joining a queue), many at once: each
 * is in force from `at`, unless one is in force already (the partial
 * unique index decides, so a consent given at the same time through the API
 * leaves one), or the candidate revoked their consent for the stand at or
 * after `at`: that revocation came later than this consent, and wins.
 */
export async function recordConsentsFromOutbox(
  tx: Pick<Transaction, "execute">,
  rows: { candidateId: string; standId: string; at: string }[],
): Promise<void> {
  const values = sql.join(
    rows.map(
      (row) => sql`(${row.candidateId}::uuid, ${row.standId}::uuid, ${row.at}::timestamptz)`,
    ),
    sql`, `,
  );
  await tx.execute(sql`
    insert into ${profileConsents} (candidate_id, stand_id, given_at)
    select given.candidate_id, given.stand_id, given.at
    from (values ${values}) as given (candidate_id, stand_id, at)
    where not exists (
      select 1 from ${profileConsents} as later
      where later.candidate_id = given.candidate_id and later.stand_id = given.stand_id
        and later.revoked_at >= given.at
    )
    order by given.at
    on conflict (candidate_id, stand_id) where revoked_at is null do nothing`);
}
