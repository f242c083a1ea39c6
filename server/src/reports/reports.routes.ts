/**
 * Fair results for fair admins, as JSON and as CSV (one row per stand, its
 * booked and walk-in interviews and slot use included, or one row per
 * application status; formulas escaped). CSV is
 * written by csv-stringify, a maintained library, so quoting and separators in
 * organisation names are always right; a UTF-8 BOM lets spreadsheet programs
 * read accented names correctly.
 */
import { stringify } from "csv-stringify/sync";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { REPORT_API, fairSlugParamsSchema } from "@crossfair/shared";
import type { Guard } from "../auth/guard.js";
import { contractRoute } from "../plugins/contract-route.js";
import type { ReportsService } from "./reports.service.js";

// The CSV downloads are outside the JSON contract (OUTSIDE_CONTRACT) but take the same params.
const slugParams = fairSlugParamsSchema;

/**
 * Rows as CSV. A cell that a spreadsheet would run as a formula (a stand named
 * "=HYPERLINK(…)" or "+…", "@…") is written with a leading apostrophe:
 * csv-stringify's `escape_formulas`, against CSV injection (OWASP).
 */
function csvOf(rows: object[], columns: { key: string; header: string }[]): string {
  return stringify(rows, { header: true, columns, escape_formulas: true });
}

function sendCsv(reply: FastifyReply, fileName: string, csv: string) {
  return reply
    .type("text/csv; charset=utf-8")
    .header("content-disposition", `attachment; filename="${fileName}"`)
    .send(`\ufeff${csv}`);
}

/** `{held: 1}` as `{slotsHeld: 1}`: a nested figure as flat CSV keys. */
function prefixed(prefix: string, figures: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(figures).map(([key, value]) => [
      `${prefix}${key.charAt(0).toUpperCase()}${key.slice(1)}`,
      value,
    ]),
  );
}

export const reportsRoutes: FastifyPluginAsyncZod<{
  reports: ReportsService;
  guard: Guard;
}> = async (app, { reports, guard }) => {
  contractRoute(app, REPORT_API.report, {}, async (request) => {
    await guard.fairAdmin(request);
    return reports.fairReport(request.params.slug);
  });

  app.get(
    "/api/admin/fairs/:slug/report.csv",
    { schema: { params: slugParams } },
    async (request, reply) => {
      await guard.fairAdmin(request);
      const report = await reports.fairReport(request.params.slug);
      const csv = csvOf(
        report.stands.map((stand) => ({
          ...stand,
          ...prefixed("slots", stand.slots),
          bookedNoShows: stand.noShowRates.booked.noShows,
          bookedNoShowsOutOf: stand.noShowRates.booked.outOf,
          walkInNoShows: stand.noShowRates.walkIn.noShows,
          walkInCalls: stand.noShowRates.walkIn.outOf,
          averageWaitMinutes:
            stand.averageWaitMs === null ? "" : (stand.averageWaitMs / 60_000).toFixed(1),
        })),
        [
          { key: "organisationName", header: "stand" },
          { key: "kind", header: "kind" },
          { key: "openVacancies", header: "open_vacancies" },
          { key: "queueJoins", header: "queue_joins" },
          { key: "interviews", header: "interviews" },
          { key: "noShows", header: "no_shows" },
          { key: "averageWaitMinutes", header: "average_wait_minutes" },
          { key: "applications", header: "applications" },
          { key: "hires", header: "hires" },
          // Added after the first columns, so sheets built on those keep working.
          { key: "bookedInterviews", header: "booked_interviews" },
          { key: "walkInInterviews", header: "walk_in_interviews" },
          { key: "slotsHeld", header: "past_slots_held" },
          { key: "slotsMissed", header: "past_slots_missed" },
          { key: "slotsEmpty", header: "past_slots_empty" },
          { key: "slotsUpcomingBooked", header: "upcoming_slots_booked" },
          { key: "slotsUpcomingFree", header: "upcoming_slots_free" },
          { key: "bookedNoShows", header: "booked_no_shows" },
          { key: "bookedNoShowsOutOf", header: "booked_no_shows_out_of" },
          { key: "walkInNoShows", header: "walk_in_no_shows" },
          { key: "walkInCalls", header: "walk_in_calls" },
        ],
      );
      return sendCsv(reply, `${report.slug}-stands.csv`, csv);
    },
  );

  app.get(
    "/api/admin/fairs/:slug/report/applications.csv",
    { schema: { params: slugParams } },
    async (request, reply) => {
      await guard.fairAdmin(request);
      const report = await reports.fairReport(request.params.slug);
      const csv = csvOf(report.applicationsByStatus, [
        { key: "status", header: "status" },
        { key: "count", header: "applications" },
      ]);
      return sendCsv(reply, `${report.slug}-applications.csv`, csv);
    },
  );
};
