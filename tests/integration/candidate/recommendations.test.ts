/**
 * "Vacancies for you" over HTTP, on both databases: nothing to rank without a
 * profile; with one, the current fair's open vacancies at approved stands,
 * ranked by the same rule the badges use, each with its reasons.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  languageFit,
  recommendationsSchema,
  type Recommendations,
  type VacancyInput,
} from "@crossfair/shared";
import { buildTestApp, type TestApp } from "../../support/app.js";
import { onEveryDatabase } from "../../support/every-database.js";
import { signInCookie } from "../../support/session.js";
import { approvedEmployerStand, registerStand } from "../../support/stands.js";
import { newCandidate, validProfile } from "./candidate-fixture.js";

const vacancy = (overrides: Partial<VacancyInput>): VacancyInput => ({
  title: "Préparateur de commandes",
  description: "Entrepôt, deux équipes.",
  originalLanguage: "fr",
  sector: "logistics",
  country: "FR",
  region: "Hauts-de-France",
  contractType: "permanent",
  openings: 1,
  requiredLanguages: [],
  ...overrides,
});

async function recommendationsSuite(backend: string, env: () => Record<string, string>) {
  describe(`recommendations (${backend})`, () => {
    let app: TestApp;
    let adminCookie: string;
    beforeAll(async () => {
      app = await buildTestApp(env());
      adminCookie = await signInCookie(app, "admin@crossfair.test");
    });
    afterAll(async () => app?.dispose());

    const addVacancy = async (standId: string, cookie: string, body: VacancyInput) => {
      const response = await app.http.inject({
        method: "POST",
        url: `/api/stands/${standId}/vacancies`,
        headers: { cookie },
        payload: body,
      });
      expect(response.statusCode, response.body).toBe(201);
      return (response.json() as { id: string }).id;
    };
    const recommendationsOf = async (cookie: string): Promise<Recommendations> => {
      const response = await app.http.inject({
        url: "/api/me/recommendations",
        headers: { cookie },
      });
      expect(response.statusCode, response.body).toBe(200);
      return recommendationsSchema.parse(response.json());
    };

    it("has nothing to rank by before the candidate has a profile", async () => {
      const { cookie } = await newCandidate(app, { withProfile: false });
      expect(await recommendationsOf(cookie)).toEqual({
        hasProfile: false,
        languages: [],
        recommendations: [],
      });
    });

    it("ranks open vacancies at approved stands by language fit, sector and commute", async () => {
      const { stand, cookie: standCookie } = await approvedEmployerStand(app, adminCookie);
      // Next door, French asked at B1 (the candidate has C2), many openings: first.
      const nextDoor = await addVacancy(
        stand.id,
        standCookie,
        vacancy({ openings: 90, requiredLanguages: [{ language: "fr", level: "B1" }] }),
      );
      // German asked at C1, which the candidate does not speak: low (its reasons: the unit test).
      const german = await addVacancy(
        stand.id,
        standCookie,
        vacancy({ openings: 90, requiredLanguages: [{ language: "de", level: "C1" }] }),
      );
      // At a stand still waiting for approval: never recommended.
      const pending = await registerStand(app);
      const hidden = await addVacancy(pending.stand.id, pending.cookie, vacancy({ openings: 99 }));

      const { cookie } = await newCandidate(app);
      const answer = await recommendationsOf(cookie);
      expect(answer.hasProfile).toBe(true);
      expect(answer.languages).toEqual(validProfile.languages);
      const ids = answer.recommendations.map((entry) => entry.vacancyId);
      expect(ids[0]).toBe(nextDoor);
      expect(ids).not.toContain(hidden);
      const scores = answer.recommendations.map((entry) => entry.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      // The badges' rule and the ranking's agree on every vacancy.
      for (const entry of answer.recommendations) {
        expect(entry.fits).toBe(languageFit(validProfile.languages, entry.requiredLanguages).fits);
      }
      expect(answer.recommendations[0]!.reasons).toEqual([
        {
          kind: "languages_met",
          asks: [{ language: "fr", asked: "B1", have: "C2", meets: true }],
        },
        { kind: "sector", sector: "logistics" },
        { kind: "region", region: "Hauts-de-France" },
        { kind: "same_country", country: "FR" },
      ]);
      // Short of German, it ranks below the vacancy next door (or falls out of the ten).
      expect(ids.indexOf(german) === -1 || ids.indexOf(german) > ids.indexOf(nextDoor)).toBe(true);
    });
  });
}

await onEveryDatabase(recommendationsSuite);
