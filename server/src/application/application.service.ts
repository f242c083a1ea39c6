/**
 * Applications, free of HTTP: a candidate applies to an open vacancy (which
 * also gives the stand consent to see their profile) and may withdraw; stand
 * staff move an application along the pipeline by the shared rules
 * (canStaffMoveApplication). Every move is one row in application_events with
 * who and when, written in the same transaction as the status itself.
 */
import { and, eq } from "drizzle-orm";
import {
  ErrorCode,
  canStaffMoveApplication,
  canWithdrawApplication,
  type ApplicationStatus,
  type MyApplication,
  type Page,
  type StaffApplication,
  type StandApplicationsQuery,
} from "@crossfair/shared";
import type { ConsentService } from "../candidate/consent.service.js";
import { recordConsent } from "../candidate/consents.js";
import { stands, vacancies } from "../stand/stand.schema.js";
import type { Database, Transaction } from "../plugins/db.js";
import { AppError } from "../plugins/errors.js";
import { applicationEvents, applications } from "./application.schema.js";
import {
  candidateApplications,
  standApplications,
  standApplicationsPage,
} from "./application.views.js";

/** PostgreSQL's unique_violation, whether drizzle hands the driver error on directly or as its cause. */
function isUniqueViolation(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    if ((current as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

/**
 * A move's time: now, but always after the previous move of the same
 * application, so its history reads in order even for moves in one millisecond.
 */
const nextMoveAt = (previous: Date) => new Date(Math.max(Date.now(), previous.getTime() + 1));

/**
 * Erases the candidate's messages on their applications inside the caller's
 * transaction (their account's deletion): a message is the candidate's own
 * words about themselves, so it goes, while the application stays for reports.
 */
export async function eraseApplicationMessages(
  tx: Pick<Transaction, "update">,
  candidateId: string,
): Promise<void> {
  await tx
    .update(applications)
    .set({ message: "" })
    .where(eq(applications.candidateId, candidateId));
}

export class ApplicationService {
  constructor(
    private readonly db: Database,
    private readonly consents: ConsentService,
  ) {}

  async apply(candidateId: string, vacancyId: string, message: string): Promise<MyApplication> {
    const [vacancy] = await this.db
      .select({ standId: vacancies.standId, status: vacancies.status })
      .from(vacancies)
      .innerJoin(stands, eq(stands.id, vacancies.standId))
      .where(and(eq(vacancies.id, vacancyId), eq(stands.approvalStatus, "approved")))
      .limit(1);
    if (!vacancy) throw new AppError(ErrorCode.notFound, "no such vacancy", "vacancyId");
    if (vacancy.status !== "open") {
      throw new AppError(ErrorCode.vacancyClosed, "this vacancy no longer takes applications");
    }
    const { standId } = vacancy;
    let consentGiven: boolean;
    let applicationId: string;
    try {
      ({ consentGiven, applicationId } = await this.db.transaction(async (tx) => {
        // Locks the candidate's account row first, so two applies at once are told apart here.
        const consentGiven = await recordConsent(tx, standId, candidateId);
        const [existing] = await tx
          .select({ id: applications.id })
          .from(applications)
          .where(
            and(eq(applications.vacancyId, vacancyId), eq(applications.candidateId, candidateId)),
          )
          .limit(1);
        if (existing) throw new AppError(ErrorCode.conflict, "you already applied to this vacancy");
        const now = new Date();
        const [row] = await tx
          .insert(applications)
          .values({ vacancyId, standId, candidateId, message, createdAt: now, updatedAt: now })
          .returning({ id: applications.id });
        if (!row) throw new Error("insert into applications returned no row");
        await tx.insert(applicationEvents).values({
          applicationId: row.id,
          fromStatus: null,
          toStatus: "applied",
          byUserId: candidateId,
          at: now,
        });
        return { consentGiven, applicationId: row.id };
      }));
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new AppError(ErrorCode.conflict, "you already applied to this vacancy");
      }
      throw error;
    }
    if (consentGiven) await this.consents.announce({ standId, candidateId, active: true });
    return this.#mine(candidateId, applicationId);
  }

  mine(candidateId: string): Promise<MyApplication[]> {
    return candidateApplications(this.db, candidateId);
  }

  async withdraw(candidateId: string, applicationId: string): Promise<MyApplication> {
    await this.#move(applicationId, candidateId, "withdrawn", (current) => {
      if (current.candidateId !== candidateId) {
        throw new AppError(ErrorCode.notFound, "no such application");
      }
      if (!canWithdrawApplication(current.status)) {
        throw new AppError(
          ErrorCode.invalidTransition,
          `an application that is ${current.status} can no longer be withdrawn`,
        );
      }
    });
    return this.#mine(candidateId, applicationId);
  }

  /** The stand an application belongs to, for the access check before reading or moving it. */
  async standOf(applicationId: string): Promise<string> {
    const [row] = await this.db
      .select({ standId: applications.standId })
      .from(applications)
      .where(eq(applications.id, applicationId))
      .limit(1);
    if (!row) throw new AppError(ErrorCode.notFound, "no such application");
    return row.standId;
  }

  /** Moves an application on behalf of stand staff; the caller has checked they may. */
  async moveByStaff(
    applicationId: string,
    staffId: string,
    to: ApplicationStatus,
  ): Promise<StaffApplication> {
    const standId = await this.#move(applicationId, staffId, to, (current) => {
      if (!canStaffMoveApplication(current.status, to)) {
        throw new AppError(
          ErrorCode.invalidTransition,
          `an application cannot move from ${current.status} to ${to}`,
          "status",
        );
      }
    });
    const [moved] = await standApplications(this.db, standId, { applicationId });
    if (!moved) throw new AppError(ErrorCode.notFound, "no such application");
    return moved;
  }

  forStand(standId: string, query: StandApplicationsQuery): Promise<Page<StaffApplication>> {
    const { status, vacancyId, page, pageSize } = query;
    return standApplicationsPage(this.db, standId, { status, vacancyId }, { page, pageSize });
  }

  /** One candidate's applications at a stand, for the console during their interview. */
  ofCandidateAtStand(standId: string, candidateId: string): Promise<StaffApplication[]> {
    return standApplications(this.db, standId, { candidateId });
  }

  /**
   * Changes the status and records the move in one transaction, with the
   * application row locked so two moves at once are judged one after the
   * other. `check` throws when the move is not allowed. Returns the stand.
   */
  async #move(
    applicationId: string,
    byUserId: string,
    to: ApplicationStatus,
    check: (current: { status: ApplicationStatus; candidateId: string | null }) => void,
  ): Promise<string> {
    return this.db.transaction(async (tx) => {
      const [current] = await tx
        .select({
          status: applications.status,
          candidateId: applications.candidateId,
          standId: applications.standId,
          updatedAt: applications.updatedAt,
        })
        .from(applications)
        .where(eq(applications.id, applicationId))
        .for("update");
      if (!current) throw new AppError(ErrorCode.notFound, "no such application");
      check(current);
      const at = nextMoveAt(current.updatedAt);
      await tx
        .update(applications)
        .set({ status: to, updatedAt: at })
        .where(eq(applications.id, applicationId));
      await tx.insert(applicationEvents).values({
        applicationId,
        fromStatus: current.status,
        toStatus: to,
        byUserId,
        at,
      });
      return current.standId;
    });
  }

  async #mine(candidateId: string, applicationId: string): Promise<MyApplication> {
    const [application] = await candidateApplications(this.db, candidateId, applicationId);
    if (!application) throw new AppError(ErrorCode.notFound, "no such application");
    return application;
  }
}
