/**
 * The interview domain's logic, free of transport: an interview exists only
 * because stand staff started it with one specific candidate, and only those
 * two (later also an invited adviser) may take part. The live queue calls
 * `start` when a candidate accepts a call; HTTP routes and sockets call the
 * rest. Ending notifies listeners (the room manager closes the media room).
 */
import {
  ErrorCode,
  type Interview,
  type InterviewRole,
  type ParticipantInterview,
  type SessionUser,
} from "@crossfair/shared";
import { AppError } from "../plugins/errors.js";
import type { InterviewRepository } from "./interview.repository.js";

export interface StartInterviewInput {
  standId: string;
  recruiterId: string;
  candidateId: string;
  vacancyId?: string | undefined;
}

type EndedListener = (interview: Interview) => void;

export class InterviewService {
  readonly #endedListeners = new Set<EndedListener>();

  constructor(
    private readonly repository: InterviewRepository,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async start(input: StartInterviewInput): Promise<Interview> {
    if (!(await this.repository.isStandStaff(input.standId, input.recruiterId))) {
      throw new AppError(ErrorCode.forbidden, "only staff of this stand can start an interview");
    }
    const candidate = await this.repository.user(input.candidateId);
    if (!candidate || candidate.role !== "candidate") {
      throw new AppError(ErrorCode.notFound, "no such candidate", "candidateId");
    }
    if (input.vacancyId) {
      const standId = await this.repository.vacancyStand(input.vacancyId);
      if (standId !== input.standId) {
        throw new AppError(ErrorCode.notFound, "no such vacancy at this stand", "vacancyId");
      }
    }
    return this.repository.insert(input);
  }

  async get(interviewId: string): Promise<Interview> {
    const interview = await this.repository.get(interviewId);
    if (!interview) throw new AppError(ErrorCode.notFound, "no such interview");
    return interview;
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
    const interview = await this.repository.get(interviewId);
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
    return {
      interview,
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
    if (interview.status === "ended") return interview;
    const ended = (await this.repository.markEnded(interviewId, this.clock())) ?? interview;
    for (const listener of this.#endedListeners) listener(ended);
    return ended;
  }

  onEnded(listener: EndedListener): () => void {
    this.#endedListeners.add(listener);
    return () => this.#endedListeners.delete(listener);
  }
}
