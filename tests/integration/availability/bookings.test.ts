/**
 * Booked interview slots through the real routes, on PGlite and PostgreSQL:
 * staff publish and see who booked (as far as the candidate shares), a
 * candidate books, lists and cancels until the cut-off, a withdrawn slot
 * cancels its booking, and the two guards hold under concurrency: 50
 * candidates racing for one slot give one booking, and one candidate racing
 * for many slots stays within the stand's limit.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiErrorSchema,
  bookableSlotsSchema,
  bookingSettingsSchema,
  candidateExportSchema,
  myBookingsSchema,
  standSlotsSchema,
  type FairHall,
} from "@crossfair/shared";
import { buildTestApp, type TestApp } from "../../support/app.js";
import { onEveryDatabase } from "../../support/every-database.js";
import { signInCookie } from "../../support/session.js";
import { bookSlot, booked, openDemoFairAhead, publishSlots } from "../../support/slots.js";
import { signUpCandidate } from "../../support/stands.js";
import { newRecruiterAt } from "../queue/staff-helpers.js";

const errorCode = (response: { json(): unknown }) =>
  apiErrorSchema.parse(response.json()).error.code;

function bookingSuite(backend: string, env: () => Record<string, string>) {
  describe(`booked slots on ${backend}`, () => {
    let app: TestApp;
    let standAdmin: string;
    let standId: string;
    let date: string;
    let dayAfter: string;

    const get = (url: string, cookie?: string) =>
      app.http.inject({ url, headers: cookie ? { cookie } : {} });
    const settings = async (body: Record<string, number>) => {
      const response = await app.http.inject({
        method: "PUT",
        url: `/api/stands/${standId}/booking-settings`,
        headers: { cookie: standAdmin },
        payload: {
          interviewMinutes: 15,
          bookingsPerCandidate: 1,
          bookingCutoffMinutes: 60,
          ...body,
        },
      });
      expect(response.statusCode, response.body).toBe(200);
      return bookingSettingsSchema.parse(response.json());
    };

    beforeAll(async () => {
      app = await buildTestApp(env());
      const admin = await signInCookie(app, "admin@crossfair.test");
      standAdmin = await signInCookie(app, "standadmin@crossfair.test");
      [date, dayAfter] = (await openDemoFairAhead(app, admin)) as [string, string];
      const hall = (await get("/api/fairs/current/hall")).json() as FairHall;
      standId = hall.stands.find((stand) => stand.organisationName === "Hainaut Logistique")!.id;
    }, 60_000);
    afterAll(async () => app?.dispose());

    it("lets a candidate book, staff see the booking, and the candidate cancel until the cut-off", async () => {
      const me = (await get("/api/auth/me", standAdmin)).json() as { user: { id: string } };
      const slots = await publishSlots(app, standAdmin, standId, {
        date,
        from: "09:00",
        to: "10:00",
        lengthMinutes: 20,
        breakMinutes: 10,
        recruiterId: me.user.id,
      });
      expect(slots).toHaveLength(2);
      const free = bookableSlotsSchema.parse(
        (await get(`/api/stands/${standId}/bookable-slots`)).json(),
      );
      expect(free.timeZone).toBe("Europe/Brussels");
      expect(free.slots.map((slot) => slot.id)).toEqual(
        expect.arrayContaining(slots.map((s) => s.id)),
      );

      const candidate = await signUpCandidate(app);
      const booking = await booked(app, candidate.cookie, slots[0]!.id);
      expect(booking).toMatchObject({ status: "booked", standId, standName: "Hainaut Logistique" });
      const again = await bookSlot(app, candidate.cookie, slots[1]!.id);
      expect([again.statusCode, errorCode(again)]).toEqual([409, "booking_limit"]);

      // The slot left the free list; staff see who booked, with the profile shared by booking.
      const after = bookableSlotsSchema.parse(
        (await get(`/api/stands/${standId}/bookable-slots`)).json(),
      );
      expect(after.slots.map((slot) => slot.id)).not.toContain(slots[0]!.id);
      const staffView = standSlotsSchema.parse(
        (await get(`/api/stands/${standId}/slots`, standAdmin)).json(),
      );
      const seen = staffView.slots.find((slot) => slot.id === slots[0]!.id);
      expect(seen?.booking).toMatchObject({ id: booking.id, status: "booked" });
      expect(seen?.booking?.candidate.profile?.displayName).toBe("Casey Candidate");
      // Revoking the consent hides the profile, not the booking.
      await app.http.inject({
        method: "DELETE",
        url: `/api/me/consents/${standId}`,
        headers: { cookie: candidate.cookie },
      });
      const hidden = standSlotsSchema.parse(
        (await get(`/api/stands/${standId}/slots`, standAdmin)).json(),
      );
      expect(
        hidden.slots.find((slot) => slot.id === slots[0]!.id)?.booking?.candidate.profile,
      ).toBeNull();

      const mine = myBookingsSchema.parse((await get("/api/me/bookings", candidate.cookie)).json());
      expect(mine.bookings.map((entry) => entry.id)).toEqual([booking.id]);
      // The candidate's data export holds the booking too.
      const exported = candidateExportSchema.parse(
        (await get("/api/me/export", candidate.cookie)).json(),
      );
      expect(exported.bookings.map((entry) => entry.id)).toEqual([booking.id]);

      // A cut-off of a week has passed for tomorrow's slot; a zero one has not.
      await settings({ bookingCutoffMinutes: 7 * 24 * 60 });
      const late = await app.http.inject({
        method: "DELETE",
        url: `/api/bookings/${booking.id}`,
        headers: { cookie: candidate.cookie },
      });
      expect([late.statusCode, errorCode(late)]).toEqual([409, "cancel_cutoff_passed"]);
      await settings({ bookingCutoffMinutes: 0 });
      const cancelled = await app.http.inject({
        method: "DELETE",
        url: `/api/bookings/${booking.id}`,
        headers: { cookie: candidate.cookie },
      });
      expect(cancelled.statusCode, cancelled.body).toBe(204);
      const listed = myBookingsSchema.parse(
        (await get("/api/me/bookings", candidate.cookie)).json(),
      );
      expect(listed.bookings[0]).toMatchObject({ id: booking.id, status: "cancelled" });
      await settings({});
    });

    it("cancels the booking of a withdrawn slot, and refuses typed what does not fit", async () => {
      const [slot] = await publishSlots(app, standAdmin, standId, {
        date,
        from: "11:00",
        to: "11:15",
        lengthMinutes: 15,
        recruiterId: null,
      });
      const candidate = await signUpCandidate(app);
      const booking = await booked(app, candidate.cookie, slot!.id);
      const withdrawn = await app.http.inject({
        method: "DELETE",
        url: `/api/stands/${standId}/slots/${slot!.id}`,
        headers: { cookie: standAdmin },
      });
      expect(withdrawn.statusCode, withdrawn.body).toBe(204);
      const mine = myBookingsSchema.parse((await get("/api/me/bookings", candidate.cookie)).json());
      expect(mine.bookings.find((entry) => entry.id === booking.id)?.status).toBe("cancelled");
      const late = await bookSlot(app, candidate.cookie, slot!.id);
      expect(errorCode(late)).toBe("slot_withdrawn");

      const publish = (body: Record<string, unknown>) =>
        app.http.inject({
          method: "POST",
          url: `/api/stands/${standId}/slots`,
          headers: { cookie: standAdmin },
          payload: {
            date,
            from: "12:00",
            to: "13:00",
            lengthMinutes: 15,
            recruiterId: null,
            ...body,
          },
        });
      expect(errorCode(await publish({ from: "06:00", to: "08:00" }))).toBe(
        "outside_opening_hours",
      );
      expect(errorCode(await publish({ date: "2020-01-01" }))).toBe("outside_opening_hours");
      await publish({});
      expect(errorCode(await publish({ from: "12:30", to: "13:30" }))).toBe("slot_overlap");
      const recruiterOfElsewhere = (
        await get("/api/auth/me", await signInCookie(app, "recruiter@crossfair.test"))
      ).json() as { user: { id: string } };
      expect(
        errorCode(await publish({ date: dayAfter, recruiterId: recruiterOfElsewhere.user.id })),
      ).toBe("not_stand_staff");
      expect(errorCode(await publish({ lengthMinutes: 25 }))).toBe("validation_failed");
    });

    it("cancels the bookings of a recruiter who leaves the stand", async () => {
      const rita = await newRecruiterAt(app, standId, standAdmin);
      const [slot] = await publishSlots(app, rita.cookie, standId, {
        date,
        from: "15:00",
        to: "15:20",
        lengthMinutes: 20,
        recruiterId: rita.id,
      });
      const candidate = await signUpCandidate(app);
      const booking = await booked(app, candidate.cookie, slot!.id);
      const removed = await app.http.inject({
        method: "DELETE",
        url: `/api/stands/${standId}/staff/${rita.id}`,
        headers: { cookie: standAdmin },
      });
      expect(removed.statusCode, removed.body).toBe(204);
      const mine = myBookingsSchema.parse((await get("/api/me/bookings", candidate.cookie)).json());
      expect(mine.bookings.find((entry) => entry.id === booking.id)?.status).toBe("cancelled");
      const free = bookableSlotsSchema.parse(
        (await get(`/api/stands/${standId}/bookable-slots`)).json(),
      );
      expect(free.slots.map((entry) => entry.id)).not.toContain(slot!.id);
    });

    it("gives exactly one booking when 50 candidates race for one slot", async () => {
      const [slot] = await publishSlots(app, standAdmin, standId, {
        date: dayAfter,
        from: "09:00",
        to: "09:10",
        lengthMinutes: 10,
        recruiterId: null,
      });
      const candidates = await Promise.all(Array.from({ length: 50 }, () => signUpCandidate(app)));
      const answers = await Promise.all(
        candidates.map((candidate) => bookSlot(app, candidate.cookie, slot!.id)),
      );
      const statuses = answers.map((answer) => answer.statusCode);
      expect(statuses.filter((status) => status === 201)).toHaveLength(1);
      expect(answers.filter((answer) => answer.statusCode !== 201).map(errorCode)).toEqual(
        Array(49).fill("slot_taken"),
      );
      const view = standSlotsSchema.parse(
        (await get(`/api/stands/${standId}/slots`, standAdmin)).json(),
      );
      expect(view.slots.find((entry) => entry.id === slot!.id)?.booking?.status).toBe("booked");
    }, 120_000);

    it("keeps one candidate within the stand's limit when their bookings race", async () => {
      await settings({ bookingsPerCandidate: 2 });
      const slots = await publishSlots(app, standAdmin, standId, {
        date: dayAfter,
        from: "10:00",
        to: "11:00",
        lengthMinutes: 10,
        recruiterId: null,
      });
      const candidate = await signUpCandidate(app);
      const answers = await Promise.all(
        slots.map((slot) => bookSlot(app, candidate.cookie, slot.id)),
      );
      expect(answers.filter((answer) => answer.statusCode === 201)).toHaveLength(2);
      expect(answers.filter((answer) => answer.statusCode !== 201).map(errorCode)).toEqual(
        Array(slots.length - 2).fill("booking_limit"),
      );
      const mine = myBookingsSchema.parse((await get("/api/me/bookings", candidate.cookie)).json());
      expect(mine.bookings.filter((entry) => entry.status === "booked")).toHaveLength(2);
      await settings({});
    }, 60_000);
  });
}

await onEveryDatabase(bookingSuite);
