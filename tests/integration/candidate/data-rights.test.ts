/**
 * The candidate's rights over their data: only a candidate reaches their own
 * data routes; the export carries everything kept about them (account,
 * profile, consents, fair registrations with the organiser's decision) and
 * never the password hash; deleting the account removes it with its CV file,
 * sessions and consents, while its interviews stay without it. Each test
 * signs up its own candidate; the suite runs on PGlite and on PostgreSQL.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiErrorSchema,
  candidateExportSchema,
  fairAdminViewSchema,
  myRegistrationAnswerSchema,
} from "@crossfair/shared";
import { profileConsents } from "@crossfair/server/candidate/candidate.schema";
import { interviews } from "@crossfair/server/interview/interview.schema";
import { buildTestApp, type TestApp } from "../../support/app.js";
import { onEveryDatabase } from "../../support/every-database.js";
import { signInCookie } from "../../support/session.js";
import { minimalPdf, multipart } from "../../support/uploads.js";
import { createFair, moveFair } from "../fairs/fair-helpers.js";
import {
  ADMIN,
  FOOD,
  LOGISTICS,
  PASSWORD,
  RECRUITER,
  demoStands,
  newCandidate,
  storedCvs,
  uploadCv,
  userIdOf,
  validProfile,
} from "./candidate-fixture.js";

const DEMO_FAIR = "cross-border-job-day";

await onEveryDatabase((backend, env) => {
  describe(`candidate data rights on ${backend}`, () => {
    let app: TestApp;

    beforeAll(async () => {
      app = await buildTestApp(env());
    });
    afterAll(async () => app?.dispose());

    const giveConsent = (cookie: string, standId: string) =>
      app.http.inject({
        method: "POST",
        url: "/api/me/consents",
        payload: { standId },
        headers: { cookie },
      });
    const register = async (cookie: string, slug: string) => {
      const response = await app.http.inject({
        method: "POST",
        url: `/api/fairs/${slug}/registration`,
        headers: { cookie },
      });
      expect(response.statusCode, response.body).toBe(201);
      return myRegistrationAnswerSchema.parse(response.json()).registration;
    };

    it("serves the candidate's own data to candidates only", async () => {
      const recruiterCookie = await signInCookie(app, RECRUITER);
      const routes = [
        { method: "GET", url: "/api/me/profile" },
        { method: "PUT", url: "/api/me/profile", payload: validProfile },
        { method: "POST", url: "/api/me/cv", ...multipart(minimalPdf()) },
        { method: "GET", url: "/api/me/cv" },
        { method: "GET", url: "/api/me/export" },
        { method: "DELETE", url: "/api/me" },
      ] as const;
      for (const route of routes) {
        const { headers, ...rest } = { headers: {}, ...route };
        const anonymous = await app.http.inject({ ...rest, headers });
        expect(anonymous.statusCode, `${route.method} ${route.url}`).toBe(401);
        expect(apiErrorSchema.parse(anonymous.json()).error.code).toBe("unauthenticated");
        const recruiter = await app.http.inject({
          ...rest,
          headers: { ...headers, cookie: recruiterCookie },
        });
        expect(recruiter.statusCode, `${route.method} ${route.url}`).toBe(403);
        expect(apiErrorSchema.parse(recruiter.json()).error.code).toBe("forbidden");
      }
      // The recruiter's account survived the DELETE attempt.
      expect(await signInCookie(app, RECRUITER)).toMatch(/^cf_session=./);
    });

    it("exports the account, profile, consents and fair registrations without the password hash", async () => {
      const candidate = await newCandidate(app);
      expect((await uploadCv(app, candidate.cookie, minimalPdf())).statusCode).toBe(201);
      const stands = await demoStands(app);
      for (const name of [FOOD, LOGISTICS]) {
        expect((await giveConsent(candidate.cookie, stands.get(name)!)).statusCode).toBe(201);
      }
      // The demo fair is walk-in (approved at once); a pre-screening fair rejects them.
      const admin = await signInCookie(app, ADMIN);
      const screening = await createFair(app, admin, {
        name: { en: "Screened jobs", nl: "Gescreende banen" },
        registrationNeedsApproval: true,
      });
      await moveFair(app, admin, screening.slug, "registration_open");
      const demoRegistration = await register(candidate.cookie, DEMO_FAIR);
      const screened = await register(candidate.cookie, screening.slug);
      expect(screened.status).toBe("pending");
      const decision = await app.http.inject({
        method: "POST",
        url: `/api/admin/registrations/${screened.id}/decision`,
        payload: { status: "rejected" },
        headers: { cookie: admin },
      });
      expect(decision.statusCode).toBe(200);
      const demoFair = fairAdminViewSchema.parse(
        (
          await app.http.inject({
            url: `/api/admin/fairs/${DEMO_FAIR}`,
            headers: { cookie: admin },
          })
        ).json(),
      );

      const response = await app.http.inject({
        url: "/api/me/export",
        headers: { cookie: candidate.cookie },
      });
      expect(response.statusCode).toBe(200);
      expect(response.body).not.toMatch(/password|argon2/i);
      const data = candidateExportSchema.parse(response.json());
      expect(data.account).toMatchObject({
        id: candidate.id,
        email: candidate.email,
      });
      // Signed up through the mailed link: the export says when the address was confirmed.
      expect(Date.parse(data.account.emailVerifiedAt ?? "")).toBeGreaterThan(Date.now() - 60_000);
      expect(data.profile).toMatchObject({ region: "Hauts-de-France", hasCv: true });
      expect(data.consents.map((consent) => consent.organisationName).sort()).toEqual(
        [FOOD, LOGISTICS].sort(),
      );
      expect(data.registrations).toEqual([
        {
          fairSlug: DEMO_FAIR,
          fairName: demoFair.name,
          status: "approved",
          createdAt: demoRegistration.createdAt,
          decidedAt: demoRegistration.decidedAt,
        },
        {
          fairSlug: screening.slug,
          fairName: { en: "Screened jobs", nl: "Gescreende banen" },
          status: "rejected",
          createdAt: screened.createdAt,
          decidedAt: expect.any(String),
        },
      ]);
      const rejected = data.registrations[1]!;
      expect(Date.parse(rejected.decidedAt!)).toBeGreaterThanOrEqual(
        Date.parse(rejected.createdAt),
      );
    });

    it("exports no registrations for a candidate who never registered", async () => {
      const candidate = await newCandidate(app, { withProfile: false });
      const response = await app.http.inject({
        url: "/api/me/export",
        headers: { cookie: candidate.cookie },
      });
      const data = candidateExportSchema.parse(response.json());
      expect(data).toMatchObject({ profile: null, consents: [], registrations: [] });
    });

    it("deletes the account, its CV file and sessions; its interviews stay, without it", async () => {
      const leaver = await newCandidate(app);
      const stayer = await newCandidate(app);
      expect((await uploadCv(app, stayer.cookie, minimalPdf("Staying"))).statusCode).toBe(201);
      const filesBefore = await storedCvs(app);
      expect((await uploadCv(app, leaver.cookie, minimalPdf("Leaving"))).statusCode).toBe(201);
      const leaverFiles = (await storedCvs(app)).filter((name) => !filesBefore.includes(name));
      expect(leaverFiles).toHaveLength(1);
      const food = (await demoStands(app)).get(FOOD)!;
      expect((await giveConsent(leaver.cookie, food)).statusCode).toBe(201);
      const [interview] = await app.database.db
        .insert(interviews)
        .values({
          standId: food,
          recruiterId: await userIdOf(app, RECRUITER),
          candidateId: leaver.id,
          status: "ended",
        })
        .returning();

      const deleted = await app.http.inject({
        method: "DELETE",
        url: "/api/me",
        headers: { cookie: leaver.cookie },
      });
      expect(deleted.statusCode).toBe(204);
      const cleared = deleted.cookies.find((entry) => entry.name === "cf_session");
      expect(cleared?.value).toBe("");
      expect((await storedCvs(app)).sort()).toEqual([...filesBefore].sort());

      const signIn = await app.http.inject({
        method: "POST",
        url: "/api/auth/sign-in",
        payload: { email: leaver.email, password: PASSWORD },
      });
      expect(signIn.statusCode).toBe(401);
      const oldSession = await app.http.inject({
        url: "/api/auth/me",
        headers: { cookie: leaver.cookie },
      });
      expect(oldSession.statusCode).toBe(401);

      const [kept] = await app.database.db
        .select()
        .from(interviews)
        .where(eq(interviews.id, interview!.id));
      expect(kept).toMatchObject({ standId: food, candidateId: null });
      const consents = await app.database.db
        .select()
        .from(profileConsents)
        .where(and(eq(profileConsents.standId, food), eq(profileConsents.candidateId, leaver.id)));
      expect(consents).toEqual([]);

      // The other candidate's CV is untouched.
      const own = await app.http.inject({ url: "/api/me/cv", headers: { cookie: stayer.cookie } });
      expect(own.statusCode).toBe(200);
    });
  });
});
