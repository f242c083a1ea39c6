/**
 * Reads applications as each side sees them: the candidate's own view (their
 * applications and when each moved) and the stand's view (with who moved them,
 * and the candidate's profile only while their consent for the stand is
 * active). Consent is read from the database on every call, never cached, so
 * a revocation hides the profile at once. The candidate's data export reads
 * its applications here too.
 */
import { and, asc, count, desc, eq, inArray, type SQL } from "drizzle-orm";
import type {
  ApplicationStatus,
  MyApplication,
  Page,
  PaginationQuery,
  StaffApplication,
} from "@crossfair/shared";
import { offsetOf } from "@crossfair/shared";
import { users } from "../auth/auth.schema.js";
import { consentedProfiles } from "../candidate/shared-profile.js";
import { stands, vacancies } from "../stand/stand.schema.js";
import type { Database } from "../plugins/db.js";
import { applicationEvents, applications } from "./application.schema.js";

type Reader = Pick<Database, "select">;

interface Step {
  applicationId: string;
  from: ApplicationStatus | null;
  to: ApplicationStatus;
  at: Date;
  byId: string | null;
  byName: string | null;
}

/** Every move of the given applications, oldest first (moves of one application never share a time). */
async function historyOf(db: Reader, applicationIds: string[]): Promise<Map<string, Step[]>> {
  const history = new Map<string, Step[]>(applicationIds.map((id) => [id, []]));
  if (applicationIds.length === 0) return history;
  const rows = await db
    .select({
      applicationId: applicationEvents.applicationId,
      from: applicationEvents.fromStatus,
      to: applicationEvents.toStatus,
      at: applicationEvents.at,
      byId: users.id,
      byName: users.displayName,
    })
    .from(applicationEvents)
    .leftJoin(users, eq(users.id, applicationEvents.byUserId))
    .where(inArray(applicationEvents.applicationId, applicationIds))
    .orderBy(asc(applicationEvents.at));
  for (const row of rows) history.get(row.applicationId)?.push(row);
  return history;
}

// ---- the candidate's view ------------------------------------------------------

/** The candidate's applications, newest first; one of them when `applicationId` is given. */
export async function candidateApplications(
  db: Reader,
  candidateId: string,
  applicationId?: string,
): Promise<MyApplication[]> {
  const rows = await db
    .select({
      application: applications,
      vacancy: {
        id: vacancies.id,
        title: vacancies.title,
        originalLanguage: vacancies.originalLanguage,
      },
      stand: { id: stands.id, organisationName: stands.organisationName },
    })
    .from(applications)
    .innerJoin(vacancies, eq(vacancies.id, applications.vacancyId))
    .innerJoin(stands, eq(stands.id, applications.standId))
    .where(
      and(
        eq(applications.candidateId, candidateId),
        applicationId ? eq(applications.id, applicationId) : undefined,
      ),
    )
    .orderBy(desc(applications.createdAt), asc(applications.id));
  const history = await historyOf(
    db,
    rows.map((row) => row.application.id),
  );
  return rows.map(({ application, vacancy, stand }) => ({
    id: application.id,
    status: application.status,
    message: application.message,
    createdAt: application.createdAt.toISOString(),
    updatedAt: application.updatedAt.toISOString(),
    vacancy,
    stand,
    // The candidate sees what happened and when, not which staff member did it.
    history: (history.get(application.id) ?? []).map((step) => ({
      from: step.from,
      to: step.to,
      at: step.at.toISOString(),
    })),
  }));
}

// ---- the stand's view ----------------------------------------------------------

export interface StandApplicationFilter {
  status?: ApplicationStatus | undefined;
  vacancyId?: string | undefined;
  candidateId?: string | undefined;
  applicationId?: string | undefined;
}

function standWhere(standId: string, filter: StandApplicationFilter): SQL | undefined {
  return and(
    eq(applications.standId, standId),
    filter.status ? eq(applications.status, filter.status) : undefined,
    filter.vacancyId ? eq(applications.vacancyId, filter.vacancyId) : undefined,
    filter.candidateId ? eq(applications.candidateId, filter.candidateId) : undefined,
    filter.applicationId ? eq(applications.id, filter.applicationId) : undefined,
  );
}

async function staffRows(
  db: Reader,
  standId: string,
  filter: StandApplicationFilter,
  page?: PaginationQuery,
): Promise<StaffApplication[]> {
  const query = db
    .select({
      application: applications,
      vacancy: {
        id: vacancies.id,
        title: vacancies.title,
        originalLanguage: vacancies.originalLanguage,
      },
      candidateName: users.displayName,
    })
    .from(applications)
    .innerJoin(vacancies, eq(vacancies.id, applications.vacancyId))
    .leftJoin(users, eq(users.id, applications.candidateId))
    .where(standWhere(standId, filter))
    .orderBy(desc(applications.createdAt), asc(applications.id));
  const rows = page ? await query.limit(page.pageSize).offset(offsetOf(page)) : await query;
  const candidateIds = [
    ...new Set(
      rows.flatMap((row) => (row.application.candidateId ? [row.application.candidateId] : [])),
    ),
  ];
  const [history, profiles] = await Promise.all([
    historyOf(
      db,
      rows.map((row) => row.application.id),
    ),
    consentedProfiles(db, standId, candidateIds),
  ]);
  return rows.map(({ application, vacancy, candidateName }) => ({
    id: application.id,
    status: application.status,
    message: application.message,
    createdAt: application.createdAt.toISOString(),
    updatedAt: application.updatedAt.toISOString(),
    vacancy,
    candidate: {
      id: application.candidateId,
      displayName: candidateName,
      profile: application.candidateId ? (profiles.get(application.candidateId) ?? null) : null,
    },
    history: (history.get(application.id) ?? []).map((step) => ({
      from: step.from,
      to: step.to,
      at: step.at.toISOString(),
      by: step.byId && step.byName ? { id: step.byId, displayName: step.byName } : null,
    })),
  }));
}

/** A page of the stand's applications, newest first. */
export async function standApplicationsPage(
  db: Reader,
  standId: string,
  filter: StandApplicationFilter,
  page: PaginationQuery,
): Promise<Page<StaffApplication>> {
  const [items, [total]] = await Promise.all([
    staffRows(db, standId, filter, page),
    db.select({ total: count() }).from(applications).where(standWhere(standId, filter)),
  ]);
  return { items, total: total?.total ?? 0, page: page.page, pageSize: page.pageSize };
}

/** Every application at the stand that matches, newest first (one candidate's, or one by id). */
export function standApplications(
  db: Reader,
  standId: string,
  filter: StandApplicationFilter,
): Promise<StaffApplication[]> {
  return staffRows(db, standId, filter);
}
