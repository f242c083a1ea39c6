/**
 * The staff side of a stand's queue: the console view (the head of the line
 * in full, with the profiles and answers candidates agreed to share, and
 * counts for the rest), call next, pause, and opening or closing the stand.
 * Only the stand's staff act; a fair admin may watch.
 */
import {
  DEFAULT_INTERVIEW_MINUTES,
  ErrorCode,
  STAFF_QUEUE_HEAD_SIZE,
  averageMs,
  type Language,
  type SessionUser,
  type StaffQueue,
} from "@crossfair/shared";
import { AppError } from "../plugins/errors.js";
import { BOOKED_CALL_GRACE_MS } from "./queue.booked.js";
import type { StaffMembership } from "./queue.repository.js";
import {
  activeRecruiters,
  notifyRemoved,
  requireUser,
  standRef,
  type QueueDeps,
} from "./queue.rules.js";

export class StaffQueueService {
  readonly #log: { error(obj: object, message: string): void };

  constructor(
    private readonly deps: QueueDeps,
    log: { error(obj: object, message: string): void } = console,
  ) {
    this.#log = log;
  }

  /** Whether the user may see the stand's console (its staff, or a fair admin). */
  async mayWatch(user: SessionUser | null, standId: string): Promise<boolean> {
    if (!user) return false;
    if (user.role === "fair_admin") return true;
    return (await this.deps.repository.staffMembership(standId, user.id)) !== null;
  }

  /** Stand staff see the queue; a fair admin may watch it too. */
  async staffQueue(user: SessionUser | null, standId: string): Promise<StaffQueue> {
    const viewer = requireUser(user);
    const membership = await this.deps.repository.staffMembership(standId, viewer.id);
    if (!membership && viewer.role !== "fair_admin") {
      throw new AppError(ErrorCode.forbidden, "only this stand's staff can see its queue");
    }
    return this.buildStaffQueue(standId, viewer, membership);
  }

  /** The staff view for a viewer already admitted to the console. */
  async staffQueueFor(viewer: SessionUser, standId: string): Promise<StaffQueue> {
    return this.buildStaffQueue(
      standId,
      viewer,
      await this.deps.repository.staffMembership(standId, viewer.id),
    );
  }

  private async buildStaffQueue(
    standId: string,
    viewer: Pick<SessionUser, "id" | "uiLanguage">,
    membership: StaffMembership | null,
  ): Promise<StaffQueue> {
    const head = await this.deps.store.standHead(
      await standRef(this.deps.repository, standId),
      STAFF_QUEUE_HEAD_SIZE,
    );
    const ids = head.entries.map((entry) => entry.candidateId);
    const [profiles, answers] = await Promise.all([
      this.deps.repository.sharedProfiles(standId, ids),
      this.deps.repository.screeningAnswers(standId, ids, viewer.uiLanguage),
    ]);
    const now = this.deps.clock();
    const recruiter = head.recruiters.find((entry) => entry.recruiterId === viewer.id);
    return {
      standId,
      open: head.open,
      paused: membership ? (recruiter?.paused ?? false) : true,
      queueLength: head.queueLength,
      waiting: head.waiting,
      averageInterviewMs: averageMs(head.recentDurationsMs),
      activeRecruiters: activeRecruiters(head, now, this.deps.timings),
      entries: head.entries.map((entry) => {
        // Answers travel with the profile: neither shows without consent on record.
        const profile = profiles.get(entry.candidateId) ?? null;
        return {
          candidateId: entry.candidateId,
          ticket: entry.ticket,
          state: entry.state,
          frozen: entry.frozen,
          online: entry.lastSeen >= now - this.deps.timings.onlineWindowMs,
          noShows: entry.noShows,
          booked: entry.bookingId !== undefined,
          profile,
          answers: profile ? (answers.get(entry.candidateId) ?? []) : [],
        };
      }),
    };
  }

  async callNext(user: SessionUser | null, standId: string): Promise<string | null> {
    const { recruiter, membership } = await this.#requireStaff(user, standId);
    await this.#requireTakingCandidates(standId);
    await this.#requireNoSlotDue(standId, recruiter.id);
    const ref = await standRef(this.deps.repository, standId);
    const now = this.deps.clock();
    const outcome = await this.deps.store.callNext({
      ...ref,
      recruiterId: recruiter.id,
      languages: membership.languages,
      deadline: now + this.deps.timings.callTimeoutMs,
      onlineSince: now - this.deps.timings.onlineWindowMs,
      now,
    });
    if (outcome.status === "stand_closed")
      throw new AppError(ErrorCode.standClosed, "the stand is closed");
    if (outcome.status === "paused") {
      throw new AppError(ErrorCode.conflict, "you are paused; resume to take candidates");
    }
    if (outcome.status === "recruiter_busy") {
      throw new AppError(
        ErrorCode.recruiterBusy,
        "finish your open call or interview before calling the next candidate",
      );
    }
    if (outcome.status === "empty") return null;
    const deadline = outcome.entry.callDeadline ?? now + this.deps.timings.callTimeoutMs;
    this.deps.notifier.called(outcome.candidateId, {
      standId,
      deadline,
      serverTime: now,
      recruiterName: membership.displayName,
    });
    this.deps.notifier.candidateChanged(outcome.candidateId);
    this.#tellCalled({ ...ref, candidateId: outcome.candidateId, deadline });
    return outcome.candidateId;
  }

  async setPaused(user: SessionUser | null, standId: string, paused: boolean): Promise<void> {
    const { recruiter, membership } = await this.#requireStaff(user, standId);
    await this.recruiterSeen(standId, recruiter.id, membership.languages, paused);
    this.deps.notifier.standChanged(standId);
  }

  async setOpen(user: SessionUser | null, standId: string, open: boolean): Promise<void> {
    const { recruiter } = await this.#requireStaff(user, standId);
    if (open) await this.#requireTakingCandidates(standId);
    const ref = await standRef(this.deps.repository, standId);
    const removed = await this.deps.store.setStandOpen(ref, open, recruiter.id, this.deps.clock());
    for (const candidateId of removed) {
      notifyRemoved(this.deps.notifier, candidateId, standId, "stand_closed");
    }
  }

  /** Heartbeat of a recruiter's console; keeps their pause flag unless given. */
  async recruiterSeen(
    standId: string,
    recruiterId: string,
    languages: Language[],
    paused?: boolean,
  ): Promise<void> {
    const now = this.deps.clock();
    const ref = await standRef(this.deps.repository, standId);
    const view = await this.deps.store.standView(ref);
    const previous = view.recruiters.find((entry) => entry.recruiterId === recruiterId);
    const nextPaused = paused ?? previous?.paused ?? false;
    await this.deps.store.upsertRecruiter(ref, {
      recruiterId,
      languages,
      paused: nextPaused,
      seen: now,
    });
    // Wait estimates depend on who is active: tell watchers when this recruiter starts counting.
    const wasActive =
      previous !== undefined &&
      !previous.paused &&
      previous.seen >= now - this.deps.timings.recruiterActiveMs;
    if (wasActive !== !nextPaused) this.deps.notifier.standChanged(standId);
  }

  /** Whether someone is (still) on a stand's staff, and in which languages. */
  membership(standId: string, userId: string): Promise<StaffMembership | null> {
    return this.deps.repository.staffMembership(standId, userId);
  }

  async recruiterGone(standId: string, recruiterId: string): Promise<void> {
    await this.deps.store.removeRecruiter(
      await standRef(this.deps.repository, standId),
      recruiterId,
    );
    this.deps.notifier.standChanged(standId);
  }

  /**
   * Tells the other domains of the call (a candidate away from the app gets a mail) behind the
   * answer: the recruiter's call never waits for a subscriber, and a failing one does not fail it.
   */
  #tellCalled(event: { fairId: string; standId: string; candidateId: string; deadline: number }) {
    this.deps.events?.emit("queue.called", event).catch((error: unknown) => {
      this.#log.error({ err: error }, "a subscriber to queue.called failed");
    });
  }

  /**
   * A walk-in's interview must not run into the recruiter's own booked slot:
   * none may start (or be in its grace) before a walk-in called now would end.
   * A slot of the whole stand does not hold anyone back; whoever is free takes it.
   */
  async #requireNoSlotDue(standId: string, recruiterId: string): Promise<void> {
    if (!this.deps.slots) return;
    const now = this.deps.clock();
    const minutes = (await this.deps.repository.standInfo(standId))?.interviewMinutes;
    const walkInEnd = now + (minutes ?? DEFAULT_INTERVIEW_MINUTES) * 60_000;
    const from = new Date(now - BOOKED_CALL_GRACE_MS);
    const due = await this.deps.slots.dueFor(standId, recruiterId, from, new Date(walkInEnd));
    if (due?.recruiterId === recruiterId) {
      throw new AppError(
        ErrorCode.slotDue,
        `your booked slot at ${due.startsAt.toISOString()} starts before a walk-in interview would end`,
      );
    }
  }

  /** Only an approved stand at a live fair calls or opens (its queue ended otherwise). */
  async #requireTakingCandidates(standId: string): Promise<void> {
    const stand = await this.deps.repository.standInfo(standId);
    if (!stand?.approved) throw new AppError(ErrorCode.standClosed, "the stand is not approved");
    if (!stand.fairLive) throw new AppError(ErrorCode.standClosed, "the fair is not live");
  }

  async #requireStaff(user: SessionUser | null, standId: string) {
    const recruiter = requireUser(user);
    const membership = await this.deps.repository.staffMembership(standId, recruiter.id);
    if (!membership) throw new AppError(ErrorCode.forbidden, "only this stand's staff can do this");
    return { recruiter, membership };
  }
}
