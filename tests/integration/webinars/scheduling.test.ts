/**
 * Group sessions through the real routes, on PGlite and PostgreSQL: a stand's
 * admin schedules (a title per fair language, speakers from the staff, inside
 * the opening hours, not in the past), changes and cancels while scheduled;
 * candidates register once however often they ask, up to the capacity even
 * when 20 race for 5 places; lists come soonest first with `registered` for
 * the reader; and the organiser's figures are counted from attendance and
 * question rows written here as the live half would.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  webinarAttendance,
  webinarQuestions,
  webinars as webinarTable,
} from "@crossfair/server/webinar/webinar.schema";
import {
  apiErrorSchema,
  webinarListSchema,
  webinarReportSchema,
  webinarSchema,
  type WebinarBody,
} from "@crossfair/shared";
import { buildTestApp, type TestApp } from "../../support/app.js";
import { onEveryDatabase } from "../../support/every-database.js";
import { signInCookie } from "../../support/session.js";
import { openDemoFairAhead } from "../../support/slots.js";
import { DEMO_FAIR } from "../../support/stands.js";
import { scheduleWebinar, webinarBody } from "../../support/webinar-schedule.js";
import {
  ADMIN,
  LOGISTICS,
  RECRUITER,
  STAND_ADMIN,
  call,
  hallOf,
  signUpCandidate,
  standIn,
  userIdOf,
} from "../application-fixture.js";

const errorOf = (response: { statusCode: number; json(): unknown }) => {
  const { error } = apiErrorSchema.parse(response.json());
  return [response.statusCode, error.code, error.field];
};

await onEveryDatabase((backend, env) => {
  describe(`group sessions on ${backend}`, () => {
    let app: TestApp;
    let admin: string;
    let standAdmin: string;
    let standAdminId: string;
    let recruiterId: string;
    let standId: string;
    let date: string;

    const body = (overrides: Partial<WebinarBody> = {}, time = "10:00") =>
      webinarBody(date, time, [standAdminId], overrides);
    const schedule = (payload: unknown, cookie = standAdmin) =>
      call(app, "POST", `/api/stands/${standId}/webinars`, cookie, payload as object);

    beforeAll(async () => {
      app = await buildTestApp(env());
      admin = await signInCookie(app, ADMIN);
      standAdmin = await signInCookie(app, STAND_ADMIN);
      standAdminId = await userIdOf(app, standAdmin);
      recruiterId = await userIdOf(app, await signInCookie(app, RECRUITER));
      [date] = (await openDemoFairAhead(app, admin)) as [string];
      standId = standIn(await hallOf(app), LOGISTICS).id;
    }, 60_000);
    afterAll(async () => app?.dispose());

    it("schedules a session the stand page, the hall and the single route show alike", async () => {
      const webinar = await scheduleWebinar(app, standAdmin, standId, body());
      expect(webinar).toMatchObject({
        standId,
        standName: LOGISTICS,
        spokenLanguage: "fr",
        minutes: 45,
        capacity: 100,
        registeredCount: 0,
        status: "scheduled",
        registered: false,
        speakers: [{ userId: standAdminId, displayName: expect.any(String) }],
      });
      expect(Date.parse(webinar.endsAt) - Date.parse(webinar.startsAt)).toBe(45 * 60_000);
      const ofStand = webinarListSchema.parse(
        (await call(app, "GET", `/api/stands/${standId}/webinars`)).json(),
      );
      const ofFair = webinarListSchema.parse(
        (await call(app, "GET", `/api/fairs/${DEMO_FAIR}/webinars`)).json(),
      );
      expect(ofStand.webinars.map((w) => w.id)).toContain(webinar.id);
      expect(ofFair.webinars.map((w) => w.id)).toContain(webinar.id);
      const one = webinarSchema.parse(
        (await call(app, "GET", `/api/webinars/${webinar.id}`)).json(),
      );
      expect(one).toEqual(webinar);
    });

    it("refuses a missing or foreign language, a speaker off the staff, hours and the past", async () => {
      const { en: _en, ...withoutEnglish } = body().copy;
      expect(errorOf(await schedule(body({ copy: withoutEnglish })))).toEqual([
        400,
        "validation_failed",
        "copy.en",
      ]);
      expect(
        errorOf(
          await schedule(
            body({ copy: { ...body().copy, de: { title: "Grenze", description: "" } } }),
          ),
        ),
      ).toEqual([400, "validation_failed", "copy.de"]);
      expect(errorOf(await schedule(body({ speakerIds: [recruiterId] })))).toEqual([
        400,
        "not_stand_staff",
        "speakerIds",
      ]);
      expect(errorOf(await schedule(body({ speakerIds: [standAdminId, standAdminId] })))).toEqual([
        400,
        "validation_failed",
        "speakerIds",
      ]);
      // The fair opens 07:00–22:00 on the days ahead: 21:30 for 45 minutes runs past closing.
      expect(errorOf(await schedule(body({}, "21:30")))[1]).toBe("outside_opening_hours");
      expect(errorOf(await schedule(body({}, "06:00")))[1]).toBe("outside_opening_hours");
      const yesterday = new Date(Date.now() - 86_400_000).toISOString();
      expect(errorOf(await schedule(body({ startsAt: yesterday })))[1]).toMatch(
        /slot_in_past|outside_opening_hours/,
      );
    });

    it("lets only the stand's admin or a fair admin schedule, change and cancel", async () => {
      const recruiter = await signInCookie(app, RECRUITER);
      const candidate = await signUpCandidate(app);
      expect((await schedule(body(), recruiter)).statusCode).toBe(403);
      expect((await schedule(body(), candidate.cookie)).statusCode).toBe(403);
      expect((await schedule(body())).statusCode).toBe(201);
      expect((await schedule(body(), admin)).statusCode).toBe(201);
    });

    it("changes and cancels only while scheduled; registrants keep their place", async () => {
      const webinar = await scheduleWebinar(app, standAdmin, standId, body({ capacity: 3 }));
      const candidate = await signUpCandidate(app);
      const other = await signUpCandidate(app);
      for (const who of [candidate, other]) {
        const registered = await call(
          app,
          "POST",
          `/api/webinars/${webinar.id}/registration`,
          who.cookie,
        );
        expect(registered.statusCode).toBe(201);
      }
      // Not below the two who registered.
      expect(
        errorOf(
          await call(app, "PUT", `/api/webinars/${webinar.id}`, standAdmin, body({ capacity: 1 })),
        ),
      ).toEqual([400, "validation_failed", "capacity"]);
      const changed = await call(
        app,
        "PUT",
        `/api/webinars/${webinar.id}`,
        standAdmin,
        body({ capacity: 2, spokenLanguage: "nl" }, "14:00"),
      );
      expect(changed.statusCode, changed.body).toBe(200);
      expect(webinarSchema.parse(changed.json())).toMatchObject({
        capacity: 2,
        spokenLanguage: "nl",
        registeredCount: 2,
      });
      const [row] = await app.database.db
        .select({ revision: webinarTable.revision })
        .from(webinarTable)
        .where(eq(webinarTable.id, webinar.id));
      expect(row?.revision).toBe(1);

      const cancelled = await call(app, "DELETE", `/api/webinars/${webinar.id}`, standAdmin);
      expect(cancelled.statusCode).toBe(204);
      expect(errorOf(await call(app, "DELETE", `/api/webinars/${webinar.id}`, standAdmin))[1]).toBe(
        "invalid_transition",
      );
      expect(
        errorOf(await call(app, "PUT", `/api/webinars/${webinar.id}`, standAdmin, body()))[1],
      ).toBe("invalid_transition");
      // Gone from the lists, answered as cancelled by itself; registering is refused.
      const list = webinarListSchema.parse(
        (await call(app, "GET", `/api/stands/${standId}/webinars`)).json(),
      );
      expect(list.webinars.map((w) => w.id)).not.toContain(webinar.id);
      const one = webinarSchema.parse(
        (await call(app, "GET", `/api/webinars/${webinar.id}`)).json(),
      );
      expect(one.status).toBe("cancelled");
      const late = await signUpCandidate(app);
      expect(
        errorOf(
          await call(app, "POST", `/api/webinars/${webinar.id}/registration`, late.cookie),
        )[1],
      ).toBe("webinar_ended");
    });

    it("registers once, withdraws, and lists the candidate's sessions soonest first", async () => {
      const later = await scheduleWebinar(app, standAdmin, standId, body({}, "16:00"));
      const sooner = await scheduleWebinar(app, standAdmin, standId, body({}, "08:00"));
      const candidate = await signUpCandidate(app);
      for (const webinar of [later, sooner, later]) {
        const response = await call(
          app,
          "POST",
          `/api/webinars/${webinar.id}/registration`,
          candidate.cookie,
        );
        expect(response.statusCode).toBe(201);
        expect(webinarSchema.parse(response.json())).toMatchObject({ registered: true });
      }
      const again = webinarSchema.parse(
        (await call(app, "GET", `/api/webinars/${later.id}`, candidate.cookie)).json(),
      );
      expect(again).toMatchObject({ registered: true, registeredCount: 1 });
      const mine = webinarListSchema.parse(
        (await call(app, "GET", "/api/me/webinars", candidate.cookie)).json(),
      );
      expect(mine.webinars.map((w) => w.id)).toEqual([sooner.id, later.id]);
      // The stand's list, read by the candidate, says which they registered for, soonest first.
      const ofStand = webinarListSchema.parse(
        (await call(app, "GET", `/api/stands/${standId}/webinars`, candidate.cookie)).json(),
      );
      const starts = ofStand.webinars.map((w) => Date.parse(w.startsAt));
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
      expect(ofStand.webinars.find((w) => w.id === sooner.id)?.registered).toBe(true);

      const withdrawn = await call(
        app,
        "DELETE",
        `/api/webinars/${sooner.id}/registration`,
        candidate.cookie,
      );
      expect(withdrawn.statusCode).toBe(204);
      const after = webinarListSchema.parse(
        (await call(app, "GET", "/api/me/webinars", candidate.cookie)).json(),
      );
      expect(after.webinars.map((w) => w.id)).toEqual([later.id]);
      const missing = "00000000-0000-4000-8000-000000000000";
      expect(
        errorOf(
          await call(app, "POST", `/api/webinars/${missing}/registration`, candidate.cookie),
        )[1],
      ).toBe("not_found");
    });

    it("gives 20 candidates racing for 5 places exactly 5 registrations", async () => {
      const webinar = await scheduleWebinar(app, standAdmin, standId, body({ capacity: 5 }));
      const candidates = await Promise.all(
        Array.from({ length: 20 }, (_, i) => signUpCandidate(app, `Racer ${i}`)),
      );
      const answers = await Promise.all(
        candidates.map((candidate) =>
          call(app, "POST", `/api/webinars/${webinar.id}/registration`, candidate.cookie),
        ),
      );
      const codes = answers.map((answer) =>
        answer.statusCode === 201 ? "registered" : apiErrorSchema.parse(answer.json()).error.code,
      );
      expect(codes.filter((code) => code === "registered")).toHaveLength(5);
      expect(codes.filter((code) => code === "webinar_full")).toHaveLength(15);
      const seen = webinarSchema.parse(
        (await call(app, "GET", `/api/webinars/${webinar.id}`)).json(),
      );
      expect(seen.registeredCount).toBe(5);
      // A registered candidate asking again at capacity is answered as registered, not full.
      const winner = candidates[answers.findIndex((answer) => answer.statusCode === 201)]!;
      const again = await call(
        app,
        "POST",
        `/api/webinars/${webinar.id}/registration`,
        winner.cookie,
      );
      expect(again.statusCode).toBe(201);
    });

    it("counts registered, attended, peak viewers, minutes and questions per session", async () => {
      const webinar = await scheduleWebinar(app, standAdmin, standId, body({}, "12:00"));
      const [a, b, c, walkIn] = await Promise.all(
        [0, 1, 2, 3].map((i) => signUpCandidate(app, `Viewer ${i}`)),
      );
      for (const who of [a!, b!, c!]) {
        await call(app, "POST", `/api/webinars/${webinar.id}/registration`, who.cookie);
      }
      const start = Date.parse(webinar.startsAt);
      const at = (minutes: number) => new Date(start + minutes * 60_000);
      const endedAt = at(40);
      await app.database.db
        .update(webinarTable)
        .set({ status: "ended", wentLiveAt: at(0), endedAt })
        .where(eq(webinarTable.id, webinar.id));
      const row = (userId: string, from: number, to: number | null) => ({
        webinarId: webinar.id,
        userId,
        socketId: `socket-${userId}-${from}`,
        processId: "test",
        joinedAt: at(from),
        leftAt: to === null ? null : at(to),
      });
      // a: 0–20 and again 10–30 in a second tab (one viewer, 30 minutes); b: 15–25;
      // walk-in: 20–40 by a row never closed (counts until the end); c never came.
      // At 15–20: a and b → 2; at 20–25: a, b, walk-in → 3 (a's first tab left at 20, its second stays).
      await app.database.db
        .insert(webinarAttendance)
        .values([
          row(a!.id, 0, 20),
          row(a!.id, 10, 30),
          row(b!.id, 15, 25),
          row(walkIn!.id, 20, null),
          row(standAdminId, 0, 40),
        ]);
      await app.database.db.insert(webinarQuestions).values([
        { webinarId: webinar.id, userId: a!.id, text: "Impôts ?", status: "answered" },
        { webinarId: webinar.id, userId: b!.id, text: "Sécurité sociale ?", hidden: true },
        { webinarId: webinar.id, userId: walkIn!.id, text: "Navette ?", status: "answered" },
      ]);

      const response = await call(
        app,
        "GET",
        `/api/admin/fairs/${DEMO_FAIR}/webinars/report`,
        admin,
      );
      expect(response.statusCode).toBe(200);
      const figures = webinarReportSchema
        .parse(response.json())
        .webinars.find((entry) => entry.webinarId === webinar.id);
      expect(figures).toMatchObject({
        standName: LOGISTICS,
        status: "ended",
        registered: 3,
        attended: 3,
        registeredAttended: 2,
        peakViewers: 3,
        // (30 + 10 + 20) / 3 viewers; the speaker is no viewer.
        meanMinutesAttended: 20,
        questionsAsked: 3,
        questionsAnswered: 2,
      });
      expect(figures?.title).toBe("Werken over de grens");
      const forbidden = await call(
        app,
        "GET",
        `/api/admin/fairs/${DEMO_FAIR}/webinars/report`,
        standAdmin,
      );
      expect(forbidden.statusCode).toBe(403);
    });
  });
});
