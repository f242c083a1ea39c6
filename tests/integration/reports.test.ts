/**
 * Fair results for organisers: after a candidate is interviewed and another
 * declines a call, the report and its CSV count exactly that, and only fair
 * admins may read them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fairReportSchema } from "@crossfair/shared";
import { signInCookie } from "../support/session.js";
import { nextEvent } from "../support/socket-client.js";
import { startQueueFixture, type QueueFixture } from "./queue/queue-fixture.js";

describe("fair report", () => {
  let fixture: QueueFixture;
  let adminCookie: string;

  beforeAll(async () => {
    fixture = await startQueueFixture();
    adminCookie = await signInCookie(fixture.app, "admin@crossfair.test");
    const food = fixture.standId("Flanders Food Factory");
    const recruiter = await fixture.connectAs("recruiter@crossfair.test");
    const camille = await fixture.connectAs("candidate@crossfair.test");
    const jens = await fixture.connectAs("kandidaat@crossfair.test");
    await recruiter.emitWithAck("staff:console", { standId: food });
    await camille.emitWithAck("queue:join", { standId: food, consentToShareProfile: true });
    await jens.emitWithAck("queue:join", { standId: food, consentToShareProfile: true });

    const camilleCalled = nextEvent(camille, "queue:called");
    await recruiter.emitWithAck("staff:callNext", { standId: food });
    await camilleCalled;
    expect(
      await camille.emitWithAck("queue:respond", { standId: food, accept: true }),
    ).toMatchObject({ ok: true });
    const jensCalled = nextEvent(jens, "queue:called");
    await recruiter.emitWithAck("staff:callNext", { standId: food });
    await jensCalled;
    await jens.emitWithAck("queue:respond", { standId: food, accept: false });
    await fixture.app.queue.events.flush();
  });
  afterAll(async () => fixture?.dispose());

  it("counts presence, joins, interviews, no-shows, waits and residence", async () => {
    const response = await fixture.app.http.inject({
      url: "/api/admin/fairs/cross-border-job-day/report",
      headers: { cookie: adminCookie },
    });
    expect(response.statusCode).toBe(200);
    const report = fairReportSchema.parse(response.json());
    expect(report.totals).toMatchObject({
      jobSeekersRegistered: 2,
      jobSeekersPresent: 2,
      stands: 8,
      vacancies: 12,
      openings: 69,
      queueJoins: 2,
      interviewsHeld: 1,
      noShows: 1,
    });
    expect(report.totals.averageWaitMs).toBeGreaterThanOrEqual(0);
    expect(report.residence).toEqual(
      expect.arrayContaining([
        { country: "FR", region: "Hauts-de-France", jobSeekers: 1 },
        { country: "BE", region: "West-Vlaanderen", jobSeekers: 1 },
      ]),
    );
    expect(
      report.stands.find((stand) => stand.organisationName === "Flanders Food Factory"),
    ).toMatchObject({
      queueJoins: 2,
      interviews: 1,
      noShows: 1,
      openVacancies: 2,
    });
  });

  it("exports one CSV row per stand, quoted by the library", async () => {
    const response = await fixture.app.http.inject({
      url: "/api/admin/fairs/cross-border-job-day/report.csv",
      headers: { cookie: adminCookie },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers["content-disposition"]).toContain("cross-border-job-day-stands.csv");
    const lines = response.body
      .replace(/^\ufeff/, "")
      .trim()
      .split("\n");
    expect(lines[0]).toBe(
      "stand,kind,open_vacancies,queue_joins,interviews,no_shows,average_wait_minutes",
    );
    expect(lines).toHaveLength(9);
    expect(lines.find((line) => line.startsWith("Flanders Food Factory,"))).toMatch(
      /^Flanders Food Factory,employer,2,2,1,1,\d+\.\d$/,
    );
  });

  it("is for fair admins only", async () => {
    const url = "/api/admin/fairs/cross-border-job-day/report";
    expect((await fixture.app.http.inject({ url })).statusCode).toBe(401);
    const recruiter = await signInCookie(fixture.app, "recruiter@crossfair.test");
    const refused = await fixture.app.http.inject({ url, headers: { cookie: recruiter } });
    expect(refused.statusCode).toBe(403);
    const unknown = await fixture.app.http.inject({
      url: "/api/admin/fairs/no-such-fair/report",
      headers: { cookie: adminCookie },
    });
    expect(unknown.statusCode).toBe(404);
  });
});
