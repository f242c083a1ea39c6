/**
 * Reads the fair hall: a fair with its approved stands and their open
 * vacancies, whole (`hall`) or as a filtered, paged list (`standList`).
 */
import { and, asc, count, eq, exists, ilike, inArray, not, or, sql, type SQL } from "drizzle-orm";
import {
  offsetOf,
  type FairHall,
  type Page,
  type StandListQuery,
  type StandSummary,
} from "@crossfair/shared";
import type { Database } from "../plugins/db.js";
import { currentFair, fairBySlug } from "./fair.lookup.js";
import { fairOrganisers, organisers } from "./fair.schema.js";
import { stands, vacancies } from "../stand/stand.schema.js";

type StandRow = typeof stands.$inferSelect;

/** `%text%` for ILIKE, with the pattern characters in the text taken literally. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

const openVacancyOf = (standId: typeof stands.id) =>
  and(eq(vacancies.standId, standId), eq(vacancies.status, "open"));

export class FairService {
  constructor(private readonly db: Database) {}

  /** The fair visitors land on: a live one first, then one open for registration, then the latest. */
  async currentFairSlug(): Promise<string> {
    return (await currentFair(this.db)).slug;
  }

  async hall(slug: string): Promise<FairHall> {
    const fair = await fairBySlug(this.db, slug);
    const organiserRows = await this.db
      .select({ name: organisers.name })
      .from(fairOrganisers)
      .innerJoin(organisers, eq(organisers.id, fairOrganisers.organiserId))
      .where(eq(fairOrganisers.fairId, fair.id))
      .orderBy(asc(organisers.name));

    const standRows = await this.db
      .select()
      .from(stands)
      .where(and(eq(stands.fairId, fair.id), eq(stands.approvalStatus, "approved")))
      .orderBy(asc(stands.organisationName));

    return {
      fair: {
        id: fair.id,
        slug: fair.slug,
        name: fair.name,
        description: fair.description,
        status: fair.status,
        timeZone: fair.timeZone,
        startsAt: fair.startsAt.toISOString(),
        endsAt: fair.endsAt.toISOString(),
        languages: fair.languages,
        organisers: organiserRows.map((row) => row.name),
        openingHours: fair.openingHours,
        registrationOpensAt: fair.registrationOpensAt?.toISOString() ?? null,
        registrationClosesAt: fair.registrationClosesAt?.toISOString() ?? null,
        registrationNeedsApproval: fair.registrationNeedsApproval,
      },
      stands: await this.#summaries(standRows),
    };
  }

  /** One page of a fair's approved stands, by organisation name, every given filter applied. */
  async standList(slug: string, query: StandListQuery): Promise<Page<StandSummary>> {
    const fair = await fairBySlug(this.db, slug);
    const conditions: SQL[] = [eq(stands.fairId, fair.id), eq(stands.approvalStatus, "approved")];
    const openVacancy = this.db
      .select({ one: sql`1` })
      .from(vacancies)
      .where(openVacancyOf(stands.id));
    if (query.q) {
      const pattern = containsPattern(query.q);
      const titleMatches = this.db
        .select({ one: sql`1` })
        .from(vacancies)
        .where(
          and(
            openVacancyOf(stands.id),
            sql`exists (select 1 from jsonb_each_text(${vacancies.title}) as title where title.value ilike ${pattern})`,
          ),
        );
      const matches = or(
        ilike(stands.organisationName, pattern),
        ilike(stands.sector, pattern),
        exists(titleMatches),
      );
      if (matches) conditions.push(matches);
    }
    if (query.sector) conditions.push(sql`lower(${stands.sector}) = lower(${query.sector})`);
    if (query.region) conditions.push(sql`lower(${stands.region}) = lower(${query.region})`);
    if (query.kind) conditions.push(eq(stands.kind, query.kind));
    if (query.language) {
      conditions.push(sql`${stands.languages} @> ${JSON.stringify([query.language])}::jsonb`);
    }
    if (query.hasOpenVacancies !== undefined) {
      conditions.push(query.hasOpenVacancies ? exists(openVacancy) : not(exists(openVacancy)));
    }

    const where = and(...conditions);
    const [total] = await this.db.select({ total: count() }).from(stands).where(where);
    const standRows = await this.db
      .select()
      .from(stands)
      .where(where)
      .orderBy(asc(stands.organisationName), asc(stands.id))
      .limit(query.pageSize)
      .offset(offsetOf(query));
    return {
      items: await this.#summaries(standRows),
      total: total?.total ?? 0,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** The stands as visitors see them, each with its open vacancies (oldest first). */
  async #summaries(standRows: StandRow[]): Promise<StandSummary[]> {
    const vacancyRows = standRows.length
      ? await this.db
          .select()
          .from(vacancies)
          .where(
            and(
              inArray(
                vacancies.standId,
                standRows.map((stand) => stand.id),
              ),
              eq(vacancies.status, "open"),
            ),
          )
          .orderBy(asc(vacancies.createdAt))
      : [];

    return standRows.map((stand) => ({
      id: stand.id,
      kind: stand.kind,
      organisationName: stand.organisationName,
      description: stand.description,
      sector: stand.sector,
      country: stand.country,
      region: stand.region,
      languages: stand.languages,
      logoUrl: stand.logoUrl,
      vacancies: vacancyRows
        .filter((vacancy) => vacancy.standId === stand.id)
        .map((vacancy) => ({
          id: vacancy.id,
          title: vacancy.title,
          originalLanguage: vacancy.originalLanguage,
          contractType: vacancy.contractType,
          country: vacancy.country,
          region: vacancy.region,
          openings: vacancy.openings,
          requiredLanguages: vacancy.requiredLanguages,
        })),
    }));
  }
}
