/**
 * The live queue's rules for candidates, free of transport: who may join,
 * answer a call and leave, and whom to tell. The store does the atomic part
 * and records what must last in its outbox in the same step (consent,
 * answers, queue events, the interview's start), so no operation waits on
 * PostgreSQL; the notifier does the telling. The staff side is
 * `StaffQueueService` (queue.staff.ts), reachable as `service.staff`;
 * presence, timers and removals decided elsewhere are `QueueUpkeep`
 * (queue.upkeep.ts), reachable as `service.upkeep`.
 */
import { randomUUID } from "node:crypto";
import {
  DEFAULT_INTERVIEW_MINUTES,
  ErrorCode,
  averageMs,
  type Interview,
  type MyQueue,
  type SessionUser,
  type StandQueueView,
} from "@crossfair/shared";
import { AppError } from "../plugins/errors.js";
import type { QueueNotifier } from "./queue.notifier.js";
import type { StandInfo } from "./queue.repository.js";
import {
  activeRecruiters,
  noShowRemoved,
  requireRole,
  standRef,
  type QueueDeps,
  type QueueDirectory,
  type QueueTimings,
  type RegistrationGate,
} from "./queue.rules.js";
import { BookedCalls } from "./queue.booked.js";
import { LiveQueueView } from "./queue.live.js";
import { StaffQueueService } from "./queue.staff.js";
import { QueueUpkeep } from "./queue.upkeep.js";
import type { QueueEntry, QueueStore } from "./queue.store.js";

/** What the queue needs from the interview domain: the live interview a call's acceptance opens. */
export interface InterviewStarter {
  startLive(input: {
    interviewId: string;
    fairId: string;
    standId: string;
    recruiterId: string;
    candidateId: string;
    startedAt: number;
    plannedEndsAt: number;
  }): Promise<void>;
}

/**
 * How long the interview an accepted call opens is planned to last. A walk-in
 * gets its stand's interview length; a booked slot's call passes its own
 * (`plannedMinutes`, or `plannedEndsAt` for the slot's end, epoch ms).
 */
export interface InterviewPlan {
  plannedMinutes?: number;
  plannedEndsAt?: number;
}

export class QueueService {
  /** The stand staff's side of the same queues. */
  readonly staff: StaffQueueService;
  /** The fair admins' live dashboard view of the same queues. */
  readonly live: LiveQueueView;
  /** Connections, timers and removals decided elsewhere (account deleted, registration rejected). */
  readonly upkeep: QueueUpkeep;
  /** Booked slots' calls at slot time. */
  readonly booked: BookedCalls;
  private readonly store: QueueStore;
  private readonly repository: QueueDirectory;
  private readonly registrations: RegistrationGate;
  private readonly notifier: QueueNotifier;
  private readonly timings: QueueTimings;
  private readonly clock: () => number;
  private readonly bookedCalls: QueueDeps["bookedCalls"];

  constructor(
    deps: QueueDeps,
    private readonly interviews: InterviewStarter,
    private readonly log: { error(obj: object, message: string): void } = console,
  ) {
    ({
      store: this.store,
      repository: this.repository,
      registrations: this.registrations,
      notifier: this.notifier,
      timings: this.timings,
      clock: this.clock,
      bookedCalls: this.bookedCalls,
    } = deps);
    this.staff = new StaffQueueService(deps, log);
    this.live = new LiveQueueView(deps);
    this.upkeep = new QueueUpkeep(deps);
    this.booked = new BookedCalls(deps, log);
  }

  // ---- candidates ----------------------------------------------------------

  async join(
    user: SessionUser | null,
    standId: string,
    answers: { questionId: string; answer: string }[],
  ): Promise<MyQueue> {
    const candidate = requireRole(user, "candidate");
    const stand = await this.#openStand(standId);
    await this.registrations.admit(stand.fairId, candidate.id, stand.registrationNeedsApproval);
    const answered = new Set(answers.map((answer) => answer.questionId));
    const known = new Set(stand.questions.map((question) => question.id));
    const unknown = answers.find((answer) => !known.has(answer.questionId));
    if (unknown) {
      throw new AppError(ErrorCode.validationFailed, "answer to an unknown question", "answers");
    }
    const missing = stand.questions.find((question) => !answered.has(question.id));
    if (missing) {
      throw new AppError(ErrorCode.screeningIncomplete, "every screening question needs an answer");
    }

    // The consent and the answers are recorded with the place, in one step: staff see a
    // profile only once its consent is in PostgreSQL, and a failure leaves neither behind.
    const outcome = await this.store.join({
      fairId: stand.fairId,
      standId,
      candidateId: candidate.id,
      languages: await this.repository.candidateLanguages(candidate.id),
      cap: stand.queueCap,
      now: this.clock(),
      answers,
    });
    if (outcome.status === "stand_closed")
      throw new AppError(ErrorCode.standClosed, "the stand is closed");
    if (outcome.status === "cap_reached") {
      throw new AppError(
        ErrorCode.queueCapReached,
        `you can wait in at most ${stand.queueCap} queues at once`,
      );
    }
    if (outcome.status === "joined") this.notifier.candidateChanged(candidate.id);
    return toMyQueue(standId, outcome.entry, null);
  }

  async leave(user: SessionUser | null, standId: string): Promise<void> {
    const candidate = requireRole(user, "candidate");
    const ref = await standRef(this.repository, standId);
    const left = await this.store.leave({ ...ref, candidateId: candidate.id, now: this.clock() });
    if (!left) throw new AppError(ErrorCode.notInQueue, "you are not in this queue");
    if (left.calledBy) {
      // Leaving while being called answers the call: the recruiter must not wait for it.
      this.notifier.callAnswered(standId, left.calledBy, {
        standId,
        candidateId: candidate.id,
        outcome: "left",
      });
    }
    this.notifier.candidateChanged(candidate.id);
  }

  async snooze(user: SessionUser | null, standId: string, snoozed: boolean): Promise<MyQueue> {
    const candidate = requireRole(user, "candidate");
    const ref = await standRef(this.repository, standId);
    const result = await this.store.setSnoozed(ref, candidate.id, snoozed, this.clock());
    if (result.status === "not_in_queue")
      throw new AppError(ErrorCode.notInQueue, "not in this queue");
    if (result.status === "busy") throw new AppError(ErrorCode.conflict, "you are being called");
    this.notifier.candidateChanged(candidate.id);
    return toMyQueue(standId, result.entry, null);
  }

  /** Accepting starts the interview, planned to last as `plan` says; declining counts as a no-show. */
  async respond(
    user: SessionUser | null,
    standId: string,
    accept: boolean,
    plan: InterviewPlan = {},
  ): Promise<{ interviewId?: string }> {
    const candidate = requireRole(user, "candidate");
    const ref = await standRef(this.repository, standId);
    const now = this.clock();
    const interviewId = randomUUID();
    const plannedEndsAt = accept ? await this.#plannedEnd(standId, now, plan) : now;
    const result = await this.store.answerCall({
      ...ref,
      candidateId: candidate.id,
      accept,
      now,
      interviewId,
      plannedEndsAt,
    });
    if (result.status === "not_called") throw new AppError(ErrorCode.notCalled, "no open call");
    this.notifier.candidateChanged(candidate.id);
    if (result.status !== "accepted") {
      const expired = result.status === "expired_returned" || result.status === "expired_removed";
      const removed = result.status === "removed" || result.status === "expired_removed";
      if (result.bookingId) {
        const { bookingId } = result;
        const outcome = expired ? "no_show" : "declined";
        this.bookedCalls?.answered({ bookingId, standId, candidateId: candidate.id, outcome });
      }
      this.notifier.callAnswered(standId, result.recruiterId, {
        standId,
        candidateId: candidate.id,
        outcome: expired ? "timed_out" : "declined",
      });
      noShowRemoved(this.notifier, standId, candidate.id, removed);
      if (expired) throw new AppError(ErrorCode.notCalled, "the call expired");
      return {};
    }

    const recruiterId = result.recruiterId;
    if (result.bookingId) {
      const { bookingId } = result;
      const answer = { bookingId, standId, candidateId: candidate.id, interviewId };
      this.bookedCalls?.answered({ ...answer, outcome: "attended" });
    }
    // The start is on record (the outbox); this makes the interview readable at once everywhere.
    await this.interviews
      .startLive({
        interviewId,
        fairId: ref.fairId,
        standId,
        recruiterId,
        candidateId: candidate.id,
        startedAt: now,
        // A booked slot's call carries the slot's end, as the store recorded it.
        plannedEndsAt: result.entry.plannedEndsAt ?? plannedEndsAt,
      })
      .catch((error: unknown) =>
        this.log.error({ err: error, interviewId }, "live interview record not written"),
      );
    this.notifier.callAnswered(standId, recruiterId, {
      standId,
      candidateId: candidate.id,
      outcome: "accepted",
      interviewId,
    });
    this.notifier.interviewStarted(candidate.id, { standId, interviewId });
    this.notifier.interviewStarted(recruiterId, { standId, interviewId });
    return { interviewId };
  }

  async myQueues(user: SessionUser | null): Promise<MyQueue[]> {
    const candidate = requireRole(user, "candidate");
    return this.queuesOf(candidate.id);
  }

  /** The candidate's places at every live fair's stands. */
  async queuesOf(candidateId: string): Promise<MyQueue[]> {
    const queues: MyQueue[] = [];
    for (const fairId of await this.repository.liveFairIds()) {
      const snapshot = await this.store.candidateSnapshot(fairId, candidateId);
      for (const entry of snapshot.entries) {
        queues.push(toMyQueue(entry.standId, entry, snapshot.busy));
      }
    }
    return queues;
  }

  // ---- interviews and stand views ------------------------------------------

  /**
   * An interview ended: its place goes (if still there) and its end is recorded.
   * A live interview carries its fair, so this asks PostgreSQL nothing.
   */
  async interviewEnded(interview: Interview & { fairId?: string }): Promise<void> {
    if (!interview.candidateId) return;
    const ref = interview.fairId
      ? { fairId: interview.fairId, standId: interview.standId }
      : await standRef(this.repository, interview.standId);
    const now = interview.endedAt ? Date.parse(interview.endedAt) : this.clock();
    const finished = await this.store.finishInterview({
      ...ref,
      candidateId: interview.candidateId,
      interviewId: interview.id,
      recruiterId: interview.recruiterId,
      startedAt: Date.parse(interview.startedAt),
      now,
    });
    if (finished) this.notifier.candidateChanged(interview.candidateId);
  }

  /** What a watcher of the stand starts from: counts, and the line ahead of a queued viewer. */
  async standView(standId: string, viewer: SessionUser | null): Promise<StandQueueView> {
    const ref = await standRef(this.repository, standId);
    const candidateId = viewer?.role === "candidate" ? viewer.id : undefined;
    const view = await this.store.standView(ref, candidateId);
    return {
      standId,
      open: view.open,
      version: view.version,
      queueLength: view.queueLength,
      waiting: view.waiting,
      activeRecruiters: activeRecruiters(view, this.clock(), this.timings),
      averageInterviewMs: averageMs(view.recentDurationsMs),
      ahead: view.mine ? view.mine.ahead : null,
    };
  }

  // ---- helpers -------------------------------------------------------------

  /** The stand's length comes from its cached facts (no PostgreSQL on an accept). */
  async #plannedEnd(standId: string, now: number, plan: InterviewPlan): Promise<number> {
    if (plan.plannedEndsAt !== undefined) return plan.plannedEndsAt;
    const minutes =
      plan.plannedMinutes ??
      (await this.repository.standInfo(standId))?.interviewMinutes ??
      DEFAULT_INTERVIEW_MINUTES;
    return now + minutes * 60_000;
  }

  async #openStand(standId: string): Promise<StandInfo> {
    const stand = await this.repository.standInfo(standId);
    if (!stand || !stand.approved) throw new AppError(ErrorCode.notFound, "no such stand");
    if (!stand.fairLive) throw new AppError(ErrorCode.standClosed, "the fair is not live");
    return stand;
  }
}

function toMyQueue(
  standId: string,
  entry: QueueEntry,
  busy: { standId: string; state: "called" | "interviewing" } | null,
): MyQueue {
  const mine: MyQueue = {
    standId,
    ticket: entry.ticket,
    state: entry.state,
    frozen: busy !== null && busy.standId !== standId,
    noShows: entry.noShows,
  };
  if (entry.callDeadline !== undefined && entry.state === "called")
    mine.callDeadline = entry.callDeadline;
  if (entry.interviewId !== undefined) mine.interviewId = entry.interviewId;
  return mine;
}

export type { QueueTimings };
