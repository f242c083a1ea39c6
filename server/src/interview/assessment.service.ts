/**
 * What a recruiter records about an interview (outcome, rating, private
 * notes) and a stand's list of interviews. An assessment is read and written
 * only by the interview's recruiter, a stand admin of its stand or a fair
 * admin, never by the candidate, not even about their own interview.
 */
import { and, count, desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  ErrorCode,
  offsetOf,
  type AssessmentBody,
  type InterviewAssessment,
  type Page,
  type PaginationQuery,
  type SessionUser,
  type StandInterview,
} from "@crossfair/shared";
import { users } from "../auth/auth.schema.js";
import { standStaff } from "../stand/stand.schema.js";
import type { Database } from "../plugins/db.js";
import { AppError } from "../plugins/errors.js";
import { interviews } from "./interview.schema.js";

const assessors = alias(users, "assessors");
const recruiters = alias(users, "recruiters");
const candidates = alias(users, "candidates");

export class AssessmentService {
  constructor(private readonly db: Database) {}

  async get(interviewId: string, viewer: SessionUser): Promise<InterviewAssessment> {
    await this.#requireAssessor(interviewId, viewer);
    return this.#read(interviewId);
  }

  /** Changes only the fields given; the assessor and the time are those of this change. */
  async save(
    interviewId: string,
    viewer: SessionUser,
    body: AssessmentBody,
  ): Promise<InterviewAssessment> {
    await this.#requireAssessor(interviewId, viewer);
    await this.db
      .update(interviews)
      .set({
        ...(body.outcome !== undefined ? { outcome: body.outcome } : {}),
        ...(body.rating !== undefined ? { rating: body.rating } : {}),
        ...(body.privateNotes !== undefined ? { privateNotes: body.privateNotes } : {}),
        assessedBy: viewer.id,
        assessedAt: new Date(),
      })
      .where(eq(interviews.id, interviewId));
    return this.#read(interviewId);
  }

  /** The stand's interviews, newest first, with their outcome and rating (not the notes). */
  async forStand(standId: string, query: PaginationQuery): Promise<Page<StandInterview>> {
    const [rows, [total]] = await Promise.all([
      this.db
        .select({
          id: interviews.id,
          candidateId: interviews.candidateId,
          candidateName: candidates.displayName,
          recruiterId: interviews.recruiterId,
          recruiterName: recruiters.displayName,
          startedAt: interviews.startedAt,
          endedAt: interviews.endedAt,
          outcome: interviews.outcome,
          rating: interviews.rating,
        })
        .from(interviews)
        .innerJoin(recruiters, eq(recruiters.id, interviews.recruiterId))
        .leftJoin(candidates, eq(candidates.id, interviews.candidateId))
        .where(eq(interviews.standId, standId))
        .orderBy(desc(interviews.startedAt), desc(interviews.id))
        .limit(query.pageSize)
        .offset(offsetOf(query)),
      this.db.select({ total: count() }).from(interviews).where(eq(interviews.standId, standId)),
    ]);
    return {
      items: rows.map((row) => ({
        id: row.id,
        candidate: { id: row.candidateId, displayName: row.candidateName },
        recruiter: { id: row.recruiterId, displayName: row.recruiterName },
        startedAt: row.startedAt.toISOString(),
        endedAt: row.endedAt?.toISOString() ?? null,
        outcome: row.outcome,
        rating: row.rating,
      })),
      total: total?.total ?? 0,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async #requireAssessor(interviewId: string, viewer: SessionUser): Promise<void> {
    const [interview] = await this.db
      .select({ recruiterId: interviews.recruiterId, standRole: standStaff.role })
      .from(interviews)
      .leftJoin(
        standStaff,
        and(eq(standStaff.standId, interviews.standId), eq(standStaff.userId, viewer.id)),
      )
      .where(eq(interviews.id, interviewId))
      .limit(1);
    if (!interview) throw new AppError(ErrorCode.notFound, "no such interview");
    const allowed =
      viewer.role === "fair_admin" ||
      interview.standRole === "stand_admin" ||
      (interview.recruiterId === viewer.id && interview.standRole !== null);
    if (!allowed) {
      throw new AppError(
        ErrorCode.forbidden,
        "only the interview's recruiter, a stand admin or a fair admin may see its assessment",
      );
    }
  }

  async #read(interviewId: string): Promise<InterviewAssessment> {
    const [row] = await this.db
      .select({
        interview: interviews,
        assessorId: assessors.id,
        assessorName: assessors.displayName,
      })
      .from(interviews)
      .leftJoin(assessors, eq(assessors.id, interviews.assessedBy))
      .where(eq(interviews.id, interviewId))
      .limit(1);
    if (!row) throw new AppError(ErrorCode.notFound, "no such interview");
    const { interview } = row;
    return {
      interviewId: interview.id,
      standId: interview.standId,
      candidateId: interview.candidateId,
      outcome: interview.outcome,
      rating: interview.rating,
      privateNotes: interview.privateNotes,
      assessedBy:
        row.assessorId && row.assessorName
          ? { id: row.assessorId, displayName: row.assessorName }
          : null,
      assessedAt: interview.assessedAt?.toISOString() ?? null,
    };
  }
}
