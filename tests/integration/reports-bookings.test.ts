/**
 * The report's figures on booked slots, on PGlite and on PostgreSQL: slots,
 * bookings, interviews and queue events are written straight into their
 * tables (the booking routes are another suite's), then the report and its
 * CSV must count booked versus walk-in interviews, the no-show rate of each
 * and the slots' use exactly as defined, leaving out cancelled bookings and
 * withdrawn slots, and keeping slots to come apart.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inArray } from "drizzle-orm";
import { fairReportSchema, type BookingStatus, type FairReport } from "@crossfair/shared";
import { users } from "@crossfair/server/auth/auth.schema";
import { interviewSlots, slotBookings } from "@crossfair/server/availability/availability.schema";
import { interviews } from "@crossfair/server/interview/interview.schema";
import { queueEvents } from "@crossfair/server/queue/queue.schema";
import { buildTestApp, type TestApp } from "../support/app.js";
import { onEveryDatabase } from "../support/every-database.js";
import { signInCookie } from "../support/session.js";
import {
  ADMIN,
  FOOD,
  LOGISTICS,
  RECRUITER,
  STAND_ADMIN,
  hallOf,
  standIn,
} from "./application-fixture.js";

const MINUTE = 60_000;
const REPORT_URL = "/api/admin/fairs/cross-border-job-day/report";

/** Writes the day's slots, bookings, interviews and queue events; times are from now. */
async function writeTheDay(app: TestApp): Promise<void> {
  const db = app.database.db;
  const hall = await hallOf(app);
  const fairId = hall.fair.id;
  const food = standIn(hall, FOOD).id;
  const logistics = standIn(hall, LOGISTICS).id;
  const people = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(
      inArray(users.email, [
        "candidate@crossfair.test",
        "kandidaat@crossfair.test",
        RECRUITER,
        STAND_ADMIN,
      ]),
    );
  const idOf = (email: string) => people.find((person) => person.email === email)!.id;
  const camille = idOf("candidate@crossfair.test");
  const jens = idOf("kandidaat@crossfair.test");
  const now = Date.now();

  const slot = async (
    standId: string,
    startsInMinutes: number,
    options: { withdrawn?: boolean; minutes?: number } = {},
  ) => {
    const startsAt = new Date(now + startsInMinutes * MINUTE);
    const [row] = await db
      .insert(interviewSlots)
      .values({
        standId,
        startsAt,
        endsAt: new Date(startsAt.getTime() + (options.minutes ?? 15) * MINUTE),
        withdrawnAt: options.withdrawn ? new Date(now - 300 * MINUTE) : null,
      })
      .returning({ id: interviewSlots.id });
    return row!.id;
  };
  const interview = async (standId: string, candidateId = camille) => {
    const recruiterId = standId === food ? idOf(RECRUITER) : idOf(STAND_ADMIN);
    const [row] = await db
      .insert(interviews)
      .values({ standId, recruiterId, candidateId, status: "ended", endedAt: new Date() })
      .returning({ id: interviews.id });
    return row!.id;
  };
  const book = async (
    standId: string,
    slotId: string,
    status: BookingStatus,
    interviewId: string | null = null,
    candidateId = camille,
  ) => {
    const [row] = await db
      .insert(slotBookings)
      .values({
        slotId,
        standId,
        candidateId,
        status,
        interviewId,
        cancelledAt: status === "cancelled" ? new Date() : null,
      })
      .returning({ id: slotBookings.id });
    return row!.id;
  };

  // Food, past slots.
  const attended = await book(food, await slot(food, -180), "attended", await interview(food));
  await book(food, await slot(food, -150), "no_show");
  await book(food, await slot(food, -120), "booked"); // never called: missed, not in the rate
  await book(food, await slot(food, -100), "cancelled"); // empty, not in the rate
  const recalled = await slot(food, -90);
  await book(food, recalled, "cancelled", null, jens);
  const unanswered = await book(food, recalled, "called"); // past the grace: a no-show
  await slot(food, -60); // nobody booked: empty
  await book(food, await slot(food, -45, { withdrawn: true }), "cancelled"); // left out
  await slot(food, -30, { withdrawn: true }); // left out
  // Food, now and to come.
  await book(food, await slot(food, -2, { minutes: 10 }), "called"); // in its grace: upcoming, booked
  await book(food, await slot(food, 60), "booked");
  await slot(food, 90);
  await book(food, await slot(food, 120), "cancelled"); // free again
  await slot(food, 150, { withdrawn: true }); // left out
  // Logistics.
  await book(
    logistics,
    await slot(logistics, -200),
    "attended",
    await interview(logistics, jens),
    jens,
  );
  await slot(logistics, 45);

  // Walk-in interviews.
  await interview(food);
  await interview(food, jens);
  await interview(logistics);

  // Queue events: walk-in calls carry no bookingId; booked calls do.
  const event = (
    standId: string,
    type: (typeof queueEvents.$inferInsert)["type"],
    data: Record<string, unknown> | null = null,
  ) => ({ fairId, standId, type, candidateId: camille, data });
  await db
    .insert(queueEvents)
    .values([
      event(food, "call"),
      event(food, "call"),
      event(food, "call", {}),
      event(food, "call"),
      event(food, "decline"),
      event(food, "no_show", {}),
      event(food, "removed"),
      event(food, "call", { bookingId: unanswered }),
      event(food, "no_show", { bookingId: unanswered }),
      event(food, "call", { bookingId: attended }),
      event(food, "accept", { bookingId: attended }),
      event(logistics, "call"),
      event(logistics, "accept"),
    ]);
}

await onEveryDatabase((backend, env) => {
  describe(`report on booked slots (${backend})`, () => {
    let app: TestApp;
    let admin: string;
    let report: FairReport;

    beforeAll(async () => {
      app = await buildTestApp(env());
      admin = await signInCookie(app, ADMIN);
      await writeTheDay(app);
      const response = await app.http.inject({ url: REPORT_URL, headers: { cookie: admin } });
      expect(response.statusCode, response.body).toBe(200);
      report = fairReportSchema.parse(response.json());
    });
    afterAll(async () => app?.dispose());

    const standOf = (name: string) => {
      const stand = report.stands.find((entry) => entry.organisationName === name);
      if (!stand) throw new Error(`no stand ${name} in the report`);
      return stand;
    };

    it("counts interviews a booking led to apart from walk-ins", () => {
      expect(report.totals).toMatchObject({
        interviewsHeld: 5,
        interviewsBooked: 2,
        interviewsWalkIn: 3,
      });
      expect(standOf(FOOD)).toMatchObject({
        interviews: 3,
        bookedInterviews: 1,
        walkInInterviews: 2,
      });
      expect(standOf(LOGISTICS)).toMatchObject({ bookedInterviews: 1, walkInInterviews: 1 });
      expect(standOf("Lille Métropole Santé")).toMatchObject({
        bookedInterviews: 0,
        walkInInterviews: 0,
      });
    });

    it("rates no-shows of booked candidates and of walk-in calls apart", () => {
      // Booked: no_show and called-past-grace, of those plus the two attended.
      expect(report.noShowRates.booked).toEqual({ noShows: 2, outOf: 4, rate: 0.5 });
      // Walk-in: one decline and one no_show, of five calls without a booking.
      expect(report.noShowRates.walkIn).toEqual({ noShows: 2, outOf: 5, rate: 0.4 });
      // Per stand, the same counts: Logistics had one attended booking and one answered call.
      expect(standOf(FOOD).noShowRates).toEqual({
        booked: { noShows: 2, outOf: 3, rate: 2 / 3 },
        walkIn: { noShows: 2, outOf: 4, rate: 0.5 },
      });
      expect(standOf(LOGISTICS).noShowRates).toEqual({
        booked: { noShows: 0, outOf: 1, rate: 0 },
        walkIn: { noShows: 0, outOf: 1, rate: 0 },
      });
      expect(standOf("Lille Métropole Santé").noShowRates.booked).toEqual({
        noShows: 0,
        outOf: 0,
        rate: null,
      });
    });

    it("counts slot use, past and to come, without withdrawn slots", () => {
      expect(standOf(FOOD).slots).toEqual({
        held: 1,
        missed: 3,
        empty: 2,
        upcomingBooked: 2,
        upcomingFree: 2,
      });
      expect(standOf(LOGISTICS).slots).toEqual({
        held: 1,
        missed: 0,
        empty: 0,
        upcomingBooked: 0,
        upcomingFree: 1,
      });
      expect(report.slots).toEqual({
        held: 2,
        missed: 3,
        empty: 2,
        upcomingBooked: 2,
        upcomingFree: 3,
      });
    });

    it("exports the booked figures per stand in the CSV", async () => {
      const response = await app.http.inject({
        url: `${REPORT_URL.replace(/\/report$/, "/report.csv")}`,
        headers: { cookie: admin },
      });
      expect(response.statusCode).toBe(200);
      const [header, ...rows] = response.body
        .replace(/^\ufeff/, "")
        .trim()
        .split("\n");
      expect(header).toBe(
        "stand,kind,open_vacancies,queue_joins,interviews,no_shows,average_wait_minutes,applications,hires," +
          "booked_interviews,walk_in_interviews,past_slots_held,past_slots_missed,past_slots_empty," +
          "upcoming_slots_booked,upcoming_slots_free," +
          "booked_no_shows,booked_no_shows_out_of,walk_in_no_shows,walk_in_calls",
      );
      expect(rows.find((row) => row.startsWith(`${FOOD},`))).toMatch(/,1,2,1,3,2,2,2,2,3,2,4$/);
      expect(rows.find((row) => row.startsWith(`${LOGISTICS},`))).toMatch(
        /,1,1,1,0,0,0,1,0,1,0,1$/,
      );
    });
  });
});
