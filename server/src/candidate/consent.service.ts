/**
 * A candidate's consents to show their profile (and CV) to stands: the list,
 * giving one and revoking one. Consents are never deleted, a revocation only
 * dates them, so the candidate's export shows the whole story. Listeners hear
 * every change at once: the live queue drops its cached copy of the profile,
 * so a revoked profile leaves the staff console without waiting for a cache.
 */
import type { DomainEvents } from "../events/domain-events.js";
import { and, eq, isNull } from "drizzle-orm";
import { ErrorCode, type ProfileConsent } from "@crossfair/shared";
import { stands } from "../stand/stand.schema.js";
import type { Database } from "../plugins/db.js";
import { AppError } from "../plugins/errors.js";
import { profileConsents } from "./candidate.schema.js";
import { consentsOf, recordConsent } from "./consents.js";

export interface ConsentChange {
  standId: string;
  candidateId: string;
  active: boolean;
  /** On a revocation: whether a consent in force was on record (false: none, or one on its way). */
  wasInForce?: boolean;
}

export class ConsentService {
  /** `events` hears of every consent given or revoked (`consent.changed`). */
  constructor(
    private readonly db: Database,
    private readonly events: Pick<DomainEvents, "emit">,
  ) {}

  /** Tells the other domains about a change (also one written elsewhere: an application). */
  async announce(change: ConsentChange): Promise<void> {
    await this.events.emit("consent.changed", change);
  }

  /** Every consent of the candidate, newest first, revoked ones included. */
  list(candidateId: string): Promise<ProfileConsent[]> {
    return consentsOf(this.db, candidateId, { order: "newest" });
  }

  /** Gives consent to an approved stand; an already active consent is returned as it is. */
  async give(
    candidateId: string,
    standId: string,
  ): Promise<{ consent: ProfileConsent; created: boolean }> {
    const [stand] = await this.db
      .select({ id: stands.id })
      .from(stands)
      .where(and(eq(stands.id, standId), eq(stands.approvalStatus, "approved")))
      .limit(1);
    if (!stand) throw new AppError(ErrorCode.notFound, "no such stand", "standId");
    const created = await recordConsent(this.db, standId, candidateId);
    const [consent] = await consentsOf(this.db, candidateId, {
      order: "newest",
      activeFor: standId,
    });
    if (!consent) throw new Error("the consent just recorded is not there");
    if (created) await this.announce({ standId, candidateId, active: true });
    return { consent, created };
  }

  /**
   * Revokes the active consent for the stand, if any; revoking twice changes
   * nothing. Listeners hear it even when no consent was on record yet (the
   * live queue writes a join's consent a moment after the join): the
   * candidate's place at the stand goes either way.
   */
  async revoke(candidateId: string, standId: string): Promise<void> {
    const revoked = await this.db
      .update(profileConsents)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(profileConsents.candidateId, candidateId),
          eq(profileConsents.standId, standId),
          isNull(profileConsents.revokedAt),
        ),
      )
      .returning({ id: profileConsents.id });
    await this.announce({ standId, candidateId, active: false, wasInForce: revoked.length > 0 });
  }

  /**
   * A revocation of a consent still on its way (a queue join's consent is
   * written through the queue's outbox a moment after the join): a row given
   * and revoked now, so the outbox skips any consent given before it.
   */
  async revokeUnrecorded(candidateId: string, standId: string): Promise<void> {
    const now = new Date();
    await this.db
      .insert(profileConsents)
      .values({ candidateId, standId, givenAt: now, revokedAt: now });
  }
}
