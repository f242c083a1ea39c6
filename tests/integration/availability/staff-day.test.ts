/**
 * The staff's day through the real routes and sockets: the stand's slots say
 * per booking whether the candidate is connected to the fair now (a socket
 * open to any process) and whether they are late (the slot started on the
 * server's clock and the booking is still booked or being called). The app
 * runs on a test clock, so "late" needs no waiting. On PGlite with the
 * in-process queue, and on PostgreSQL with Redis.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { standSlotsSchema, type StaffSlot } from "@crossfair/shared";
import { buildTestApp, testClock, type TestApp } from "../../support/app.js";
import { listeningUrl } from "../../support/interview-start.js";
import { signInCookie } from "../../support/session.js";
import { embeddedAndShared } from "../../support/shared-stores.js";
import { booked, openDemoFairAhead, publishSlots } from "../../support/slots.js";
import { signUpCandidate } from "../../support/stands.js";
import { connectClient, type TestSocket } from "../../support/socket-client.js";
import { ADMIN, FOOD, RECRUITER, hallOf, standIn, userIdOf } from "../application-fixture.js";

const CANDIDATE = "kandidaat@crossfair.test";

const backends = await embeddedAndShared();

for (const backend of backends) {
  describe(`the staff's day on ${backend.name}`, () => {
    const clock = testClock();
    let drop: (() => Promise<void>) | undefined;
    let app: TestApp;
    let food: string;
    let recruiterCookie: string;
    let slots: StaffSlot[];
    const sockets: TestSocket[] = [];

    /** The booking on `slot` as the stand's staff see it now. */
    const staffBooking = async (slot: StaffSlot) => {
      const response = await app.http.inject({
        url: `/api/stands/${food}/slots`,
        headers: { cookie: recruiterCookie },
      });
      expect(response.statusCode, response.body).toBe(200);
      const view = standSlotsSchema.parse(response.json());
      return view.slots.find((seen) => seen.id === slot.id)?.booking;
    };

    beforeAll(async () => {
      const started = await backend.env();
      drop = started.drop;
      app = await buildTestApp(started.env, undefined, undefined, { clock: clock.now });
      const admin = await signInCookie(app, ADMIN);
      const [date] = (await openDemoFairAhead(app, admin)) as [string];
      food = standIn(await hallOf(app), FOOD).id;
      recruiterCookie = await signInCookie(app, RECRUITER);
      slots = await publishSlots(app, recruiterCookie, food, {
        date,
        from: "09:00",
        to: "10:00",
        lengthMinutes: 30,
        recruiterId: await userIdOf(app, recruiterCookie),
      });
      expect(slots).toHaveLength(2);
    }, 60_000);
    afterAll(async () => {
      for (const socket of sockets.splice(0)) socket.close();
      await app?.dispose();
      await drop?.();
    });

    it("tells staff who of the booked candidates is present and who is late", async () => {
      const [first, second] = slots as [StaffSlot, StaffSlot];
      const candidateCookie = await signInCookie(app, CANDIDATE);
      const other = await signUpCandidate(app);
      const mine = await booked(app, candidateCookie, first.id);
      await booked(app, other.cookie, second.id);
      // Before the day: booked, nobody online, nobody late.
      expect(await staffBooking(first)).toMatchObject({
        id: mine.id,
        status: "booked",
        present: false,
        late: false,
      });
      expect(await staffBooking(second)).toMatchObject({ present: false, late: false });

      // The first slot has started on the server's clock: its candidate is late, the next one not.
      clock.setNow(Date.parse(first.startsAt) + 60_000);
      expect(await staffBooking(first)).toMatchObject({ present: false, late: true });
      expect(await staffBooking(second)).toMatchObject({ present: false, late: false });

      // The candidate connects to the fair: present, and still late until the interview.
      const { socket } = await connectClient(await listeningUrl(app), candidateCookie);
      sockets.push(socket);
      await expect.poll(async () => (await staffBooking(first))?.present).toBe(true);
      expect(await staffBooking(first)).toMatchObject({ late: true, status: "booked" });
      expect(await staffBooking(second)).toMatchObject({ present: false });

      // Gone again: not present any more.
      socket.close();
      await expect.poll(async () => (await staffBooking(first))?.present).toBe(false);
    });
  });
}
