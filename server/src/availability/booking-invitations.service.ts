/**
 * Staff's invitations to book a slot. Stand staff may invite a candidate who
 * applied to one of the stand's vacancies or queued at the stand (anyone else
 * is `not_applicant`, told the same whether the account exists or not); one
 * candidate is invited to one stand at most once in
 * `BOOKING_INVITATION_REPEAT_HOURS` (`already_invited`), so no stand can
 * flood a mailbox. The invitation is stored, then told as `booking.invited`
 * (the mail domain writes to the candidate).
 */
import { and, eq, gt } from "drizzle-orm";
import {
  BOOKING_INVITATION_REPEAT_HOURS,
  ErrorCode,
  type BookingInvitation,
} from "@crossfair/shared";
import { applications } from "../application/application.schema.js";
import type { DomainEvents } from "../events/domain-events.js";
import type { Database } from "../plugins/db.js";
import { AppError } from "../plugins/errors.js";
import { queueEvents } from "../queue/queue.schema.js";
import { stands } from "../stand/stand.schema.js";
import { bookingInvitations } from "./availability.schema.js";

export class BookingInvitationService {
  constructor(
    private readonly db: Database,
    private readonly events: Pick<DomainEvents, "emit">,
    private readonly clock: () => number = Date.now,
  ) {}

  async invite(input: {
    standId: string;
    invitedBy: string;
    candidateId: string;
    message: string;
  }): Promise<BookingInvitation> {
    const { standId, candidateId, invitedBy, message } = input;
    const { invitation, fairId } = await this.db.transaction(async (tx) => {
      // One invitation at a time per stand: two staff members clicking at once send one mail.
      const [stand] = await tx
        .select({ fairId: stands.fairId })
        .from(stands)
        .where(eq(stands.id, standId))
        .for("no key update");
      if (!stand) throw new AppError(ErrorCode.notFound, "no such stand");
      if (!(await this.#metAtStand(tx, standId, candidateId))) {
        throw new AppError(
          ErrorCode.notApplicant,
          "only a candidate who applied to or queued at this stand can be invited",
          "candidateId",
        );
      }
      const since = new Date(this.clock() - BOOKING_INVITATION_REPEAT_HOURS * 3_600_000);
      const [recent] = await tx
        .select({ id: bookingInvitations.id })
        .from(bookingInvitations)
        .where(
          and(
            eq(bookingInvitations.standId, standId),
            eq(bookingInvitations.candidateId, candidateId),
            gt(bookingInvitations.invitedAt, since),
          ),
        )
        .limit(1);
      if (recent) {
        throw new AppError(
          ErrorCode.alreadyInvited,
          `this candidate was invited to book here in the last ${BOOKING_INVITATION_REPEAT_HOURS} hours`,
        );
      }
      const [row] = await tx
        .insert(bookingInvitations)
        .values({ standId, candidateId, invitedBy, message, invitedAt: new Date(this.clock()) })
        .returning();
      return { invitation: row!, fairId: stand.fairId };
    });
    await this.events.emit("booking.invited", {
      invitationId: invitation.id,
      standId,
      fairId,
      candidateId,
      invitedBy,
      message,
    });
    return {
      id: invitation.id,
      standId,
      candidateId,
      invitedAt: invitation.invitedAt.toISOString(),
      message: invitation.message,
    };
  }

  /** Whether the candidate applied to one of the stand's vacancies or joined its queue. */
  async #metAtStand(
    tx: Pick<Database, "select">,
    standId: string,
    candidateId: string,
  ): Promise<boolean> {
    const [applied] = await tx
      .select({ id: applications.id })
      .from(applications)
      .where(and(eq(applications.standId, standId), eq(applications.candidateId, candidateId)))
      .limit(1);
    if (applied) return true;
    const [queued] = await tx
      .select({ id: queueEvents.id })
      .from(queueEvents)
      .where(
        and(
          eq(queueEvents.standId, standId),
          eq(queueEvents.candidateId, candidateId),
          eq(queueEvents.type, "join"),
        ),
      )
      .limit(1);
    return queued !== undefined;
  }
}
