/**
 * Results of a fair for its organisers, computed from what lasts: the queue
 * event log, interviews, applications, stands, vacancies and profiles.
 * Read-only; cheap enough to run on demand for a fair of a few thousand visitors.
 */
import { and, count, eq, inArray, ne } from "drizzle-orm";
import { APPLICATION_STATUSES, type FairReport, type StandReport } from "@crossfair/shared";
import { applications } from "../application/application.schema.js";
import { candidateProfiles } from "../candidate/candidate.schema.js";
import { fairBySlug } from "../fair/fair.lookup.js";
import { fairRegistrations } from "../fair/fair.schema.js";
import { stands, vacancies } from "../stand/stand.schema.js";
import { interviews } from "../interview/interview.schema.js";
import type { Database } from "../plugins/db.js";
import { queueEvents } from "../queue/queue.schema.js";
import { NO_BOOKING_FIGURES, bookingFigures } from "./reports.bookings.js";

const mean = (values: number[]) =>
  values.length === 0 ? null : Math.round(values.reduce((a, b) => a + b, 0) / values.length);

export class ReportsService {
  constructor(
    private readonly db: Database,
    /** What "past" and "started" mean for slots; tests may set it. */
    private readonly clock: () => number = Date.now,
  ) {}

  async fairReport(slug: string): Promise<FairReport> {
    const fair = await fairBySlug(this.db, slug);

    const standRows = await this.db
      .select()
      .from(stands)
      .where(and(eq(stands.fairId, fair.id), eq(stands.approvalStatus, "approved")));
    const standIds = standRows.map((stand) => stand.id);
    const now = new Date(this.clock());
    const [vacancyRows, eventRows, interviewRows, applicationRows, registrationRows, booking] =
      await Promise.all([
        standIds.length
          ? this.db
              .select()
              .from(vacancies)
              .where(and(inArray(vacancies.standId, standIds), eq(vacancies.status, "open")))
          : [],
        this.db
          .select({
            standId: queueEvents.standId,
            type: queueEvents.type,
            candidateId: queueEvents.candidateId,
            at: queueEvents.at,
          })
          .from(queueEvents)
          .where(eq(queueEvents.fairId, fair.id))
          .orderBy(queueEvents.at, queueEvents.id),
        standIds.length
          ? this.db
              .select({ standId: interviews.standId })
              .from(interviews)
              .where(inArray(interviews.standId, standIds))
          : [],
        // Applications of deleted accounts still count: their rows stay with the candidate set to null.
        standIds.length
          ? this.db
              .select({
                standId: applications.standId,
                status: applications.status,
                total: count(),
              })
              .from(applications)
              .where(inArray(applications.standId, standIds))
              .groupBy(applications.standId, applications.status)
          : [],
        // This fair's job seekers, not every candidate account on the platform.
        this.db
          .select({ candidateId: fairRegistrations.candidateId })
          .from(fairRegistrations)
          .where(
            and(eq(fairRegistrations.fairId, fair.id), ne(fairRegistrations.status, "rejected")),
          ),
        bookingFigures(this.db, fair.id, standIds, now),
      ]);

    // Wait = from a join to the next call of the same candidate at the same stand.
    const joinedAt = new Map<string, number>();
    const waits = new Map<string, number[]>();
    const present = new Set<string>();
    for (const event of eventRows) {
      if (!event.candidateId) continue;
      const key = `${event.standId}|${event.candidateId}`;
      if (event.type === "join") {
        joinedAt.set(key, event.at.getTime());
        present.add(event.candidateId);
      } else if (event.type === "call" && joinedAt.has(key)) {
        const list = waits.get(event.standId) ?? [];
        list.push(event.at.getTime() - (joinedAt.get(key) ?? 0));
        waits.set(event.standId, list);
        joinedAt.delete(key);
      }
    }
    const countOf = (standId: string, types: string[]) =>
      eventRows.filter((event) => event.standId === standId && types.includes(event.type)).length;

    const standReports: StandReport[] = standRows
      .map((stand) => ({
        ...(booking.stands.get(stand.id) ?? NO_BOOKING_FIGURES),
        standId: stand.id,
        organisationName: stand.organisationName,
        kind: stand.kind,
        openVacancies: vacancyRows.filter((vacancy) => vacancy.standId === stand.id).length,
        queueJoins: countOf(stand.id, ["join"]),
        interviews: interviewRows.filter((row) => row.standId === stand.id).length,
        noShows: countOf(stand.id, ["no_show", "decline"]),
        averageWaitMs: mean(waits.get(stand.id) ?? []),
        applications: applicationRows
          .filter((row) => row.standId === stand.id)
          .reduce((sum, row) => sum + row.total, 0),
        hires: applicationRows
          .filter((row) => row.standId === stand.id && row.status === "hired")
          .reduce((sum, row) => sum + row.total, 0),
      }))
      .sort((a, b) => a.organisationName.localeCompare(b.organisationName));

    const profiles = present.size
      ? await this.db
          .select({ country: candidateProfiles.country, region: candidateProfiles.region })
          .from(candidateProfiles)
          .where(inArray(candidateProfiles.userId, [...present]))
      : [];
    const residence = new Map<string, { country: string; region: string; jobSeekers: number }>();
    for (const profile of profiles) {
      const key = `${profile.country}|${profile.region}`;
      const entry = residence.get(key) ?? { ...profile, jobSeekers: 0 };
      entry.jobSeekers += 1;
      residence.set(key, entry);
    }
    const unknownResidence = present.size - profiles.length;
    if (unknownResidence > 0) {
      residence.set("?", { country: "", region: "", jobSeekers: unknownResidence });
    }

    return {
      fairId: fair.id,
      slug: fair.slug,
      generatedAt: now.toISOString(),
      totals: {
        // Registered for this fair (not refused), or taking part in it: a present job seeker
        // at a fair that asks no registration counts too.
        jobSeekersRegistered: new Set([
          ...registrationRows.map((row) => row.candidateId),
          ...present,
        ]).size,
        jobSeekersPresent: present.size,
        stands: standRows.length,
        vacancies: vacancyRows.length,
        openings: vacancyRows.reduce((sum, vacancy) => sum + vacancy.openings, 0),
        queueJoins: standReports.reduce((sum, stand) => sum + stand.queueJoins, 0),
        interviewsHeld: interviewRows.length,
        interviewsBooked: standReports.reduce((sum, stand) => sum + stand.bookedInterviews, 0),
        interviewsWalkIn: standReports.reduce((sum, stand) => sum + stand.walkInInterviews, 0),
        noShows: standReports.reduce((sum, stand) => sum + stand.noShows, 0),
        averageWaitMs: mean([...waits.values()].flat()),
        applications: standReports.reduce((sum, stand) => sum + stand.applications, 0),
        hires: standReports.reduce((sum, stand) => sum + stand.hires, 0),
      },
      applicationsByStatus: APPLICATION_STATUSES.map((status) => ({
        status,
        count: applicationRows
          .filter((row) => row.status === status)
          .reduce((sum, row) => sum + row.total, 0),
      })),
      residence: [...residence.values()].sort((a, b) => b.jobSeekers - a.jobSeekers),
      stands: standReports,
      noShowRates: booking.noShowRates,
      slots: booking.slots,
    };
  }
}
