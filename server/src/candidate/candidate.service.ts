/**
 * The candidate's own data, free of HTTP: their profile, their CV (PDF only),
 * who may read that CV (staff of a stand the candidate consented to), the
 * export of everything kept about them (fair registrations and applications
 * included), and deleting
 * their account.
 */
import type { DomainEvents } from "../events/domain-events.js";
import { and, asc, eq } from "drizzle-orm";
import {
  ErrorCode,
  type CandidateExport,
  type CandidateProfile,
  type CandidateProfileInput,
  type SessionUser,
} from "@crossfair/shared";
import { eraseApplicationMessages } from "../application/application.service.js";
import type { AuthService } from "../auth/auth.service.js";
import { candidateApplications } from "../application/application.views.js";
import { users } from "../auth/auth.schema.js";
import { bookingsOf } from "../availability/availability.views.js";
import { fairRegistrations, fairs } from "../fair/fair.schema.js";
import { stands, standStaff } from "../stand/stand.schema.js";
import { interviews } from "../interview/interview.schema.js";
import type { Database } from "../plugins/db.js";
import { AppError } from "../plugins/errors.js";
import { queueEvents, screeningAnswers } from "../queue/queue.schema.js";
import { screeningQuestions } from "../stand/stand.schema.js";
import { candidateProfiles } from "./candidate.schema.js";
import type { CvStorage } from "./cv.storage.js";
import { consentsOf, hasActiveConsent } from "./consents.js";

type ProfileRow = typeof candidateProfiles.$inferSelect;

const PDF_MAGIC = Buffer.from("%PDF-", "ascii");

/** True when the bytes start like a PDF; the name and declared type of an upload prove nothing. */
export function looksLikePdf(bytes: Buffer): boolean {
  return bytes.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC);
}

export interface CandidateServiceOptions {
  db: Database;
  cvs: CvStorage;
  /** Largest CV accepted, in bytes. */
  cvMaxBytes: number;
  /** Hears of deleted accounts (`account.deleted`). */
  events: Pick<DomainEvents, "emit">;
  /** Owns the account a deletion removes. */
  auth: Pick<AuthService, "deleteAccount">;
}

export class CandidateService {
  constructor(private readonly options: CandidateServiceOptions) {}

  get cvMaxBytes(): number {
    return this.options.cvMaxBytes;
  }

  async profile(userId: string): Promise<CandidateProfile | null> {
    const row = await this.#profileRow(userId);
    return row ? toProfile(row) : null;
  }

  /** Creates or replaces the profile; the CV on file is kept. */
  async saveProfile(userId: string, input: CandidateProfileInput): Promise<CandidateProfile> {
    const values = {
      country: input.country,
      region: input.region,
      languages: input.languages,
      sectors: input.sectors,
      availability: input.availability,
      pitch: input.pitch,
      contactPhone: input.contactPhone ?? null,
      updatedAt: new Date(),
    };
    const [row] = await this.options.db
      .insert(candidateProfiles)
      .values({ userId, ...values })
      .onConflictDoUpdate({ target: candidateProfiles.userId, set: values })
      .returning();
    if (!row) throw new Error("profile upsert returned no row");
    return toProfile(row);
  }

  /** Stores a new CV and drops the previous one. The profile must exist: the CV hangs off it. */
  async saveCv(userId: string, bytes: Buffer): Promise<CandidateProfile> {
    if (bytes.length > this.options.cvMaxBytes) {
      throw new AppError(
        ErrorCode.payloadTooLarge,
        `a CV may be at most ${this.options.cvMaxBytes} bytes`,
      );
    }
    if (!looksLikePdf(bytes)) {
      throw new AppError(ErrorCode.unsupportedMediaType, "a CV must be a PDF file", "file");
    }
    // Written before the row points at it, so a stored name always has its file.
    const name = await this.options.cvs.save(bytes);
    let swapped: { row: ProfileRow; previous: string | null } | null;
    try {
      swapped = await this.options.db.transaction(async (tx) => {
        // Locked, so two uploads at once each replace the other's file instead of orphaning it.
        const [current] = await tx
          .select({ cvFile: candidateProfiles.cvFile })
          .from(candidateProfiles)
          .where(eq(candidateProfiles.userId, userId))
          .for("update");
        if (!current) return null;
        const [row] = await tx
          .update(candidateProfiles)
          .set({ cvFile: name, updatedAt: new Date() })
          .where(eq(candidateProfiles.userId, userId))
          .returning();
        return row ? { row, previous: current.cvFile } : null;
      });
    } catch (error) {
      await this.options.cvs.remove(name);
      throw error;
    }
    if (!swapped) {
      await this.options.cvs.remove(name);
      throw new AppError(ErrorCode.conflict, "save your profile before uploading a CV");
    }
    if (swapped.previous) await this.options.cvs.remove(swapped.previous);
    return toProfile(swapped.row);
  }

  async ownCv(userId: string): Promise<Buffer> {
    return this.#cvBytes(await this.#profileRow(userId));
  }

  /** A stand's staff read a CV only while the candidate's consent for that stand is active. */
  async cvForStand(viewer: SessionUser, standId: string, candidateId: string): Promise<Buffer> {
    const { db } = this.options;
    const [staff] = await db
      .select({ role: standStaff.role })
      .from(standStaff)
      .where(and(eq(standStaff.standId, standId), eq(standStaff.userId, viewer.id)))
      .limit(1);
    if (!staff) throw new AppError(ErrorCode.forbidden, "only this stand's staff may read CVs");
    if (!(await hasActiveConsent(db, standId, candidateId))) {
      throw new AppError(ErrorCode.forbidden, "the candidate has not shared their profile here");
    }
    return this.#cvBytes(await this.#profileRow(candidateId));
  }

  async exportData(userId: string): Promise<CandidateExport> {
    const { db } = this.options;
    const [account] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
    if (!account) throw new AppError(ErrorCode.notFound, "no such account");
    const [
      profile,
      consents,
      registrations,
      answers,
      events,
      ownInterviews,
      ownApplications,
      bookings,
    ] = await Promise.all([
      this.profile(userId),
      consentsOf(db, userId, { order: "oldest" }),
      db
        .select({
          fairSlug: fairs.slug,
          fairName: fairs.name,
          status: fairRegistrations.status,
          createdAt: fairRegistrations.createdAt,
          decidedAt: fairRegistrations.decidedAt,
        })
        .from(fairRegistrations)
        .innerJoin(fairs, eq(fairs.id, fairRegistrations.fairId))
        .where(eq(fairRegistrations.candidateId, userId))
        .orderBy(asc(fairRegistrations.createdAt), asc(fairRegistrations.id)),
      db
        .select({
          questionId: screeningAnswers.questionId,
          standId: screeningQuestions.standId,
          answer: screeningAnswers.answer,
          answeredAt: screeningAnswers.answeredAt,
        })
        .from(screeningAnswers)
        .innerJoin(screeningQuestions, eq(screeningQuestions.id, screeningAnswers.questionId))
        .where(eq(screeningAnswers.candidateId, userId))
        .orderBy(asc(screeningAnswers.answeredAt)),
      db
        .select({ standId: queueEvents.standId, type: queueEvents.type, at: queueEvents.at })
        .from(queueEvents)
        .where(eq(queueEvents.candidateId, userId))
        .orderBy(asc(queueEvents.at), asc(queueEvents.id)),
      db
        .select({
          id: interviews.id,
          standId: interviews.standId,
          organisationName: stands.organisationName,
          vacancyId: interviews.vacancyId,
          status: interviews.status,
          startedAt: interviews.startedAt,
          endedAt: interviews.endedAt,
        })
        .from(interviews)
        .innerJoin(stands, eq(stands.id, interviews.standId))
        .where(eq(interviews.candidateId, userId))
        .orderBy(asc(interviews.startedAt)),
      candidateApplications(db, userId),
      bookingsOf(db, userId),
    ]);
    return {
      exportedAt: new Date().toISOString(),
      account: {
        id: account.id,
        email: account.email,
        displayName: account.displayName,
        role: account.role,
        uiLanguage: account.uiLanguage,
        createdAt: account.createdAt.toISOString(),
        emailVerifiedAt: account.emailVerifiedAt?.toISOString() ?? null,
      },
      profile,
      consents,
      registrations: registrations.map((registration) => ({
        ...registration,
        createdAt: registration.createdAt.toISOString(),
        decidedAt: registration.decidedAt?.toISOString() ?? null,
      })),
      screeningAnswers: answers.map((answer) => ({
        ...answer,
        answeredAt: answer.answeredAt.toISOString(),
      })),
      queueEvents: events.map((event) => ({ ...event, at: event.at.toISOString() })),
      interviews: ownInterviews.map((interview) => ({
        ...interview,
        startedAt: interview.startedAt.toISOString(),
        endedAt: interview.endedAt?.toISOString() ?? null,
      })),
      applications: ownApplications,
      bookings,
    };
  }

  /**
   * Deletes the account. The database cascades to the profile, consents,
   * screening answers and sessions; interviews, applications (and their
   * history) and queue events keep their rows with the candidate set to null,
   * so reports still count them. An application's message is the candidate's
   * own words about themselves, so it is erased, not kept without a name.
   */
  async deleteAccount(userId: string): Promise<void> {
    const cvFile = await this.options.db.transaction(async (tx) => {
      // Locked, so an upload racing this delete finds no row and removes its own file.
      const [profile] = await tx
        .select({ cvFile: candidateProfiles.cvFile })
        .from(candidateProfiles)
        .where(eq(candidateProfiles.userId, userId))
        .for("update");
      await eraseApplicationMessages(tx, userId);
      if (!(await this.options.auth.deleteAccount(tx, userId)))
        throw new AppError(ErrorCode.notFound, "no such account");
      return profile?.cvFile ?? null;
    });
    // After the commit: a failed removal leaves an orphan file, never a profile without its CV.
    if (cvFile) await this.options.cvs.remove(cvFile);
    // Live state elsewhere (queue places, open sockets) follows.
    await this.options.events.emit("account.deleted", { userId });
  }

  async #profileRow(userId: string): Promise<ProfileRow | null> {
    const [row] = await this.options.db
      .select()
      .from(candidateProfiles)
      .where(eq(candidateProfiles.userId, userId))
      .limit(1);
    return row ?? null;
  }

  async #cvBytes(row: ProfileRow | null): Promise<Buffer> {
    const bytes = row?.cvFile ? await this.options.cvs.read(row.cvFile) : null;
    if (!bytes) throw new AppError(ErrorCode.notFound, "no CV on file");
    return bytes;
  }
}

function toProfile(row: ProfileRow): CandidateProfile {
  return {
    country: row.country,
    region: row.region,
    languages: row.languages,
    sectors: row.sectors,
    availability: row.availability,
    pitch: row.pitch,
    contactPhone: row.contactPhone,
    hasCv: row.cvFile !== null,
    updatedAt: row.updatedAt.toISOString(),
  };
}
