/**
 * A booked slot at slot time, through the real routes and sockets: the
 * candidate is called exactly as a walk-in is (`queue:called`, then
 * `queue:respond`), by the slot's recruiter at their console, and the
 * interview is planned to end with the slot; a call left unanswered through
 * its grace is a no-show; a server restart between the booking and the slot
 * still calls the candidate; and call-next holds walk-ins back when the
 * recruiter's booked slot would start during their interview. The app runs
 * on a test clock set just before each slot, so nothing waits for a slot's
 * hour: the job scheduler runs on the wall clock, a few seconds ahead. On
 * PGlite with the in-process queue, and on PostgreSQL with Redis.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BOOKED_CALL_GRACE_MINUTES,
  apiErrorSchema,
  myBookingsSchema,
  participantInterviewSchema,
  type StaffSlot,
} from "@crossfair/shared";
import { buildTestApp, testClock, type TestApp } from "../../support/app.js";
import { listeningUrl } from "../../support/interview-start.js";
import { signInCookie } from "../../support/session.js";
import { embeddedAndShared } from "../../support/shared-stores.js";
import { booked, openDemoFairAhead, publishSlots } from "../../support/slots.js";
import { connectClient, nextEvent, type TestSocket } from "../../support/socket-client.js";
import { ADMIN, FOOD, RECRUITER, hallOf, standIn, userIdOf } from "../application-fixture.js";

const CANDIDATE = "kandidaat@crossfair.test";
const LEAD_MS = 3_000;

const backends = await embeddedAndShared();

for (const backend of backends) {
  // Each test waits a few seconds of wall clock for its job, a restart for a whole start.
  describe(`booked slots at slot time on ${backend.name}`, { timeout: 90_000 }, () => {
    const clock = testClock();
    let env: Record<string, string>;
    let drop: (() => Promise<void>) | undefined;
    let dataDir: string;
    let app: TestApp;
    let baseUrl: string;
    let food: string;
    let recruiterCookie: string;
    let candidateCookie: string;
    let slots: StaffSlot[];
    const sockets: TestSocket[] = [];

    const start = async () => {
      app = await buildTestApp(env, dataDir, undefined, { clock: clock.now });
      baseUrl = await listeningUrl(app);
    };
    const connect = async (cookie: string) => {
      const { socket } = await connectClient(baseUrl, cookie);
      sockets.push(socket);
      return socket;
    };
    const closeSockets = () => {
      for (const socket of sockets.splice(0)) socket.close();
    };
    /** The recruiter at their console and the candidate online, as at a fair. */
    const arrive = async () => {
      const recruiter = await connect(recruiterCookie);
      expect(await recruiter.emitWithAck("staff:console", { standId: food })).toMatchObject({
        ok: true,
      });
      return { recruiter, candidate: await connect(candidateCookie) };
    };
    const bookingStatus = async (bookingId: string) => {
      const response = await app.http.inject({
        url: "/api/me/bookings",
        headers: { cookie: candidateCookie },
      });
      return myBookingsSchema.parse(response.json()).bookings.find((b) => b.id === bookingId)
        ?.status;
    };
    /** Books `slot` with the app's clock `LEAD_MS` before it starts. */
    const bookJustBefore = async (slot: StaffSlot) => {
      clock.setNow(Date.parse(slot.startsAt) - LEAD_MS);
      return booked(app, candidateCookie, slot.id);
    };

    beforeAll(async () => {
      const started = await backend.env();
      env = started.env;
      drop = started.drop;
      dataDir = await mkdtemp(path.join(tmpdir(), "crossfair-slot-calls-"));
      await start();
      const admin = await signInCookie(app, ADMIN);
      const [date] = (await openDemoFairAhead(app, admin)) as [string];
      food = standIn(await hallOf(app), FOOD).id;
      recruiterCookie = await signInCookie(app, RECRUITER);
      candidateCookie = await signInCookie(app, CANDIDATE);
      slots = await publishSlots(app, recruiterCookie, food, {
        date,
        from: "09:00",
        to: "12:00",
        lengthMinutes: 30,
        recruiterId: await userIdOf(app, recruiterCookie),
      });
      expect(slots).toHaveLength(6);
      // One candidate books every slot of this suite.
      const settings = await app.http.inject({
        method: "PUT",
        url: `/api/stands/${food}/booking-settings`,
        headers: { cookie: admin },
        payload: { interviewMinutes: 15, bookingsPerCandidate: 6, bookingCutoffMinutes: 0 },
      });
      expect(settings.statusCode, settings.body).toBe(200);
    }, 60_000);
    afterAll(async () => {
      closeSockets();
      await app?.dispose();
      await rm(dataDir, { recursive: true, force: true });
      await drop?.();
    });

    it("calls the booked candidate at slot time as a walk-in is called; the interview ends with the slot", async () => {
      const { recruiter, candidate } = await arrive();
      const slot = slots[0]!;
      const booking = await bookJustBefore(slot);
      const called = await nextEvent(candidate, "queue:called", () => true, 15_000);
      expect(called).toMatchObject({ standId: food, booked: true, recruiterName: "Lotte Peeters" });
      expect(called.deadline).toBe(Date.parse(slot.startsAt) + BOOKED_CALL_GRACE_MINUTES * 60_000);
      expect(await bookingStatus(booking.id)).toBe("called");

      // The console shows the booked call at the head of its line.
      const console = await recruiter.emitWithAck("staff:console", { standId: food });
      if (!console.ok) throw new Error(JSON.stringify(console));
      expect(console.queue.entries[0]).toMatchObject({ state: "called", booked: true });

      const accepted = await candidate.emitWithAck("queue:respond", {
        standId: food,
        accept: true,
      });
      if (!accepted.ok || !accepted.interviewId) throw new Error(JSON.stringify(accepted));
      await expect.poll(() => bookingStatus(booking.id)).toBe("attended");
      const view = await app.http.inject({
        url: `/api/interviews/${accepted.interviewId}`,
        headers: { cookie: candidateCookie },
      });
      const { interview } = participantInterviewSchema.parse(view.json());
      expect(Date.parse(interview.plannedEndsAt!)).toBe(Date.parse(slot.endsAt));
      const ended = await app.http.inject({
        method: "POST",
        url: `/api/interviews/${accepted.interviewId}/end`,
        headers: { cookie: recruiterCookie },
      });
      expect(ended.statusCode, ended.body).toBeLessThan(300);
      closeSockets();
    });

    it("holds walk-ins back while the recruiter's booked slot would start during their interview", async () => {
      const { recruiter } = await arrive();
      const slot = slots[1]!;
      await bookJustBefore(slot);
      // A walk-in waits; the slot starts in 3 s, well within a walk-in's 15 minutes.
      const walkIn = await connect(await signInCookie(app, "candidate@crossfair.test"));
      await walkIn.emitWithAck("queue:join", { standId: food, consentToShareProfile: true });
      const refused = await recruiter.emitWithAck("staff:callNext", { standId: food });
      expect(refused).toMatchObject({ ok: false, code: "slot_due" });
      closeSockets();
    });

    it("records a no-show when the call is not answered in its grace", async () => {
      const { candidate } = await arrive();
      const slot = slots[2]!;
      const booking = await bookJustBefore(slot);
      await nextEvent(candidate, "queue:called", () => true, 15_000);
      const removed = nextEvent(candidate, "queue:removed", () => true, 10_000);
      clock.setNow(Date.parse(slot.startsAt) + BOOKED_CALL_GRACE_MINUTES * 60_000 + 1_000);
      expect(await removed).toMatchObject({ standId: food });
      await expect.poll(() => bookingStatus(booking.id)).toBe("no_show");
      closeSockets();
    });

    it("still calls the candidate at the slot after a server restart between booking and slot", async () => {
      const slot = slots[3]!;
      clock.setNow(Date.parse(slot.startsAt) - 8_000);
      const booking = await booked(app, candidateCookie, slot.id);
      await app.dispose();
      await start();
      const { candidate } = await arrive();
      // Called on the new process (or, on a slow start, by the job before the candidate was
      // back: the place says so, as a reconnecting page reads it).
      const mine = async () => {
        const answer = await candidate.emitWithAck("queue:mine", {});
        return answer.ok ? answer.queues.find((queue) => queue.standId === food)?.state : null;
      };
      await expect.poll(mine, { timeout: 25_000, interval: 500 }).toBe("called");
      expect(await bookingStatus(booking.id)).toBe("called");
      closeSockets();
    });

    it("mails the hour's reminder when its moment comes, and none for a booking cancelled before", async () => {
      const [kept, cancelled] = [slots[4]!, slots[5]!];
      const reminders = () =>
        (app.mailbox?.list() ?? []).filter((mail) => mail.kind === "bookingReminder");
      // Each booked when its hour's reminder is `LEAD_MS` away on the app's clock.
      clock.setNow(Date.parse(kept.startsAt) - 3_600_000 - LEAD_MS);
      await booked(app, candidateCookie, kept.id);
      clock.setNow(Date.parse(cancelled.startsAt) - 3_600_000 - LEAD_MS);
      const gone = await booked(app, candidateCookie, cancelled.id);
      const cancel = await app.http.inject({
        method: "DELETE",
        url: `/api/bookings/${gone.id}`,
        headers: { cookie: candidateCookie },
      });
      expect(cancel.statusCode, cancel.body).toBe(204);
      await expect.poll(() => reminders().length, { timeout: 15_000 }).toBe(1);
      expect(reminders()[0]).toMatchObject({ to: CANDIDATE, language: "nl" });
      // The cancelled one's was due at the same moment: it never comes.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(reminders()).toHaveLength(1);
    });

    it("refuses to book a slot that has started", async () => {
      clock.setNow(Date.parse(slots[3]!.startsAt) + 60_000);
      const response = await app.http.inject({
        method: "POST",
        url: `/api/slots/${slots[3]!.id}/booking`,
        headers: { cookie: candidateCookie },
        payload: { consentToShareProfile: true },
      });
      expect(apiErrorSchema.parse(response.json()).error.code).toMatch(/slot_in_past|slot_taken/);
    });
  });
}
