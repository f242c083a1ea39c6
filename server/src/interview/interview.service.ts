/**
 * The interview domain's logic, free of transport: an interview exists only
 * because a candidate accepted a stand's call (later also a booked slot), and
 * only those two (later also an invited adviser) may take part. When a candidate accepts
 * a call the live queue records the start in its outbox and calls `startLive`,
 * which keeps the interview in the live store (Redis or memory) until
 * PostgreSQL has its row, so reading and ending one never waits for the
 * database; HTTP routes and sockets call the rest. Ending notifies listeners
 * (the room manager closes the media room, the queue records the end).
 */
import type { DomainEvents } from "../events/domain-events.js";
import {
  ErrorCode,
  type Interview,
  type InterviewRole,
  type MyInterview,
  type ParticipantInterview,
  type SessionUser,
} from "@crossfair/shared";
import { AppError } from "../plugins/errors.js";
import type { LiveInterviews } from "./interview.live.js";
import type { InterviewRepository } from "./interview.repository.js";

/** A fair day holds a few dozen interviews at most; the agenda needs no pages. */
const MY_INTERVIEWS_LIMIT = 200;

export class InterviewService {
  /**
   * `events` hears of every end (`interview.ended`), awaited: what follows an end
   * (the queue freeing the recruiter, the session closing) is done when it answers.
   */
  constructor(
    private readonly repository: InterviewRepository,
    private readonly live: LiveInterviews,
    private readonly events: Pick<DomainEvents, "emit">,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** An interview the queue just opened (its row follows through the queue's outbox). */
  async startLive(input: {
    interviewId: string;
    fairId: string;
    standId: string;
    recruiterId: string;
    candidateId: string;
    startedAt: number;
    /** Epoch ms; the queue fixed it with the start (the stand's length, or the caller's). */
    plannedEndsAt: number;
  }): Promise<void> {
    await this.live.put({
      fairId: input.fairId,
      id: input.interviewId,
      standId: input.standId,
      recruiterId: input.recruiterId,
      candidateId: input.candidateId,
      vacancyId: null,
      status: "live",
      startedAt: new Date(input.startedAt).toISOString(),
      plannedEndsAt: new Date(input.plannedEndsAt).toISOString(),
      endedAt: null,
    });
  }

  /** The live copy first (newer while the row is on its way), then the row. */
  async #find(interviewId: string): Promise<Interview | null> {
    return (await this.live.get(interviewId)) ?? (await this.repository.get(interviewId));
  }

  async get(interviewId: string): Promise<Interview> {
    const interview = await this.#find(interviewId);
    if (!interview) throw new AppError(ErrorCode.notFound, "no such interview");
    return interview;
  }

  /** A candidate's ended interviews for their agenda, newest first; `forbidden` for others. */
  async endedFor(user: SessionUser, fairId?: string): Promise<MyInterview[]> {
    if (user.role !== "candidate") throw new AppError(ErrorCode.forbidden, "only for: candidate");
    return this.repository.endedOf(user.id, fairId, MY_INTERVIEWS_LIMIT);
  }

  /** The user's part in the interview, or null when they have none. */
  roleOf(interview: Interview, userId: string): InterviewRole | null {
    if (interview.recruiterId === userId) return "recruiter";
    if (interview.candidateId === userId) return "candidate";
    return null;
  }

  /** Loads the interview for one of its participants; anyone else gets `forbidden`. */
  async forParticipant(
    interviewId: string,
    user: SessionUser | null,
  ): Promise<{ interview: Interview; role: InterviewRole }> {
    if (!user) throw new AppError(ErrorCode.unauthenticated, "sign in first");
    const interview = await this.#find(interviewId);
    // Not revealing whether an id exists to outsiders: unknown ids are forbidden too.
    const role = interview ? this.roleOf(interview, user.id) : null;
    if (!interview || !role) {
      throw new AppError(ErrorCode.forbidden, "you are not a participant of this interview");
    }
    return { interview, role };
  }

  /**
   * What a participant reads about their interview: their part and the other
   * side's display name (the two talk by video; no other detail is shared).
   */
  async participantView(
    interviewId: string,
    user: SessionUser | null,
  ): Promise<ParticipantInterview> {
    const { interview, role } = await this.forParticipant(interviewId, user);
    const other =
      role === "recruiter"
        ? { userId: interview.candidateId, role: "candidate" as const }
        : { userId: interview.recruiterId, role: "recruiter" as const };
    const person = other.userId ? await this.repository.user(other.userId) : null;
    // A deleted account leaves no trace, also in a live copy made before the deletion.
    const shown =
      !person && other.role === "candidate" ? { ...interview, candidateId: null } : interview;
    return {
      interview: shown,
      role,
      counterpart:
        other.userId && person
          ? { userId: other.userId, role: other.role, displayName: person.displayName }
          : null,
    };
  }

  /** A live interview the user takes part in; an ended one can no longer be joined. */
  async joinable(
    interviewId: string,
    user: SessionUser | null,
  ): Promise<{ interview: Interview; role: InterviewRole }> {
    const found = await this.forParticipant(interviewId, user);
    if (found.interview.status !== "live") {
      throw new AppError(ErrorCode.conflict, "this interview has ended");
    }
    return found;
  }

  /** Ends the interview (recruiter, or the queue on their behalf); repeated calls are harmless. */
  async end(interviewId: string, byUserId: string): Promise<Interview> {
    const interview = await this.get(interviewId);
    const mayEnd =
      this.roleOf(interview, byUserId) !== null ||
      (await this.repository.isStandStaff(interview.standId, byUserId));
    if (!mayEnd) throw new AppError(ErrorCode.forbidden, "you cannot end this interview");
    if (interview.status === "ended") {
      // An end can stop half way: its process died after the live store and before the
      // queue recorded it. Asked again, the end finishes (every subscriber is idempotent).
      await this.events.emit("interview.ended", { interview });
      return interview;
    }
    return this.#endNow(interview);
  }

  /** Ends an interview nobody has been in for the idle time (the live sessions' sweep). */
  async endAbandoned(interviewId: string): Promise<Interview | null> {
    const interview = await this.#find(interviewId);
    if (!interview) {
      // Gone from the live store and never written: only its presence entry was left.
      await this.live.end(interviewId, this.clock());
      return null;
    }
    if (interview.status === "ended") {
      await this.live.end(interviewId, this.clock());
      return interview;
    }
    return this.#endNow(interview);
  }

  /**
   * Live rows older than `before` with no live copy: the process that accepted
   * the call died before writing it (or the store lost it). Nobody can join
   * them, so they are abandoned too.
   */
  async orphanedLive(before: number): Promise<string[]> {
    const ids = await this.repository.liveStartedBefore(new Date(before), 100);
    const orphans: string[] = [];
    for (const id of ids) if (!(await this.live.get(id))) orphans.push(id);
    return orphans;
  }

  async #endNow(interview: Interview): Promise<Interview> {
    const interviewId = interview.id;
    const at = this.clock();
    // A live one ends in the live store (its row is ended through the queue's outbox); one whose
    // live copy expired has only its row.
    const ended =
      (await this.live.end(interviewId, at)) ??
      ((await this.live.get(interviewId))
        ? null
        : ((await this.repository.markEnded(interviewId, at)) ?? interview));
    if (!ended) return (await this.#find(interviewId)) ?? interview;
    await this.events.emit("interview.ended", { interview: ended });
    return ended;
  }
}
