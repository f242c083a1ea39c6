/**
 * Fair results for organisers: after a candidate is interviewed and another
 * declines a call, and their applications move to a second round and a hire,
 * the report and its CSVs count exactly that, and only fair admins may read them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APPLICATION_STATUSES, fairReportSchema, myApplicationSchema } from "@crossfair/shared";
import { signInCookie } from "../support/session.js";
import { signUpVerified } from "../support/sign-up.js";
import { createStand, uniqueEmail } from "../support/stands.js";
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
    const accepted = await camille.emitWithAck("queue:respond", { standId: food, accept: true });
    if (!accepted.ok || !accepted.interviewId) throw new Error(JSON.stringify(accepted));
    // A recruiter takes one candidate at a time: the interview ends before the next call.
    const ended = await fixture.app.http.inject({
      method: "POST",
      url: `/api/interviews/${accepted.interviewId}/end`,
      headers: { cookie: await signInCookie(fixture.app, "recruiter@crossfair.test") },
    });
    expect(ended.statusCode, ended.body).toBe(200);
    const jensCalled = nextEvent(jens, "queue:called");
    expect(await recruiter.emitWithAck("staff:callNext", { standId: food })).toMatchObject({
      ok: true,
    });
    await jensCalled;
    await jens.emitWithAck("queue:respond", { standId: food, accept: false });
    await fixture.app.outbox.drainOnce();

    // Camille's application reaches a second round; Jens is hired straight away.
    const [firstVacancy, secondVacancy] = await foodVacancies();
    const camilleApplied = await applyAs("candidate@crossfair.test", firstVacancy!);
    for (const status of ["preselected", "interviewed", "second_round"]) {
      await moveAsRecruiter(camilleApplied, status);
    }
    await moveAsRecruiter(await applyAs("kandidaat@crossfair.test", secondVacancy!), "hired");
    // An account that never registered for this fair nor took part in it is not its job seeker.
    await signUpVerified(fixture.app, {
      email: uniqueEmail("elsewhere"),
      password: "a long enough password",
      displayName: "Not At This Fair",
    });
  });
  afterAll(async () => fixture?.dispose());

  async function foodVacancies(): Promise<string[]> {
    const hall = (await fixture.app.http.inject({ url: "/api/fairs/current/hall" })).json() as {
      stands: { organisationName: string; vacancies: { id: string }[] }[];
    };
    const food = hall.stands.find((stand) => stand.organisationName === "Flanders Food Factory");
    return food?.vacancies.map((vacancy) => vacancy.id) ?? [];
  }

  async function applyAs(email: string, vacancyId: string): Promise<string> {
    const response = await fixture.app.http.inject({
      method: "POST",
      url: `/api/vacancies/${vacancyId}/applications`,
      headers: { cookie: await signInCookie(fixture.app, email) },
      payload: {},
    });
    expect(response.statusCode, response.body).toBe(201);
    return myApplicationSchema.parse(response.json()).id;
  }

  async function moveAsRecruiter(applicationId: string, status: string): Promise<void> {
    const response = await fixture.app.http.inject({
      method: "POST",
      url: `/api/applications/${applicationId}/status`,
      headers: { cookie: await signInCookie(fixture.app, "recruiter@crossfair.test") },
      payload: { status },
    });
    expect(response.statusCode, response.body).toBe(200);
  }

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
      interviewsBooked: 0,
      interviewsWalkIn: 1,
      noShows: 1,
      applications: 2,
      hires: 1,
    });
    expect(report.applicationsByStatus).toEqual(
      APPLICATION_STATUSES.map((status) => ({
        status,
        count: status === "second_round" || status === "hired" ? 1 : 0,
      })),
    );
    // Both calls were walk-in calls from the queue; Jens declined his.
    expect(report.noShowRates).toEqual({
      booked: { noShows: 0, outOf: 0, rate: null },
      walkIn: { noShows: 1, outOf: 2, rate: 0.5 },
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
      applications: 2,
      hires: 1,
    });
    expect(
      report.stands.find((stand) => stand.organisationName === "Hainaut Logistique"),
    ).toMatchObject({ applications: 0, hires: 0 });
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
      "stand,kind,open_vacancies,queue_joins,interviews,no_shows,average_wait_minutes,applications,hires," +
        "booked_interviews,walk_in_interviews,past_slots_held,past_slots_missed,past_slots_empty," +
        "upcoming_slots_booked,upcoming_slots_free," +
        "booked_no_shows,booked_no_shows_out_of,walk_in_no_shows,walk_in_calls",
    );
    expect(lines).toHaveLength(9);
    expect(lines.find((line) => line.startsWith("Flanders Food Factory,"))).toMatch(
      /^Flanders Food Factory,employer,2,2,1,1,\d+\.\d,2,1,0,1,0,0,0,0,0,0,0,1,2$/,
    );
  });

  it("exports one CSV row per application status", async () => {
    const response = await fixture.app.http.inject({
      url: "/api/admin/fairs/cross-border-job-day/report/applications.csv",
      headers: { cookie: adminCookie },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers["content-disposition"]).toContain(
      "cross-border-job-day-applications.csv",
    );
    const lines = response.body
      .replace(/^\ufeff/, "")
      .trim()
      .split("\n");
    expect(lines).toEqual([
      "status,applications",
      ...APPLICATION_STATUSES.map(
        (status) => `${status},${status === "second_round" || status === "hired" ? 1 : 0}`,
      ),
    ]);
    const recruiter = await signInCookie(fixture.app, "recruiter@crossfair.test");
    const refused = await fixture.app.http.inject({
      url: "/api/admin/fairs/cross-border-job-day/report/applications.csv",
      headers: { cookie: recruiter },
    });
    expect(refused.statusCode).toBe(403);
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

  // Last: it adds a stand, which the counts above do not expect.
  it("writes a stand name a spreadsheet would run as a formula as text", async () => {
    await createStand(fixture.app, adminCookie, { organisationName: '=HYPERLINK("http://x","y")' });
    const response = await fixture.app.http.inject({
      url: "/api/admin/fairs/cross-border-job-day/report.csv",
      headers: { cookie: adminCookie },
    });
    const row = response.body.split("\n").find((line) => line.includes("HYPERLINK"));
    expect(row).toMatch(/^"'=HYPERLINK\(""http:\/\/x"",""y""\)",employer,/);
  });
});
