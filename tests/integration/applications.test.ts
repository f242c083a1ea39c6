/**
 * Applications over HTTP: a candidate applies, stand staff move the
 * application along the pipeline and every move is kept with who and when;
 * forbidden moves are 409 invalid_transition; only the stand's staff (or a
 * fair admin) see and move a stand's applications. Deleting the account keeps
 * the applications without the person; the export carries them. The suite runs
 * on the embedded PGlite and again on the real PostgreSQL when available.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  APPLICATION_MESSAGE_MAX_LENGTH,
  apiErrorSchema,
  candidateExportSchema,
  myApplicationSchema,
  myApplicationsSchema,
  pageSchema,
  staffApplicationSchema,
  staffApplicationsSchema,
  type ApplicationStatus,
  type FairHall,
} from "@crossfair/shared";
import { vacancies } from "@crossfair/server/stand/stand.schema";
import { buildTestApp, type TestApp } from "../support/app.js";
import { onEveryDatabase } from "../support/every-database.js";
import { signInCookie } from "../support/session.js";
import {
  ADMIN,
  FOOD,
  LOGISTICS,
  RECRUITER,
  STAND_ADMIN,
  call,
  hallOf,
  signUpCandidate,
  standIn,
  vacancyIn,
  type Account,
} from "./application-fixture.js";

const staffPage = pageSchema(staffApplicationSchema);

function applicationsSuite(backend: string, env: () => Record<string, string>) {
  describe(`applications on ${backend}`, () => {
    let app: TestApp;
    let hall: FairHall;
    let food: string;
    let logistics: string;
    let recruiter: string;
    let recruiterId: string;
    let standAdmin: string;
    let admin: string;

    const apply = async (candidate: Account, vacancyId: string, message = "") => {
      const response = await call(
        app,
        "POST",
        `/api/vacancies/${vacancyId}/applications`,
        candidate.cookie,
        { message },
      );
      expect(response.statusCode, response.body).toBe(201);
      return myApplicationSchema.parse(response.json());
    };
    const move = (cookie: string, applicationId: string, status: ApplicationStatus) =>
      call(app, "POST", `/api/applications/${applicationId}/status`, cookie, { status });
    const errorCode = (response: { json(): unknown }) =>
      apiErrorSchema.parse(response.json()).error.code;

    beforeAll(async () => {
      app = await buildTestApp(env());
      hall = await hallOf(app);
      food = standIn(hall, FOOD).id;
      logistics = standIn(hall, LOGISTICS).id;
      recruiter = await signInCookie(app, RECRUITER);
      standAdmin = await signInCookie(app, STAND_ADMIN);
      admin = await signInCookie(app, ADMIN);
      const me = await call(app, "GET", "/api/auth/me", recruiter);
      recruiterId = (me.json() as { user: { id: string } }).user.id;
    });
    afterAll(async () => app?.dispose());

    it("moves an application along the whole pipeline and keeps who moved it and when", async () => {
      const candidate = await signUpCandidate(app, "Pipeline Person");
      const applied = await apply(candidate, vacancyIn(hall, FOOD), "  Six years in warehouses. ");
      expect(applied).toMatchObject({
        status: "applied",
        message: "Six years in warehouses.",
        stand: { id: food, organisationName: FOOD },
        history: [{ from: null, to: "applied" }],
      });

      const steps: ApplicationStatus[] = ["preselected", "interviewed", "second_round", "offer"];
      for (const status of steps) {
        const moved = await move(recruiter, applied.id, status);
        expect(moved.statusCode, moved.body).toBe(200);
        expect(staffApplicationSchema.parse(moved.json()).status).toBe(status);
      }
      const hired = staffApplicationSchema.parse(
        (await move(recruiter, applied.id, "hired")).json(),
      );
      expect(hired.history.map((step) => [step.from, step.to])).toEqual([
        [null, "applied"],
        ["applied", "preselected"],
        ["preselected", "interviewed"],
        ["interviewed", "second_round"],
        ["second_round", "offer"],
        ["offer", "hired"],
      ]);
      expect(hired.history[0]!.by).toEqual({ id: candidate.id, displayName: "Pipeline Person" });
      for (const step of hired.history.slice(1)) {
        expect(step.by).toEqual({ id: recruiterId, displayName: "Lotte Peeters" });
      }
      const times = hired.history.map((step) => Date.parse(step.at));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(new Set(times).size).toBe(times.length);
      expect(hired.candidate).toMatchObject({ id: candidate.id, displayName: "Pipeline Person" });
      // Applying shared the profile with the stand.
      expect(hired.candidate.profile?.displayName).toBe("Pipeline Person");

      const mine = myApplicationsSchema.parse(
        (await call(app, "GET", "/api/me/applications", candidate.cookie)).json(),
      );
      expect(mine.applications).toHaveLength(1);
      expect(mine.applications[0]!.status).toBe("hired");
      expect(mine.applications[0]!.history).toHaveLength(6);
      // The candidate sees when, never which staff member.
      for (const step of mine.applications[0]!.history) expect(step).not.toHaveProperty("by");
    });

    it("refuses moves the pipeline does not allow with 409 invalid_transition", async () => {
      const candidate = await signUpCandidate(app);
      const { id } = await apply(candidate, vacancyIn(hall, FOOD, 1));
      for (const status of ["applied", "withdrawn"] as const) {
        const refused = await move(recruiter, id, status);
        expect(refused.statusCode).toBe(409);
        expect(errorCode(refused)).toBe("invalid_transition");
      }
      expect((await move(recruiter, id, "offer")).statusCode).toBe(200);
      // One step back corrects a mistake; two steps back do not.
      expect(errorCode(await move(recruiter, id, "interviewed"))).toBe("invalid_transition");
      expect((await move(recruiter, id, "second_round")).statusCode).toBe(200);
      expect((await move(recruiter, id, "rejected")).statusCode).toBe(200);
      for (const status of ["applied", "offer", "hired"] as const) {
        expect(errorCode(await move(recruiter, id, status))).toBe("invalid_transition");
      }
      const withdraw = await call(
        app,
        "POST",
        `/api/applications/${id}/withdraw`,
        candidate.cookie,
      );
      expect(withdraw.statusCode).toBe(409);
      expect(errorCode(withdraw)).toBe("invalid_transition");
      // Nothing refused left a trace in the history.
      const [listed] = staffApplicationsSchema.parse(
        (
          await call(
            app,
            "GET",
            `/api/stands/${food}/candidates/${candidate.id}/applications`,
            recruiter,
          )
        ).json(),
      ).applications;
      expect(listed!.history.map((step) => step.to)).toEqual([
        "applied",
        "offer",
        "second_round",
        "rejected",
      ]);
    });

    it("lets the candidate withdraw, after which staff can no longer move it", async () => {
      const candidate = await signUpCandidate(app);
      const other = await signUpCandidate(app);
      const { id } = await apply(candidate, vacancyIn(hall, LOGISTICS));
      const stranger = await call(app, "POST", `/api/applications/${id}/withdraw`, other.cookie);
      expect(stranger.statusCode).toBe(404);
      const withdrawn = await call(
        app,
        "POST",
        `/api/applications/${id}/withdraw`,
        candidate.cookie,
      );
      expect(withdrawn.statusCode).toBe(200);
      expect(myApplicationSchema.parse(withdrawn.json()).history.at(-1)).toMatchObject({
        from: "applied",
        to: "withdrawn",
      });
      expect(errorCode(await move(standAdmin, id, "preselected"))).toBe("invalid_transition");
    });

    it("refuses a second application, a closed vacancy and an unknown one", async () => {
      const candidate = await signUpCandidate(app);
      const vacancyId = vacancyIn(hall, LOGISTICS, 1);
      await apply(candidate, vacancyId);
      const twice = await call(
        app,
        "POST",
        `/api/vacancies/${vacancyId}/applications`,
        candidate.cookie,
        {},
      );
      expect(twice.statusCode).toBe(409);
      expect(errorCode(twice)).toBe("conflict");

      const [closed] = await app.database.db
        .insert(vacancies)
        .values({
          standId: food,
          title: { en: "Filled position" },
          description: { en: "No longer open" },
          originalLanguage: "en",
          sector: "food",
          country: "BE",
          region: "West-Vlaanderen",
          contractType: "permanent",
          requiredLanguages: [],
          status: "closed",
        })
        .returning();
      const refused = await call(
        app,
        "POST",
        `/api/vacancies/${closed!.id}/applications`,
        candidate.cookie,
        {},
      );
      expect(refused.statusCode).toBe(409);
      expect(errorCode(refused)).toBe("vacancy_closed");
      const unknown = await call(
        app,
        "POST",
        `/api/vacancies/${randomUUID()}/applications`,
        candidate.cookie,
        {},
      );
      expect(unknown.statusCode).toBe(404);
      const tooLong = await call(
        app,
        "POST",
        `/api/vacancies/${vacancyIn(hall, FOOD)}/applications`,
        candidate.cookie,
        {
          message: "x".repeat(APPLICATION_MESSAGE_MAX_LENGTH + 1),
        },
      );
      expect(tooLong.statusCode).toBe(400);
      expect(errorCode(tooLong)).toBe("validation_failed");
      // Only candidates apply.
      const byStaff = await call(
        app,
        "POST",
        `/api/vacancies/${vacancyId}/applications`,
        recruiter,
        {},
      );
      expect(byStaff.statusCode).toBe(403);
      expect(
        (await call(app, "POST", `/api/vacancies/${vacancyId}/applications`, undefined, {}))
          .statusCode,
      ).toBe(401);
    });

    it("shows and moves a stand's applications for its staff and fair admins only", async () => {
      const candidate = await signUpCandidate(app);
      const atFood = await apply(candidate, vacancyIn(hall, FOOD));
      const second = await apply(candidate, vacancyIn(hall, FOOD, 1));
      await apply(candidate, vacancyIn(hall, LOGISTICS));

      // A recruiter of another stand, a candidate, and nobody signed in.
      expect((await move(standAdmin, atFood.id, "preselected")).statusCode).toBe(403);
      expect(
        (await call(app, "GET", `/api/stands/${food}/applications`, standAdmin)).statusCode,
      ).toBe(403);
      expect(
        (await call(app, "GET", `/api/stands/${logistics}/applications`, recruiter)).statusCode,
      ).toBe(403);
      expect(
        (await call(app, "GET", `/api/stands/${food}/applications`, candidate.cookie)).statusCode,
      ).toBe(403);
      expect((await call(app, "GET", `/api/stands/${food}/applications`)).statusCode).toBe(401);
      expect((await move(candidate.cookie, atFood.id, "preselected")).statusCode).toBe(403);
      expect((await move(recruiter, randomUUID(), "preselected")).statusCode).toBe(404);

      // The fair admin may act on every stand.
      expect((await move(admin, second.id, "preselected")).statusCode).toBe(200);
      const preselected = staffPage.parse(
        (
          await call(
            app,
            "GET",
            `/api/stands/${food}/applications?status=preselected&pageSize=100`,
            recruiter,
          )
        ).json(),
      );
      expect(preselected.items.map((item) => item.id)).toContain(second.id);
      expect(preselected.items.every((item) => item.status === "preselected")).toBe(true);
      const byVacancy = staffPage.parse(
        (
          await call(
            app,
            "GET",
            `/api/stands/${food}/applications?vacancyId=${vacancyIn(hall, FOOD, 1)}&pageSize=100`,
            admin,
          )
        ).json(),
      );
      expect(byVacancy.items.every((item) => item.vacancy.id === vacancyIn(hall, FOOD, 1))).toBe(
        true,
      );
      const firstPage = staffPage.parse(
        (await call(app, "GET", `/api/stands/${food}/applications?pageSize=1`, recruiter)).json(),
      );
      expect(firstPage.items).toHaveLength(1);
      expect(firstPage.total).toBeGreaterThanOrEqual(2);

      // During an interview the console lists this candidate's applications at this stand only.
      const own = staffApplicationsSchema.parse(
        (
          await call(
            app,
            "GET",
            `/api/stands/${food}/candidates/${candidate.id}/applications`,
            recruiter,
          )
        ).json(),
      );
      expect(own.applications.map((item) => item.id).sort()).toEqual([atFood.id, second.id].sort());
    });

    it("keeps applications without the person after account deletion; the export carries them", async () => {
      const candidate = await signUpCandidate(app, "Leaving Soon");
      const application = await apply(candidate, vacancyIn(hall, FOOD), "Call me on 0470 12 34 56");
      await move(recruiter, application.id, "preselected");

      const exported = candidateExportSchema.parse(
        (await call(app, "GET", "/api/me/export", candidate.cookie)).json(),
      );
      expect(exported.applications).toHaveLength(1);
      expect(exported.applications[0]).toMatchObject({
        id: application.id,
        status: "preselected",
        history: [
          { from: null, to: "applied" },
          { from: "applied", to: "preselected" },
        ],
      });
      expect(exported.consents).toEqual([
        expect.objectContaining({ standId: food, organisationName: FOOD, revokedAt: null }),
      ]);

      expect((await call(app, "DELETE", "/api/me", candidate.cookie)).statusCode).toBe(204);
      const listed = staffPage
        .parse(
          (
            await call(app, "GET", `/api/stands/${food}/applications?pageSize=100`, recruiter)
          ).json(),
        )
        .items.find((item) => item.id === application.id);
      expect(listed).toMatchObject({
        status: "preselected",
        message: "",
        candidate: { id: null, displayName: null, profile: null },
      });
      expect(listed!.history.map((step) => step.by?.displayName ?? null)).toEqual([
        null,
        "Lotte Peeters",
      ]);
    });
  });
}

await onEveryDatabase(applicationsSuite);
