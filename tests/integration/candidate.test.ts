/**
 * The candidate's own data over HTTP: profile, CV upload and downloads (owner,
 * consented stand staff), export and account deletion. The whole suite runs on
 * the embedded PGlite and again on the real PostgreSQL when it is available.
 */
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiErrorSchema,
  candidateExportSchema,
  candidateProfileAnswerSchema,
  fairHallSchema,
  type CandidateProfileBody,
} from "@crossfair/shared";
import { users } from "@crossfair/server/auth/auth.schema";
import { profileConsents } from "@crossfair/server/candidate/candidate.schema";
import { interviews } from "@crossfair/server/interview/interview.schema";
import { DEMO_PASSWORD } from "@crossfair/server/fair/demo-seed";
import { buildTestApp, type TestApp } from "../support/app.js";
import { createTestDatabase, type TestDatabase } from "../support/databases.js";
import { postgresAvailable } from "../support/services.js";
import { signInCookie } from "../support/session.js";
import { minimalPdf, multipart } from "../support/uploads.js";

const CANDIDATE = "candidate@crossfair.test";
const LEAVER = "kandidaat@crossfair.test";
const RECRUITER = "recruiter@crossfair.test";

const validProfile: CandidateProfileBody = {
  country: "FR",
  region: "Hauts-de-France",
  languages: [
    { language: "fr", level: "C2" },
    { language: "nl", level: "B1" },
  ],
  sectors: ["logistics", "food"],
  availability: "from March, full time",
  pitch: "Forklift driver with six years in warehouses.",
  contactPhone: "+33 6 12 34 56 78",
};

async function uploadCv(app: TestApp, cookie: string, bytes: Buffer, filename = "cv.pdf") {
  const body = multipart(bytes, filename);
  return app.http.inject({
    method: "POST",
    url: "/api/me/cv",
    payload: body.payload,
    headers: { ...body.headers, cookie },
  });
}

async function storedCvs(app: TestApp): Promise<string[]> {
  const directory = path.join(app.dataDir, "cvs");
  return existsSync(directory) ? readdir(directory) : [];
}

function candidateSuite(backend: string, env: () => Record<string, string>) {
  describe(`candidate data on ${backend}`, () => {
    let app: TestApp;
    let candidateCookie: string;
    let recruiterCookie: string;
    let standIds: Map<string, string>;

    const userId = async (email: string) => {
      const [row] = await app.database.db
        .select({ id: users.id })
        .from(users)
        .where(eq(users.email, email));
      return row!.id;
    };

    beforeAll(async () => {
      app = await buildTestApp(env());
      candidateCookie = await signInCookie(app, CANDIDATE);
      recruiterCookie = await signInCookie(app, RECRUITER);
      const hall = fairHallSchema.parse(
        (await app.http.inject({ url: "/api/fairs/current/hall" })).json(),
      );
      standIds = new Map(hall.stands.map((stand) => [stand.organisationName, stand.id]));
    });
    afterAll(async () => app?.dispose());

    it("reads the seeded profile and replaces it with what was sent", async () => {
      const seeded = await app.http.inject({
        url: "/api/me/profile",
        headers: { cookie: candidateCookie },
      });
      expect(seeded.statusCode).toBe(200);
      expect(candidateProfileAnswerSchema.parse(seeded.json()).profile).toMatchObject({
        country: "FR",
        hasCv: false,
        availability: "",
        contactPhone: null,
      });

      const saved = await app.http.inject({
        method: "PUT",
        url: "/api/me/profile",
        payload: validProfile,
        headers: { cookie: candidateCookie },
      });
      expect(saved.statusCode).toBe(200);
      const read = await app.http.inject({
        url: "/api/me/profile",
        headers: { cookie: candidateCookie },
      });
      const { profile } = candidateProfileAnswerSchema.parse(read.json());
      expect(profile).toMatchObject({ ...validProfile, hasCv: false });
    });

    it("refuses invalid profiles with the field named", async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ ...validProfile, country: "fr" }, "body.country"],
        [{ ...validProfile, pitch: "x".repeat(601) }, "body.pitch"],
        [
          { ...validProfile, languages: [{ language: "fr", level: "D1" }] },
          "body.languages.0.level",
        ],
        [{ ...validProfile, languages: [] }, "body.languages"],
        [{ ...validProfile, sectors: "logistics" }, "body.sectors"],
        [{ ...validProfile, contactPhone: "call me maybe" }, "body.contactPhone"],
      ];
      for (const [payload, field] of cases) {
        const response = await app.http.inject({
          method: "PUT",
          url: "/api/me/profile",
          payload,
          headers: { cookie: candidateCookie },
        });
        expect(response.statusCode, field).toBe(400);
        expect(apiErrorSchema.parse(response.json()).error).toMatchObject({
          code: "validation_failed",
          field,
        });
      }
    });

    it("serves the candidate's own data to candidates only", async () => {
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

    it("stores an uploaded PDF under a generated name and gives it back to its owner", async () => {
      const pdf = minimalPdf();
      const response = await uploadCv(app, candidateCookie, pdf, "../../etc/passwd.pdf");
      expect(response.statusCode).toBe(201);
      expect(candidateProfileAnswerSchema.parse(response.json()).profile.hasCv).toBe(true);
      const files = await storedCvs(app);
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/^[0-9a-f-]{36}\.pdf$/);

      const download = await app.http.inject({
        url: "/api/me/cv",
        headers: { cookie: candidateCookie },
      });
      expect(download.statusCode).toBe(200);
      expect(download.headers["content-type"]).toBe("application/pdf");
      expect(download.headers["content-disposition"]).toMatch(/^attachment/);
      expect(download.rawPayload.equals(pdf)).toBe(true);

      // A second upload replaces the first, file included.
      const replacement = minimalPdf("Updated CV");
      expect((await uploadCv(app, candidateCookie, replacement)).statusCode).toBe(201);
      const after = await storedCvs(app);
      expect(after).toHaveLength(1);
      expect(after[0]).not.toBe(files[0]);
      const again = await app.http.inject({
        url: "/api/me/cv",
        headers: { cookie: candidateCookie },
      });
      expect(again.rawPayload.equals(replacement)).toBe(true);
    });

    it("refuses a file that is not a PDF whatever its name and type say, and an empty upload", async () => {
      const fake = await uploadCv(app, candidateCookie, Buffer.from("MZ\x90\x00 not a pdf"));
      expect(fake.statusCode).toBe(415);
      expect(apiErrorSchema.parse(fake.json()).error.code).toBe("unsupported_media_type");

      const boundary = "----empty";
      const noFile = await app.http.inject({
        method: "POST",
        url: "/api/me/cv",
        payload: `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--${boundary}--\r\n`,
        headers: {
          cookie: candidateCookie,
          "content-type": `multipart/form-data; boundary=${boundary}`,
        },
      });
      expect(noFile.statusCode).toBe(400);
      expect(apiErrorSchema.parse(noFile.json()).error).toMatchObject({
        code: "validation_failed",
        field: "file",
      });

      const json = await app.http.inject({
        method: "POST",
        url: "/api/me/cv",
        payload: { file: "%PDF-1.4" },
        headers: { cookie: candidateCookie },
      });
      expect(json.statusCode).toBe(415);
      // The CV stored earlier is untouched.
      expect(await storedCvs(app)).toHaveLength(1);
    });

    it("asks for a profile before a CV, and answers 404 while there is none", async () => {
      const signUp = await app.http.inject({
        method: "POST",
        url: "/api/auth/sign-up",
        payload: {
          email: `new-${backend.toLowerCase()}@example.org`,
          password: "long enough password",
          displayName: "New Candidate",
        },
      });
      expect(signUp.statusCode).toBe(201);
      const token = signUp.cookies.find((entry) => entry.name === "cf_session")!.value;
      const cookie = `cf_session=${token}`;
      const profile = await app.http.inject({ url: "/api/me/profile", headers: { cookie } });
      expect(profile.statusCode).toBe(404);
      const filesBefore = await storedCvs(app);
      const upload = await uploadCv(app, cookie, minimalPdf());
      expect(upload.statusCode).toBe(409);
      expect(apiErrorSchema.parse(upload.json()).error.code).toBe("conflict");
      expect(await storedCvs(app)).toEqual(filesBefore);
      const cv = await app.http.inject({ url: "/api/me/cv", headers: { cookie } });
      expect(cv.statusCode).toBe(404);
      const created = await app.http.inject({
        method: "PUT",
        url: "/api/me/profile",
        payload: {
          country: "BE",
          region: "Namur",
          languages: [{ language: "fr", level: "C1" }],
          sectors: [],
        },
        headers: { cookie },
      });
      expect(candidateProfileAnswerSchema.parse(created.json()).profile).toMatchObject({
        availability: "",
        pitch: "",
        contactPhone: null,
        hasCv: false,
      });
    });

    it("answers random profile bodies with a typed 4xx or a saved profile, never a 5xx", async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.record(
            {
              country: fc.oneof(fc.constantFrom("BE", "FR", "be", "B"), fc.string()),
              region: fc.oneof(fc.string(), fc.integer()),
              languages: fc.array(
                fc.record({
                  language: fc.constantFrom("nl", "fr", "en", "de", "xx"),
                  level: fc.constantFrom("A1", "C2", "Z9"),
                }),
                { maxLength: 5 },
              ),
              sectors: fc.array(fc.string(), { maxLength: 12 }),
              pitch: fc.string({ maxLength: 700 }),
              contactPhone: fc.oneof(
                fc.constant(null),
                fc.string(),
                fc.constant("+32 470 12 34 56"),
              ),
            },
            { requiredKeys: [] },
          ),
          async (payload) => {
            const response = await app.http.inject({
              method: "PUT",
              url: "/api/me/profile",
              payload,
              headers: { cookie: candidateCookie },
            });
            expect(response.statusCode).toBeLessThan(500);
            if (response.statusCode >= 400) {
              expect(apiErrorSchema.parse(response.json()).error.code).toBe("validation_failed");
            }
          },
        ),
        { numRuns: 100 },
      );
      // Back to a known profile for the tests that follow.
      const reset = await app.http.inject({
        method: "PUT",
        url: "/api/me/profile",
        payload: validProfile,
        headers: { cookie: candidateCookie },
      });
      expect(reset.statusCode).toBe(200);
    });

    it("answers malformed multipart bodies with a typed 4xx, never a 5xx", async () => {
      const boundary = "----broken";
      const part = (name: string) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="a.pdf"\r\n` +
        `Content-Type: application/pdf\r\n\r\n%PDF-1.4\r\n`;
      const bodies: [string, string][] = [
        ["multipart/form-data", "no boundary at all"],
        [`multipart/form-data; boundary=${boundary}`, "garbage without any boundary"],
        [`multipart/form-data; boundary=${boundary}`, part("file")],
        [
          `multipart/form-data; boundary=${boundary}`,
          `${part("file")}${part("second")}--${boundary}--\r\n`,
        ],
        [`multipart/form-data; boundary=${boundary}`, ""],
        ["text/plain", "%PDF-1.4"],
      ];
      for (const [type, payload] of bodies) {
        const response = await app.http.inject({
          method: "POST",
          url: "/api/me/cv",
          payload,
          headers: { cookie: candidateCookie, "content-type": type },
        });
        expect(response.statusCode, `${type}: ${payload.slice(0, 40)}`).toBeGreaterThanOrEqual(400);
        expect(response.statusCode, `${type}: ${payload.slice(0, 40)}`).toBeLessThan(500);
        expect(apiErrorSchema.safeParse(response.json()).success).toBe(true);
      }
      expect(await storedCvs(app)).toHaveLength(1);
    });

    it("lets the staff of a stand read the CV only while the candidate consents to that stand", async () => {
      const candidateId = await userId(CANDIDATE);
      const food = standIds.get("Flanders Food Factory")!;
      const other = standIds.get("Hainaut Logistique")!;
      const read = (standId: string) =>
        app.http.inject({
          url: `/api/stands/${standId}/candidates/${candidateId}/cv`,
          headers: { cookie: recruiterCookie },
        });

      const before = await read(food);
      expect(before.statusCode).toBe(403);
      expect(apiErrorSchema.parse(before.json()).error.code).toBe("forbidden");

      const [consent] = await app.database.db
        .insert(profileConsents)
        .values({ candidateId, standId: food })
        .returning();
      const allowed = await read(food);
      expect(allowed.statusCode).toBe(200);
      expect(allowed.headers["content-type"]).toBe("application/pdf");
      expect(allowed.headers["content-disposition"]).toMatch(/^attachment/);
      expect(allowed.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");

      // Consent given to one stand does not open the CV to another stand's staff.
      await app.database.db.insert(profileConsents).values({ candidateId, standId: other });
      expect((await read(other)).statusCode).toBe(403);

      await app.database.db
        .update(profileConsents)
        .set({ revokedAt: new Date() })
        .where(eq(profileConsents.id, consent!.id));
      expect((await read(food)).statusCode).toBe(403);

      const anonymous = await app.http.inject({
        url: `/api/stands/${food}/candidates/${candidateId}/cv`,
      });
      expect(anonymous.statusCode).toBe(401);
    });

    it("exports the account, profile and consents without the password hash", async () => {
      const response = await app.http.inject({
        url: "/api/me/export",
        headers: { cookie: candidateCookie },
      });
      expect(response.statusCode).toBe(200);
      expect(response.body).not.toMatch(/password|argon2/i);
      const data = candidateExportSchema.parse(response.json());
      expect(data.account.email).toBe(CANDIDATE);
      expect(data.profile).toMatchObject({ region: "Hauts-de-France", hasCv: true });
      expect(data.consents.map((consent) => consent.organisationName).sort()).toEqual([
        "Flanders Food Factory",
        "Hainaut Logistique",
      ]);
    });

    it("deletes the account, its CV file and sessions; its interviews stay, without it", async () => {
      const cookie = await signInCookie(app, LEAVER);
      const leaverId = await userId(LEAVER);
      const recruiterId = await userId(RECRUITER);
      const food = standIds.get("Flanders Food Factory")!;
      expect((await uploadCv(app, cookie, minimalPdf("Leaving"))).statusCode).toBe(201);
      const filesBefore = await storedCvs(app);
      expect(filesBefore).toHaveLength(2);
      await app.database.db
        .insert(profileConsents)
        .values({ candidateId: leaverId, standId: food });
      const [interview] = await app.database.db
        .insert(interviews)
        .values({ standId: food, recruiterId, candidateId: leaverId, status: "ended" })
        .returning();

      const deleted = await app.http.inject({
        method: "DELETE",
        url: "/api/me",
        headers: { cookie },
      });
      expect(deleted.statusCode).toBe(204);
      const cleared = deleted.cookies.find((entry) => entry.name === "cf_session");
      expect(cleared?.value).toBe("");

      const filesAfter = await storedCvs(app);
      expect(filesAfter).toHaveLength(1);
      expect(filesBefore).toContain(filesAfter[0]);

      const signIn = await app.http.inject({
        method: "POST",
        url: "/api/auth/sign-in",
        payload: { email: LEAVER, password: DEMO_PASSWORD },
      });
      expect(signIn.statusCode).toBe(401);
      const oldSession = await app.http.inject({ url: "/api/auth/me", headers: { cookie } });
      expect(oldSession.statusCode).toBe(401);

      const [kept] = await app.database.db
        .select()
        .from(interviews)
        .where(eq(interviews.id, interview!.id));
      expect(kept).toMatchObject({ standId: food, candidateId: null });
      const consents = await app.database.db
        .select()
        .from(profileConsents)
        .where(and(eq(profileConsents.standId, food), eq(profileConsents.candidateId, leaverId)));
      expect(consents).toEqual([]);

      // The other candidate's CV is untouched.
      const own = await app.http.inject({
        url: "/api/me/cv",
        headers: { cookie: candidateCookie },
      });
      expect(own.statusCode).toBe(200);
    });
  });
}

candidateSuite("PGlite", () => ({}));

describe("CV size limit", () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await buildTestApp({ CV_MAX_BYTES: "1024" });
  });
  afterAll(async () => app?.dispose());

  it("refuses a PDF over CV_MAX_BYTES with payload_too_large and keeps nothing", async () => {
    const cookie = await signInCookie(app, CANDIDATE);
    const big = Buffer.concat([minimalPdf(), Buffer.alloc(2048, 0x20)]);
    const response = await uploadCv(app, cookie, big);
    expect(response.statusCode).toBe(413);
    expect(apiErrorSchema.parse(response.json()).error.code).toBe("payload_too_large");
    expect(await storedCvs(app)).toEqual([]);
    const small = await uploadCv(app, cookie, minimalPdf());
    expect(small.statusCode).toBe(201);
  });
});

const postgres = await postgresAvailable();
let database: TestDatabase | undefined;
if (postgres) {
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database?.drop());
  candidateSuite("PostgreSQL", () => ({ DATABASE_URL: database!.url, SEED_DEMO: "true" }));
}
