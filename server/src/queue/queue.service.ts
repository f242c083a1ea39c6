/**
 * The live queue's rules for candidates, free of transport: who may join,
 * answer a call and leave; what is recorded; whom to tell. The store does the
 * atomic part, the repository the durable part, the notifier the telling. The
 * staff side is `StaffQueueService` (queue.staff.ts), reachable as
 * `service.staff`; presence, timers and removals decided elsewhere are
 * `QueueUpkeep` (queue.upkeep.ts), reachable as `service.upkeep`.
 */
import {
  ErrorCode,
  averageMs,
  type MyQueue,
  type SessionUser,
  type StandQueueUpdate,
} from "@crossfair/shared";
import { AppError } from "../plugins/errors.js";
import type { QueueEventLog } from "./queue.event-log.js";
import type { QueueNotifier } from "./queue.notifier.js";
import type { QueueRepository, StandInfo } from "./queue.repository.js";
import {
  activeRecruiters,
  recordNoShow,
  requireRole,
  type QueueDeps,
  type QueueTimings,
  type RegistrationGate,
} from "./queue.rules.js";
import { LiveQueueView } from "./queue.live.js";
import { StaffQueueService } from "./queue.staff.js";
import { QueueUpkeep } from "./queue.upkeep.js";
import type { QueueEntry, QueueStore } from "./queue.store.js";

/** What the queue needs from the interview domain: creating the room when a call is accepted. */
export interface InterviewStarter {
  start(input: {
    standId: string;
    recruiterId: string;
    candidateId: string;
  }): Promise<{ id: string }>;
}

export class QueueService {
  /** The stand staff's side of the same queues. */
  readonly staff: StaffQueueService;
  /** The fair admins' live dashboard view of the same queues. */
  readonly live: LiveQueueView;
  /** Connections, timers and removals decided elsewhere (account deleted, registration rejected). */
  readonly upkeep: QueueUpkeep;
  private readonly store: QueueStore;
  private readonly repository: QueueRepository;
  private readonly registrations: RegistrationGate;
  /** The event log, written behind the live change; see queue.event-log.ts. */
  readonly events: QueueEventLog;
  private readonly notifier: QueueNotifier;
  private readonly timings: QueueTimings;
  private readonly clock: () => number;

  constructor(
    deps: QueueDeps,
    private readonly interviews: InterviewStarter,
  ) {
    ({
      store: this.store,
      repository: this.repository,
      registrations: this.registrations,
      events: this.events,
      notifier: this.notifier,
      timings: this.timings,
      clock: this.clock,
    } = deps);
    this.staff = new StaffQueueService(deps);
    this.live = new LiveQueueView(deps);
    this.upkeep = new QueueUpkeep(deps);
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

    // Consent and answers are stored before the place exists: staff may only ever see a
    // waiting candidate whose consent is on record, and a failure here leaves no place behind.
    const languages = await this.repository.candidateLanguages(candidate.id);
    const alreadyQueued = (await this.store.candidateSnapshot(candidate.id)).entries.some(
      (entry) => entry.standId === standId,
    );
    if (!alreadyQueued) await this.repository.recordJoin(standId, candidate.id, answers);
    const outcome = await this.store.join({
      standId,
      candidateId: candidate.id,
      languages,
      cap: stand.queueCap,
      now: this.clock(),
    });
    if (outcome.status === "stand_closed")
      throw new AppError(ErrorCode.standClosed, "the stand is closed");
    if (outcome.status === "cap_reached") {
      throw new AppError(
        ErrorCode.queueCapReached,
        `you can wait in at most ${stand.queueCap} queues at once`,
      );
    }
    if (outcome.status === "joined") {
      this.events.append({ stand: stand, type: "join", candidateId: candidate.id });
      this.notifier.standChanged(standId);
      this.notifier.candidateChanged(candidate.id);
    }
    return toMyQueue(standId, outcome.entry, null);
  }

  async leave(user: SessionUser | null, standId: string): Promise<void> {
    const candidate = requireRole(user, "candidate");
    const left = await this.store.leave(standId, candidate.id);
    if (!left) throw new AppError(ErrorCode.notInQueue, "you are not in this queue");
    if (left.calledBy) {
      // Leaving while being called answers the call: the recruiter must not wait for it.
      this.notifier.callAnswered(standId, left.calledBy, {
        standId,
        candidateId: candidate.id,
        outcome: "left",
      });
    }
    this.events.append({ stand: standId, type: "leave", candidateId: candidate.id });
    this.notifier.standChanged(standId);
    this.notifier.candidateChanged(candidate.id);
  }

  async snooze(user: SessionUser | null, standId: string, snoozed: boolean): Promise<MyQueue> {
    const candidate = requireRole(user, "candidate");
    const result = await this.store.setSnoozed(standId, candidate.id, snoozed);
    if (result.status === "not_in_queue")
      throw new AppError(ErrorCode.notInQueue, "not in this queue");
    if (result.status === "busy") throw new AppError(ErrorCode.conflict, "you are being called");
    this.events.append({
      stand: standId,
      type: snoozed ? "snooze" : "ready",
      candidateId: candidate.id,
    });
    this.notifier.standChanged(standId);
    this.notifier.candidateChanged(candidate.id);
    return toMyQueue(standId, result.entry, null);
  }

  /** Accepting starts the interview; declining counts as a no-show. */
  async respond(
    user: SessionUser | null,
    standId: string,
    accept: boolean,
  ): Promise<{ interviewId?: string }> {
    const candidate = requireRole(user, "candidate");
    const result = await this.store.answerCall(standId, candidate.id, accept, this.clock());
    if (result.status === "not_called") throw new AppError(ErrorCode.notCalled, "no open call");
    this.notifier.standChanged(standId);
    this.notifier.candidateChanged(candidate.id);
    if (result.status !== "accepted") {
      const expired = result.status === "expired_returned" || result.status === "expired_removed";
      const removed = result.status === "removed" || result.status === "expired_removed";
      this.notifier.callAnswered(standId, result.recruiterId, {
        standId,
        candidateId: candidate.id,
        outcome: expired ? "timed_out" : "declined",
      });
      recordNoShow(
        { events: this.events, notifier: this.notifier },
        standId,
        candidate.id,
        expired ? "timed_out" : "declined",
        removed,
      );
      if (expired) throw new AppError(ErrorCode.notCalled, "the call expired");
      return {};
    }

    const recruiterId = result.recruiterId;
    let interview: { id: string };
    try {
      interview = await this.interviews.start({ standId, recruiterId, candidateId: candidate.id });
    } catch (error) {
      // The place must survive a failed start: back to waiting, same ticket.
      await this.store.requeue(standId, candidate.id);
      this.notifier.standChanged(standId);
      this.notifier.candidateChanged(candidate.id);
      this.notifier.callAnswered(standId, recruiterId, {
        standId,
        candidateId: candidate.id,
        outcome: "failed",
      });
      throw error;
    }
    await this.store.attachInterview(standId, candidate.id, interview.id);
    this.events.append({
      stand: standId,
      type: "accept",
      candidateId: candidate.id,
      recruiterId: recruiterId,
    });
    this.events.append({
      stand: standId,
      type: "interview_start",
      candidateId: candidate.id,
      recruiterId: recruiterId,
      data: {
        interviewId: interview.id,
      },
    });
    this.notifier.callAnswered(standId, recruiterId, {
      standId,
      candidateId: candidate.id,
      outcome: "accepted",
      interviewId: interview.id,
    });
    this.notifier.interviewStarted(candidate.id, { standId, interviewId: interview.id });
    this.notifier.interviewStarted(recruiterId, { standId, interviewId: interview.id });
    return { interviewId: interview.id };
  }

  async myQueues(user: SessionUser | null): Promise<MyQueue[]> {
    const candidate = requireRole(user, "candidate");
    return this.queuesOf(candidate.id);
  }

  async queuesOf(candidateId: string): Promise<MyQueue[]> {
    const snapshot = await this.store.candidateSnapshot(candidateId);
    return snapshot.entries.map((entry) => toMyQueue(entry.standId, entry, snapshot.busy));
  }

  // ---- interviews and stand updates ----------------------------------------

  async interviewEnded(standId: string, candidateId: string, durationMs: number): Promise<void> {
    if (!(await this.store.finishInterview(standId, candidateId, durationMs))) return;
    this.events.append({
      stand: standId,
      type: "interview_end",
      candidateId: candidateId,
      data: { durationMs },
    });
    this.notifier.standChanged(standId);
    this.notifier.candidateChanged(candidateId);
  }

  async standUpdate(standId: string): Promise<StandQueueUpdate> {
    const snapshot = await this.store.standSnapshot(standId);
    return {
      standId,
      open: snapshot.open,
      waitingTickets: snapshot.entries
        .filter((entry) => entry.state === "waiting" && !entry.frozen)
        .map((entry) => entry.ticket),
      queueLength: snapshot.entries.length,
      activeRecruiters: activeRecruiters(snapshot, this.clock(), this.timings),
      averageInterviewMs: averageMs(snapshot.recentDurationsMs),
    };
  }

  // ---- helpers -------------------------------------------------------------

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
