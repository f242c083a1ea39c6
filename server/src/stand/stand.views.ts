/**
 * How stands and vacancies are shown over HTTP, built from their rows: one
 * place for the StandDetails and VacancyDetails shapes every stand route answers.
 */
import type { DomainEvents } from "../events/domain-events.js";
import { and, asc, eq, inArray } from "drizzle-orm";
import { ErrorCode, type StandDetails, type VacancyDetails } from "@crossfair/shared";
import { stands, vacancies } from "./stand.schema.js";
import type { Database } from "../plugins/db.js";
import { AppError } from "../plugins/errors.js";

export type StandRow = typeof stands.$inferSelect;
export type VacancyRow = typeof vacancies.$inferSelect;

/**
 * What the stand domain tells the others when a stand or its staff change
 * (`stand.changed`, `staff.changed`, `staff.removed`); the queue's caches in
 * every process follow them (queue/queue.caches.ts).
 */
export type StandEvents = Pick<DomainEvents, "emit">;

export function vacancyDetails(row: VacancyRow): VacancyDetails {
  return {
    id: row.id,
    standId: row.standId,
    title: row.title,
    description: row.description,
    originalLanguage: row.originalLanguage,
    sector: row.sector,
    country: row.country,
    region: row.region,
    contractType: row.contractType,
    openings: row.openings,
    requiredLanguages: row.requiredLanguages,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Stands with their vacancies (only the open ones when `openOnly`), in the order given. */
export async function standDetailsOf(
  db: Database,
  rows: StandRow[],
  options: { openOnly: boolean },
): Promise<StandDetails[]> {
  if (rows.length === 0) return [];
  const vacancyRows = await db
    .select()
    .from(vacancies)
    .where(
      and(
        inArray(
          vacancies.standId,
          rows.map((row) => row.id),
        ),
        options.openOnly ? eq(vacancies.status, "open") : undefined,
      ),
    )
    .orderBy(asc(vacancies.createdAt), asc(vacancies.id));
  return rows.map((row) => ({
    id: row.id,
    fairId: row.fairId,
    kind: row.kind,
    organisationName: row.organisationName,
    description: row.description,
    sector: row.sector,
    country: row.country,
    region: row.region,
    languages: row.languages,
    logoUrl: row.logoUrl,
    documents: row.documents,
    approvalStatus: row.approvalStatus,
    vacancies: vacancyRows
      .filter((vacancy) => vacancy.standId === row.id)
      .map((vacancy) => vacancyDetails(vacancy)),
  }));
}

export async function standRow(db: Database, standId: string): Promise<StandRow> {
  const [row] = await db.select().from(stands).where(eq(stands.id, standId)).limit(1);
  if (!row) throw new AppError(ErrorCode.notFound, "no such stand");
  return row;
}
