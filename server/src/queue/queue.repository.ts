/**
 * The queue's durable storage in PostgreSQL/PGlite: what it needs to know
 * about stands (fair, cap, screening questions, staff), the consents and
 * screening answers given when joining, the profiles staff may see, and the
 * append-only queue event log that reports read.
 */
import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Language, LocalizedText, SharedProfile } from "@crossfair/shared";
import { pickLocalized } from "@crossfair/shared";
import { users } from "../auth/auth.schema.js";
import { candidateProfiles, profileConsents } from "../candidate/candidate.schema.js";
import { fairs, standStaff, stands } from "../fair/fair.schema.js";
import type { Database } from "../plugins/db.js";
import {
  queueEvents,
  screeningAnswers,
  screeningQuestions,
  type QUEUE_EVENT_TYPES,
} from "./queue.schema.js";

export type QueueEventType = (typeof QUEUE_EVENT_TYPES)[number];

export interface StandInfo {
  standId: string;
  fairId: string;
  fairLive: boolean;
  approved: boolean;
  queueCap: number;
  questions: { id: string; question: LocalizedText }[];
}

export interface StaffMembership {
  role: "stand_admin" | "recruiter";
  languages: Language[];
  displayName: string;
}

const STAND_INFO_TTL_MS = 15_000;

export class QueueRepository {
  readonly #standInfo = new Map<string, { info: StandInfo | null; at: number }>();

  constructor(private readonly db: Database) {}

  /** Stand facts rarely change during a fair; cached briefly to keep joins cheap. */
  async standInfo(standId: string): Promise<StandInfo | null> {
    const cached = this.#standInfo.get(standId);
    if (cached && Date.now() - cached.at < STAND_INFO_TTL_MS) return cached.info;
    const [row] = await this.db
      .select({
        standId: stands.id,
        fairId: stands.fairId,
        approval: stands.approvalStatus,
        fairStatus: fairs.status,
        queueCap: fairs.queueCapPerCandidate,
      })
      .from(stands)
      .innerJoin(fairs, eq(fairs.id, stands.fairId))
      .where(eq(stands.id, standId))
      .limit(1);
    const info: StandInfo | null = row
      ? {
          standId: row.standId,
          fairId: row.fairId,
          fairLive: row.fairStatus === "live",
          approved: row.approval === "approved",
          queueCap: row.queueCap,
          questions: await this.db
            .select({ id: screeningQuestions.id, question: screeningQuestions.question })
            .from(screeningQuestions)
            .where(eq(screeningQuestions.standId, standId))
            .orderBy(asc(screeningQuestions.position)),
        }
      : null;
    this.#standInfo.set(standId, { info, at: Date.now() });
    return info;
  }

  /** The stands a user staffs, for their console picker. */
  async standsOf(userId: string) {
    return this.db
      .select({
        standId: stands.id,
        organisationName: stands.organisationName,
        role: standStaff.role,
      })
      .from(standStaff)
      .innerJoin(stands, eq(stands.id, standStaff.standId))
      .where(eq(standStaff.userId, userId))
      .orderBy(asc(stands.organisationName));
  }

  async staffMembership(standId: string, userId: string): Promise<StaffMembership | null> {
    const [row] = await this.db
      .select({
        role: standStaff.role,
        languages: standStaff.languages,
        displayName: users.displayName,
      })
      .from(standStaff)
      .innerJoin(users, eq(users.id, standStaff.userId))
      .where(and(eq(standStaff.standId, standId), eq(standStaff.userId, userId)))
      .limit(1);
    return row ?? null;
  }

  async candidateLanguages(candidateId: string): Promise<Language[]> {
    const [row] = await this.db
      .select({ languages: candidateProfiles.languages })
      .from(candidateProfiles)
      .where(eq(candidateProfiles.userId, candidateId))
      .limit(1);
    return row?.languages.map((entry) => entry.language) ?? [];
  }

  /** Records consent (unless one is already active) and the screening answers, together. */
  async recordJoin(
    standId: string,
    candidateId: string,
    answers: { questionId: string; answer: string }[],
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [active] = await tx
        .select({ id: profileConsents.id })
        .from(profileConsents)
        .where(
          and(
            eq(profileConsents.standId, standId),
            eq(profileConsents.candidateId, candidateId),
            isNull(profileConsents.revokedAt),
          ),
        )
        .limit(1);
      if (!active) await tx.insert(profileConsents).values({ standId, candidateId });
      if (answers.length > 0) {
        await tx
          .insert(screeningAnswers)
          .values(answers.map((answer) => ({ ...answer, candidateId })));
      }
    });
  }

  /** Profiles of the given candidates who consented to share with this stand. */
  async sharedProfiles(
    standId: string,
    candidateIds: string[],
  ): Promise<Map<string, SharedProfile>> {
    if (candidateIds.length === 0) return new Map();
    const rows = await this.db
      .select({ user: users, profile: candidateProfiles })
      .from(profileConsents)
      .innerJoin(users, eq(users.id, profileConsents.candidateId))
      .leftJoin(candidateProfiles, eq(candidateProfiles.userId, profileConsents.candidateId))
      .where(
        and(
          eq(profileConsents.standId, standId),
          inArray(profileConsents.candidateId, candidateIds),
          isNull(profileConsents.revokedAt),
        ),
      );
    return new Map(
      rows.map(({ user, profile }) => [
        user.id,
        {
          displayName: user.displayName,
          country: profile?.country ?? "",
          region: profile?.region ?? "",
          languages: profile?.languages ?? [],
          sectors: profile?.sectors ?? [],
          pitch: profile?.pitch ?? "",
        },
      ]),
    );
  }

  /** The latest answer per question, in the language the staff member reads. */
  async screeningAnswers(
    standId: string,
    candidateIds: string[],
    language: Language,
  ): Promise<Map<string, { question: string; answer: string }[]>> {
    const result = new Map<string, { question: string; answer: string }[]>();
    if (candidateIds.length === 0) return result;
    const rows = await this.db
      .select({
        candidateId: screeningAnswers.candidateId,
        questionId: screeningAnswers.questionId,
        question: screeningQuestions.question,
        position: screeningQuestions.position,
        answer: screeningAnswers.answer,
      })
      .from(screeningAnswers)
      .innerJoin(screeningQuestions, eq(screeningQuestions.id, screeningAnswers.questionId))
      .where(
        and(
          eq(screeningQuestions.standId, standId),
          inArray(screeningAnswers.candidateId, candidateIds),
        ),
      )
      .orderBy(asc(screeningQuestions.position), desc(screeningAnswers.answeredAt));
    const seen = new Set<string>();
    for (const row of rows) {
      const key = `${row.candidateId}|${row.questionId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const list = result.get(row.candidateId) ?? [];
      list.push({ question: pickLocalized(row.question, language).value, answer: row.answer });
      result.set(row.candidateId, list);
    }
    return result;
  }

  async displayName(userId: string): Promise<string> {
    const [row] = await this.db
      .select({ name: users.displayName })
      .from(users)
      .where(eq(users.id, userId))
      .limit(1);
    return row?.name ?? "";
  }

  async appendEvent(event: {
    fairId: string;
    standId: string;
    type: QueueEventType;
    candidateId?: string | null;
    recruiterId?: string | null;
    data?: Record<string, unknown>;
  }): Promise<void> {
    await this.db.insert(queueEvents).values(event);
  }
}
