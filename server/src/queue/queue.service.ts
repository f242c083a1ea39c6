/**
 * The live queue's rules, free of transport: who may join, call, answer and
 * close; what is recorded; whom to tell. The store does the atomic part, the
 * repository the durable part, the notifier the telling.
 */
import {
  ErrorCode,
  averageMs,
  type Language,
  type MyQueue,
  type RemovalReason,
  type SessionUser,
  type StaffQueue,
  type StandQueueUpdate,
} from "@crossfair/shared";
import { AppError } from "../plugins/errors.js";
import type { QueueNotifier } from "./queue.notifier.js";
import type { QueueRepository, StaffMembership, StandInfo } from "./queue.repository.js";
import type { QueueEntry, QueueStore, StandSnapshot } from "./queue.store.js";

/** What the queue needs from the interview domain: creating the room when a call is accepted. */
export interface InterviewStarter {
  start(input: {
    standId: string;
    recruiterId: string;
    candidateId: string;
  }): Promise<{ id: string }>;
}

export interface QueueTimings {
  /** How long a called candidate has to accept. */
  callTimeoutMs: number;
  /** How long a disconnected candidate keeps their places. */
  reconnectGraceMs: number;
  /** Not seen for this long counts as offline: not called, but still in the queue. */
  onlineWindowMs: number;
  /** A recruiter without a heartbeat for this long no longer counts as active. */
  recruiterActiveMs: number;
}

export class QueueService {
  constructor(
    private readonly store: QueueStore,
    private readonly repository: QueueRepository,
    private readonly notifier: QueueNotifier,
    private readonly interviews: InterviewStarter,
    private readonly timings: QueueTimings,
    private readonly clock: () => number = Date.now,
  ) {}

  // ---- candidates ----------------------------------------------------------

  async join(
    user: SessionUser | null,
    standId: string,
    answers: { questionId: string; answer: string }[],
  ): Promise<MyQueue> {
    const candidate = requireRole(user, "candidate");
    const stand = await this.#openStand(standId);
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

    const outcome = await this.store.join({
      standId,
      candidateId: candidate.id,
      languages: await this.repository.candidateLanguages(candidate.id),
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
      await this.repository.recordJoin(standId, candidate.id, answers);
      await this.#event(stand, "join", candidate.id);
      this.notifier.standChanged(standId);
      this.notifier.candidateChanged(candidate.id);
    }
    return toMyQueue(standId, outcome.entry, null);
  }

  async leave(user: SessionUser | null, standId: string): Promise<void> {
    const candidate = requireRole(user, "candidate");
    if (!(await this.store.leave(standId, candidate.id))) {
      throw new AppError(ErrorCode.notInQueue, "you are not in this queue");
    }
    await this.#eventFor(standId, "leave", candidate.id);
    this.notifier.standChanged(standId);
    this.notifier.candidateChanged(candidate.id);
  }

  async snooze(user: SessionUser | null, standId: string, snoozed: boolean): Promise<MyQueue> {
    const candidate = requireRole(user, "candidate");
    const result = await this.store.setSnoozed(standId, candidate.id, snoozed);
    if (result.status === "not_in_queue")
      throw new AppError(ErrorCode.notInQueue, "not in this queue");
    if (result.status === "busy") throw new AppError(ErrorCode.conflict, "you are being called");
    await this.#eventFor(standId, snoozed ? "snooze" : "ready", candidate.id);
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
      await this.#noShow(standId, candidate.id, expired ? "timed_out" : "declined", removed);
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
      throw error;
    }
    await this.store.attachInterview(standId, candidate.id, interview.id);
    await this.#eventFor(standId, "accept", candidate.id, recruiterId);
    await this.#eventFor(standId, "interview_start", candidate.id, recruiterId, {
      interviewId: interview.id,
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

  // ---- staff ---------------------------------------------------------------

  /** Stand staff see the queue; a fair admin may watch it too. */
  async staffQueue(user: SessionUser | null, standId: string): Promise<StaffQueue> {
    const viewer = requireUser(user);
    const membership = await this.repository.staffMembership(standId, viewer.id);
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
      await this.repository.staffMembership(standId, viewer.id),
    );
  }

  private async buildStaffQueue(
    standId: string,
    viewer: Pick<SessionUser, "id" | "uiLanguage">,
    membership: StaffMembership | null,
  ): Promise<StaffQueue> {
    const snapshot = await this.store.standSnapshot(standId);
    const ids = snapshot.entries.map((entry) => entry.candidateId);
    const [profiles, answers] = await Promise.all([
      this.repository.sharedProfiles(standId, ids),
      this.repository.screeningAnswers(standId, ids, viewer.uiLanguage),
    ]);
    const now = this.clock();
    const recruiter = snapshot.recruiters.find((entry) => entry.recruiterId === viewer.id);
    return {
      standId,
      open: snapshot.open,
      paused: membership ? (recruiter?.paused ?? false) : true,
      averageInterviewMs: averageMs(snapshot.recentDurationsMs),
      activeRecruiters: this.#activeRecruiters(snapshot, now),
      entries: snapshot.entries.map((entry) => ({
        candidateId: entry.candidateId,
        ticket: entry.ticket,
        state: entry.state,
        frozen: entry.frozen,
        online: entry.lastSeen >= now - this.timings.onlineWindowMs,
        noShows: entry.noShows,
        profile: profiles.get(entry.candidateId) ?? null,
        answers: answers.get(entry.candidateId) ?? [],
      })),
    };
  }

  async callNext(user: SessionUser | null, standId: string): Promise<string | null> {
    const { recruiter, membership } = await this.#requireStaff(user, standId);
    const snapshot = await this.store.standSnapshot(standId);
    if (snapshot.recruiters.find((entry) => entry.recruiterId === recruiter.id)?.paused) {
      throw new AppError(ErrorCode.conflict, "you are paused; resume to take candidates");
    }
    const now = this.clock();
    const outcome = await this.store.callNext({
      standId,
      recruiterId: recruiter.id,
      languages: membership.languages,
      deadline: now + this.timings.callTimeoutMs,
      onlineSince: now - this.timings.onlineWindowMs,
    });
    if (outcome.status === "stand_closed")
      throw new AppError(ErrorCode.standClosed, "the stand is closed");
    if (outcome.status === "empty") return null;
    await this.#eventFor(standId, "call", outcome.candidateId, recruiter.id);
    this.notifier.called(outcome.candidateId, {
      standId,
      deadline: outcome.entry.callDeadline ?? now + this.timings.callTimeoutMs,
      recruiterName: membership.displayName,
    });
    this.notifier.standChanged(standId);
    this.notifier.candidateChanged(outcome.candidateId);
    return outcome.candidateId;
  }

  async setPaused(user: SessionUser | null, standId: string, paused: boolean): Promise<void> {
    const { recruiter, membership } = await this.#requireStaff(user, standId);
    await this.recruiterSeen(standId, recruiter.id, membership.languages, paused);
    this.notifier.standChanged(standId);
  }

  async setOpen(user: SessionUser | null, standId: string, open: boolean): Promise<void> {
    const { recruiter } = await this.#requireStaff(user, standId);
    const removed = await this.store.setStandOpen(standId, open);
    await this.#eventFor(standId, open ? "stand_open" : "stand_closed", null, recruiter.id);
    for (const candidateId of removed) {
      await this.#eventFor(standId, "removed", candidateId, recruiter.id, {
        reason: "stand_closed",
      });
      this.#removed(candidateId, standId, "stand_closed");
    }
    this.notifier.standChanged(standId);
  }

  /** Heartbeat of a recruiter's console; keeps their pause flag unless given. */
  async recruiterSeen(
    standId: string,
    recruiterId: string,
    languages: Language[],
    paused?: boolean,
  ): Promise<void> {
    const snapshot = paused === undefined ? await this.store.standSnapshot(standId) : null;
    const previous = snapshot?.recruiters.find((entry) => entry.recruiterId === recruiterId);
    await this.store.upsertRecruiter(standId, {
      recruiterId,
      languages,
      paused: paused ?? previous?.paused ?? false,
      seen: this.clock(),
    });
  }

  async recruiterGone(standId: string, recruiterId: string): Promise<void> {
    await this.store.removeRecruiter(standId, recruiterId);
    this.notifier.standChanged(standId);
  }

  // ---- interviews, presence and timers -------------------------------------

  async interviewEnded(standId: string, candidateId: string, durationMs: number): Promise<void> {
    if (!(await this.store.finishInterview(standId, candidateId, durationMs))) return;
    await this.#eventFor(standId, "interview_end", candidateId, null, { durationMs });
    this.notifier.standChanged(standId);
    this.notifier.candidateChanged(candidateId);
  }

  async candidatesSeen(candidateIds: readonly string[]): Promise<void> {
    await this.store.touchCandidates(candidateIds, this.clock());
  }

  /** Expires unanswered calls and lapsed reconnect graces; safe to run on every process. */
  async sweep(): Promise<void> {
    const now = this.clock();
    for (const expired of await this.store.expireCalls(now)) {
      this.notifier.standChanged(expired.standId);
      this.notifier.candidateChanged(expired.candidateId);
      this.notifier.callAnswered(expired.standId, expired.recruiterId, {
        standId: expired.standId,
        candidateId: expired.candidateId,
        outcome: "timed_out",
      });
      await this.#noShow(
        expired.standId,
        expired.candidateId,
        "timed_out",
        expired.outcome === "removed",
      );
    }
    for (const absent of await this.store.expireAbsent(now - this.timings.reconnectGraceMs)) {
      for (const standId of absent.standIds) {
        await this.#eventFor(standId, "removed", absent.candidateId, null, {
          reason: "connection_lost",
        });
        this.#removed(absent.candidateId, standId, "connection_lost");
        this.notifier.standChanged(standId);
      }
    }
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
      activeRecruiters: this.#activeRecruiters(snapshot, this.clock()),
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

  async #requireStaff(user: SessionUser | null, standId: string) {
    const recruiter = requireUser(user);
    const membership = await this.repository.staffMembership(standId, recruiter.id);
    if (!membership) throw new AppError(ErrorCode.forbidden, "only this stand's staff can do this");
    return { recruiter, membership };
  }

  #activeRecruiters(snapshot: StandSnapshot, now: number): number {
    return snapshot.recruiters.filter(
      (recruiter) => !recruiter.paused && recruiter.seen >= now - this.timings.recruiterActiveMs,
    ).length;
  }

  async #noShow(
    standId: string,
    candidateId: string,
    how: "declined" | "timed_out",
    removed: boolean,
  ) {
    await this.#eventFor(standId, how === "declined" ? "decline" : "no_show", candidateId);
    if (removed) {
      await this.#eventFor(standId, "removed", candidateId, null, { reason: "no_show" });
      this.#removed(candidateId, standId, "no_show");
    }
  }

  #removed(candidateId: string, standId: string, reason: RemovalReason): void {
    this.notifier.removed(candidateId, { standId, reason });
    this.notifier.candidateChanged(candidateId);
  }

  async #event(
    stand: StandInfo,
    type: Parameters<QueueRepository["appendEvent"]>[0]["type"],
    candidateId: string | null,
    recruiterId: string | null = null,
    data?: Record<string, unknown>,
  ): Promise<void> {
    await this.repository.appendEvent({
      fairId: stand.fairId,
      standId: stand.standId,
      type,
      candidateId,
      recruiterId,
      ...(data ? { data } : {}),
    });
  }

  async #eventFor(
    standId: string,
    type: Parameters<QueueRepository["appendEvent"]>[0]["type"],
    candidateId: string | null,
    recruiterId: string | null = null,
    data?: Record<string, unknown>,
  ): Promise<void> {
    const stand = await this.repository.standInfo(standId);
    if (stand) await this.#event(stand, type, candidateId, recruiterId, data);
  }
}

function requireUser(user: SessionUser | null): SessionUser {
  if (!user) throw new AppError(ErrorCode.unauthenticated, "sign in first");
  return user;
}

function requireRole(user: SessionUser | null, role: SessionUser["role"]): SessionUser {
  const signedIn = requireUser(user);
  if (signedIn.role !== role) throw new AppError(ErrorCode.forbidden, `only a ${role} can do this`);
  return signedIn;
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
