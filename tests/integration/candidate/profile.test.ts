/**
 * The candidate's profile over HTTP: saved and replaced whole, refused with
 * the field named when invalid, never a 5xx whatever the body. Each test
 * signs up its own candidate; the suite runs on PGlite and on PostgreSQL.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiErrorSchema, candidateProfileAnswerSchema } from "@crossfair/shared";
import { buildTestApp, type TestApp } from "../../support/app.js";
import { onEveryDatabase } from "../../support/every-database.js";
import { newCandidate, validProfile } from "./candidate-fixture.js";

await onEveryDatabase((backend, env) => {
  describe(`candidate profile on ${backend}`, () => {
    let app: TestApp;

    beforeAll(async () => {
      app = await buildTestApp(env());
    });
    afterAll(async () => app?.dispose());

    const readProfile = (cookie: string) =>
      app.http.inject({ url: "/api/me/profile", headers: { cookie } });
    const saveProfile = (cookie: string, payload: object) =>
      app.http.inject({ method: "PUT", url: "/api/me/profile", payload, headers: { cookie } });

    it("answers 404 before a profile exists, then saves one with its defaults filled in", async () => {
      const { cookie } = await newCandidate(app, { withProfile: false });
      expect((await readProfile(cookie)).statusCode).toBe(404);

      const created = await saveProfile(cookie, {
        country: "BE",
        region: "Namur",
        languages: [{ language: "fr", level: "C1" }],
        sectors: [],
      });
      expect(created.statusCode).toBe(200);
      expect(candidateProfileAnswerSchema.parse(created.json()).profile).toMatchObject({
        availability: "",
        pitch: "",
        contactPhone: null,
        hasCv: false,
      });
    });

    it("replaces the whole profile with what was sent", async () => {
      const { cookie } = await newCandidate(app);
      const replaced = await saveProfile(cookie, {
        country: "BE",
        region: "Liège",
        languages: [{ language: "de", level: "B2" }],
        sectors: ["care"],
      });
      expect(replaced.statusCode).toBe(200);
      const { profile } = candidateProfileAnswerSchema.parse((await readProfile(cookie)).json());
      expect(profile).toMatchObject({
        country: "BE",
        region: "Liège",
        languages: [{ language: "de", level: "B2" }],
        sectors: ["care"],
        availability: "",
        pitch: "",
        contactPhone: null,
        hasCv: false,
      });

      expect((await saveProfile(cookie, validProfile)).statusCode).toBe(200);
      const again = candidateProfileAnswerSchema.parse((await readProfile(cookie)).json());
      expect(again.profile).toMatchObject({ ...validProfile, hasCv: false });
    });

    it("refuses invalid profiles with the field named, keeping the one on file", async () => {
      const { cookie } = await newCandidate(app);
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
        const response = await saveProfile(cookie, payload);
        expect(response.statusCode, field).toBe(400);
        expect(apiErrorSchema.parse(response.json()).error).toMatchObject({
          code: "validation_failed",
          field,
        });
      }
      const { profile } = candidateProfileAnswerSchema.parse((await readProfile(cookie)).json());
      expect(profile).toMatchObject(validProfile);
    });

    it("answers random profile bodies with a typed 4xx or a saved profile, never a 5xx", async () => {
      const { cookie } = await newCandidate(app);
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
            const response = await saveProfile(cookie, payload);
            expect(response.statusCode).toBeLessThan(500);
            if (response.statusCode >= 400) {
              expect(apiErrorSchema.parse(response.json()).error.code).toBe("validation_failed");
            }
          },
        ),
        { numRuns: 100 },
      );
    });
  });
});
