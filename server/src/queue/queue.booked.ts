/**
 * Booked slots' calls: at slot time the booked candidate is called exactly as
 * a walk-in is (the same `queue:called`, the same answer and interview), by
 * the slot's recruiter, or for a slot of the whole stand by whichever of its
 * staff has the console open and nothing on. The call's grace runs from the
 * slot's start. Answers that end a booked call (accepted, declined, not
 * answered) are told to `BookedCallListener`, which the module turns into the
 * `booking.answered` domain event.
 */
import { BOOKED_CALL_GRACE_MINUTES } from "@crossfair/shared";
import { standRef, type QueueDeps } from "./queue.rules.js";

export type { BookedCallAnswer, BookedCallListener } from "./queue.rules.js";

export interface BookedCallRequest {
  bookingId: string;
  standId: string;
  candidateId: string;
  /** The slot's recruiter; null for a slot of the whole stand. */
  recruiterId: string | null;
  startsAt: number;
  /** The slot's end: its interview is planned to end then. */
  endsAt: number;
}

/**
 * `busy`: no one who may take it is at their console and free, or the candidate
 * is busy elsewhere: try again shortly. `late`: the grace is over.
 */
export type BookedCallResult =
  | { status: "called" | "already"; recruiterId: string; deadline: number }
  | { status: "busy" | "late" };

export const BOOKED_CALL_GRACE_MS = BOOKED_CALL_GRACE_MINUTES * 60_000;

export class BookedCalls {
  constructor(
    private readonly deps: QueueDeps,
    private readonly log: { error(obj: object, message: string): void } = console,
  ) {}

  async call(request: BookedCallRequest): Promise<BookedCallResult> {
    const { standId, candidateId, bookingId } = request;
    const now = this.deps.clock();
    const deadline = request.startsAt + BOOKED_CALL_GRACE_MS;
    if (now >= deadline) return { status: "late" };
    const ref = await standRef(this.deps.repository, standId);
    for (const recruiterId of await this.#takers(request, now)) {
      const membership = await this.deps.repository.staffMembership(standId, recruiterId);
      if (!membership) continue;
      const outcome = await this.deps.store.callBooked({
        ...ref,
        candidateId,
        recruiterId,
        languages: await this.deps.repository.candidateLanguages(candidateId),
        bookingId,
        deadline,
        plannedEndsAt: request.endsAt,
        now,
      });
      if (outcome.status === "candidate_busy") return { status: "busy" };
      if (outcome.status === "recruiter_busy") continue;
      const calledBy = outcome.entry.recruiterId ?? recruiterId;
      if (outcome.status === "called") {
        this.deps.notifier.called(candidateId, {
          standId,
          deadline,
          serverTime: now,
          recruiterName: membership.displayName,
          booked: true,
        });
        this.deps.notifier.candidateChanged(candidateId);
        this.deps.notifier.standChanged(standId);
        // A candidate away from the fair is mailed (the mail domain follows it), not awaited.
        const called = { fairId: ref.fairId, standId, candidateId, deadline };
        this.deps.events?.emit("queue.called", called).catch((error: unknown) => {
          this.log.error({ err: error }, "a subscriber to queue.called failed");
        });
      }
      return { status: outcome.status, recruiterId: calledBy, deadline };
    }
    return { status: "busy" };
  }

  /**
   * Who may take the call, among the stand's staff at their consoles, unpaused
   * (most recently seen first): the slot's recruiter only, when it has one.
   */
  async #takers(request: BookedCallRequest, now: number): Promise<string[]> {
    const view = await this.deps.store.standView(
      await standRef(this.deps.repository, request.standId),
    );
    const activeSince = now - this.deps.timings.recruiterActiveMs;
    const active = view.recruiters
      .filter((recruiter) => !recruiter.paused && recruiter.seen >= activeSince)
      .sort((a, b) => b.seen - a.seen)
      .map((recruiter) => recruiter.recruiterId);
    if (!request.recruiterId) return active;
    return active.includes(request.recruiterId) ? [request.recruiterId] : [];
  }
}
