/** Reads the fair hall: a fair with its approved stands and their open vacancies. */
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { ErrorCode, type FairHall, type StandSummary } from "@crossfair/shared";
import type { Database } from "../plugins/db.js";
import { AppError } from "../plugins/errors.js";
import { fairOrganisers, fairs, organisers, stands, vacancies } from "./fair.schema.js";

export class FairService {
  constructor(private readonly db: Database) {}

  /** The fair visitors land on: a live one first, then one open for registration, then the latest. */
  async currentFairSlug(): Promise<string> {
    const [fair] = await this.db
      .select({ slug: fairs.slug })
      .from(fairs)
      .where(inArray(fairs.status, ["live", "registration_open"]))
      .orderBy(sql`case ${fairs.status} when 'live' then 0 else 1 end`, desc(fairs.startsAt))
      .limit(1);
    if (!fair) throw new AppError(ErrorCode.notFound, "no fair is open");
    return fair.slug;
  }

  async hall(slug: string): Promise<FairHall> {
    const [fair] = await this.db.select().from(fairs).where(eq(fairs.slug, slug)).limit(1);
    if (!fair) throw new AppError(ErrorCode.notFound, `no fair "${slug}"`);

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

    const standSummaries: StandSummary[] = standRows.map((stand) => ({
      id: stand.id,
      kind: stand.kind,
      organisationName: stand.organisationName,
      description: stand.description,
      sector: stand.sector,
      country: stand.country,
      region: stand.region,
      languages: stand.languages,
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
      },
      stands: standSummaries,
    };
  }
}
