/**
 * The candidate's CV over HTTP: PDF only, stored under a generated name and
 * replaced file and all, refused (and nothing kept) when it is not a PDF, too
 * large or malformed, and readable by a stand's staff only while the
 * candidate consents to that stand. Each test signs up its own candidate; the
 * suite runs on PGlite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiErrorSchema, candidateProfileAnswerSchema } from "@crossfair/shared";
import { buildTestApp, type TestApp } from "../../support/app.js";
import { onEveryDatabase } from "../../support/every-database.js";
import { signInCookie } from "../../support/session.js";
import { minimalPdf } from "../../support/uploads.js";
import {
  FOOD,
  LOGISTICS,
  RECRUITER,
  demoStands,
  newCandidate,
  storedCvs,
  uploadCv,
} from "./candidate-fixture.js";

/** The files that appeared and disappeared on disk while `action` ran. */
async function filesChangedBy(app: TestApp, action: () => Promise<unknown>) {
  const before = new Set(await storedCvs(app));
  await action();
  const after = new Set(await storedCvs(app));
  return {
    added: [...after].filter((name) => !before.has(name)),
    removed: [...before].filter((name) => !after.has(name)),
  };
}

await onEveryDatabase((backend, env) => {
  describe(`candidate CV on ${backend}`, () => {
    let app: TestApp;

    beforeAll(async () => {
      app = await buildTestApp(env());
    });
    afterAll(async () => app?.dispose());

    const ownCv = (cookie: string) => app.http.inject({ url: "/api/me/cv", headers: { cookie } });

    it("stores an uploaded PDF under a generated name, gives it back, and replaces it file and all", async () => {
      const { cookie } = await newCandidate(app);
      const pdf = minimalPdf();
      let response: Awaited<ReturnType<typeof uploadCv>> | undefined;
      const first = await filesChangedBy(app, async () => {
        response = await uploadCv(app, cookie, pdf, "../../etc/passwd.pdf");
      });
      expect(response?.statusCode).toBe(201);
      expect(candidateProfileAnswerSchema.parse(response?.json()).profile.hasCv).toBe(true);
      expect(first.added).toHaveLength(1);
      expect(first.added[0]).toMatch(/^[0-9a-f-]{36}\.pdf$/);

      const download = await ownCv(cookie);
      expect(download.statusCode).toBe(200);
      expect(download.headers["content-type"]).toBe("application/pdf");
      expect(download.headers["content-disposition"]).toMatch(/^attachment/);
      expect(download.rawPayload.equals(pdf)).toBe(true);

      const replacement = minimalPdf("Updated CV");
      const second = await filesChangedBy(app, async () => {
        expect((await uploadCv(app, cookie, replacement)).statusCode).toBe(201);
      });
      expect(second.removed).toEqual(first.added);
      expect(second.added).toHaveLength(1);
      expect((await ownCv(cookie)).rawPayload.equals(replacement)).toBe(true);
    });

    it("refuses a file that is not a PDF whatever its name and type say, and an empty upload", async () => {
      const { cookie } = await newCandidate(app);
      const pdf = minimalPdf("Kept");
      expect((await uploadCv(app, cookie, pdf)).statusCode).toBe(201);

      const changed = await filesChangedBy(app, async () => {
        const fake = await uploadCv(app, cookie, Buffer.from("MZ\x90\x00 not a pdf"));
        expect(fake.statusCode).toBe(415);
        expect(apiErrorSchema.parse(fake.json()).error.code).toBe("unsupported_media_type");

        const boundary = "----empty";
        const noFile = await app.http.inject({
          method: "POST",
          url: "/api/me/cv",
          payload: `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--${boundary}--\r\n`,
          headers: { cookie, "content-type": `multipart/form-data; boundary=${boundary}` },
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
          headers: { cookie },
        });
        expect(json.statusCode).toBe(415);
      });
      expect(changed).toEqual({ added: [], removed: [] });
      // The CV stored before is untouched.
      expect((await ownCv(cookie)).rawPayload.equals(pdf)).toBe(true);
    });

    it("asks for a profile before a CV, and answers 404 while there is none", async () => {
      const { cookie } = await newCandidate(app, { withProfile: false });
      const changed = await filesChangedBy(app, async () => {
        const upload = await uploadCv(app, cookie, minimalPdf());
        expect(upload.statusCode).toBe(409);
        expect(apiErrorSchema.parse(upload.json()).error.code).toBe("conflict");
      });
      expect(changed).toEqual({ added: [], removed: [] });
      expect((await ownCv(cookie)).statusCode).toBe(404);

      // A profile without a CV yet: still 404.
      const withProfile = await newCandidate(app);
      expect((await ownCv(withProfile.cookie)).statusCode).toBe(404);
    });

    it("answers malformed multipart bodies with a typed 4xx, never a 5xx", async () => {
      const { cookie } = await newCandidate(app);
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
      const changed = await filesChangedBy(app, async () => {
        for (const [type, payload] of bodies) {
          const response = await app.http.inject({
            method: "POST",
            url: "/api/me/cv",
            payload,
            headers: { cookie, "content-type": type },
          });
          const label = `${type}: ${payload.slice(0, 40)}`;
          expect(response.statusCode, label).toBeGreaterThanOrEqual(400);
          expect(response.statusCode, label).toBeLessThan(500);
          expect(apiErrorSchema.safeParse(response.json()).success).toBe(true);
        }
      });
      expect(changed).toEqual({ added: [], removed: [] });
      expect((await ownCv(cookie)).statusCode).toBe(404);
    });

    it("lets the staff of a stand read the CV only while the candidate consents to that stand", async () => {
      const candidate = await newCandidate(app);
      expect((await uploadCv(app, candidate.cookie, minimalPdf())).statusCode).toBe(201);
      const recruiterCookie = await signInCookie(app, RECRUITER);
      const stands = await demoStands(app);
      const food = stands.get(FOOD)!;
      const read = (standId: string, cookie?: string) =>
        app.http.inject({
          url: `/api/stands/${standId}/candidates/${candidate.id}/cv`,
          headers: cookie ? { cookie } : {},
        });
      const consent = (method: "POST" | "DELETE", standId: string) =>
        app.http.inject({
          method,
          url: method === "POST" ? "/api/me/consents" : `/api/me/consents/${standId}`,
          headers: { cookie: candidate.cookie },
          ...(method === "POST" ? { payload: { standId } } : {}),
        });

      const before = await read(food, recruiterCookie);
      expect(before.statusCode).toBe(403);
      expect(apiErrorSchema.parse(before.json()).error.code).toBe("forbidden");

      expect((await consent("POST", food)).statusCode).toBe(201);
      const allowed = await read(food, recruiterCookie);
      expect(allowed.statusCode).toBe(200);
      expect(allowed.headers["content-type"]).toBe("application/pdf");
      expect(allowed.headers["content-disposition"]).toMatch(/^attachment/);
      expect(allowed.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");

      // A consent to a stand the recruiter does not staff opens nothing to them there.
      const logistics = stands.get(LOGISTICS)!;
      expect((await consent("POST", logistics)).statusCode).toBe(201);
      expect((await read(logistics, recruiterCookie)).statusCode).toBe(403);

      expect((await consent("DELETE", food)).statusCode).toBe(204);
      expect((await read(food, recruiterCookie)).statusCode).toBe(403);
      expect((await read(food)).statusCode).toBe(401);
    });
  });
});

describe("CV size limit", () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await buildTestApp({ CV_MAX_BYTES: "1024" });
  });
  afterAll(async () => app?.dispose());

  it("refuses a PDF over CV_MAX_BYTES with payload_too_large and keeps nothing", async () => {
    const { cookie } = await newCandidate(app);
    const big = Buffer.concat([minimalPdf(), Buffer.alloc(2048, 0x20)]);
    const response = await uploadCv(app, cookie, big);
    expect(response.statusCode).toBe(413);
    expect(apiErrorSchema.parse(response.json()).error.code).toBe("payload_too_large");
    expect(await storedCvs(app)).toEqual([]);
    const small = await uploadCv(app, cookie, minimalPdf());
    expect(small.statusCode).toBe(201);
  });
});
