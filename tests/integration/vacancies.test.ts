/**
 * Vacancies over HTTP: written in one language, edited there, translated into
 * others without ever overwriting the original; the public sees open ones
 * only; a stand's admins manage their own stand's vacancies and no other's.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiErrorSchema,
  fairHallSchema,
  standDetailsSchema,
  vacancyDetailsSchema,
  type VacancyInput,
} from "@crossfair/shared";
import { buildTestApp, type TestApp } from "../support/app.js";
import { signInCookie } from "../support/session.js";
import { DEMO_FAIR, approvedEmployerStand } from "../support/stands.js";

const vacancy = (overrides: Partial<VacancyInput> = {}): VacancyInput => ({
  title: "Conducteur de chariot élévateur",
  description: "Trois équipes, permis cariste exigé.",
  originalLanguage: "fr",
  sector: "logistics",
  country: "BE",
  region: "Hainaut",
  contractType: "permanent",
  openings: 3,
  requiredLanguages: [{ language: "fr", level: "B2" }],
  ...overrides,
});

describe("vacancies", () => {
  let app: TestApp;
  let adminCookie: string;

  beforeAll(async () => {
    app = await buildTestApp();
    adminCookie = await signInCookie(app, "admin@crossfair.test");
  });
  afterAll(async () => app?.dispose());

  const create = (standId: string, cookie: string | undefined, body: object = vacancy()) =>
    app.http.inject({
      method: "POST",
      url: `/api/stands/${standId}/vacancies`,
      headers: cookie ? { cookie } : {},
      payload: body,
    });
  const patch = (vacancyId: string, cookie: string, body: object) =>
    app.http.inject({
      method: "PATCH",
      url: `/api/vacancies/${vacancyId}`,
      headers: { cookie },
      payload: body,
    });
  const translate = (vacancyId: string, language: string, cookie: string, body: object) =>
    app.http.inject({
      method: "PUT",
      url: `/api/vacancies/${vacancyId}/translations/${language}`,
      headers: { cookie },
      payload: body,
    });
  const errorOf = (response: { json(): unknown }) => apiErrorSchema.parse(response.json()).error;

  it("creates a vacancy in its original language, open at once and on the stand's page", async () => {
    const { stand, cookie } = await approvedEmployerStand(app, adminCookie);
    const response = await create(stand.id, cookie);
    expect(response.statusCode).toBe(201);
    const created = vacancyDetailsSchema.parse(response.json());
    expect(created).toMatchObject({
      standId: stand.id,
      title: { fr: "Conducteur de chariot élévateur" },
      description: { fr: "Trois équipes, permis cariste exigé." },
      originalLanguage: "fr",
      status: "open",
      openings: 3,
    });
    const page = standDetailsSchema.parse(
      (await app.http.inject({ url: `/api/stands/${stand.id}` })).json(),
    );
    expect(page.vacancies).toEqual([created]);
  });

  it("a translation never overwrites the original language", async () => {
    const { stand, cookie } = await approvedEmployerStand(app, adminCookie);
    const created = vacancyDetailsSchema.parse((await create(stand.id, cookie)).json());

    const overwrite = await translate(created.id, "fr", cookie, {
      title: "Écrasé",
      description: "Écrasé",
    });
    expect(overwrite.statusCode).toBe(409);
    expect(errorOf(overwrite)).toMatchObject({ code: "original_language", field: "language" });

    const dutch = await translate(created.id, "nl", cookie, {
      title: "Heftruckchauffeur",
      description: "Drie ploegen.",
    });
    expect(dutch.statusCode).toBe(200);
    expect(vacancyDetailsSchema.parse(dutch.json())).toMatchObject({
      title: { fr: "Conducteur de chariot élévateur", nl: "Heftruckchauffeur" },
      description: { fr: "Trois équipes, permis cariste exigé.", nl: "Drie ploegen." },
      originalLanguage: "fr",
    });
    // Replacing a translation replaces that language only.
    const again = await translate(created.id, "nl", cookie, {
      title: "Heftruckbestuurder",
      description: "Drie ploegen, heftruckattest.",
    });
    expect(vacancyDetailsSchema.parse(again.json()).title).toEqual({
      fr: "Conducteur de chariot élévateur",
      nl: "Heftruckbestuurder",
    });

    // Editing the vacancy's title changes the original language's text, not the translations.
    const edited = await patch(created.id, cookie, { title: "Cariste (h/f)", openings: 5 });
    expect(edited.statusCode).toBe(200);
    expect(vacancyDetailsSchema.parse(edited.json())).toMatchObject({
      title: { fr: "Cariste (h/f)", nl: "Heftruckbestuurder" },
      description: {
        fr: "Trois équipes, permis cariste exigé.",
        nl: "Drie ploegen, heftruckattest.",
      },
      openings: 5,
      originalLanguage: "fr",
    });
    expect(
      (await translate(created.id, "xx", cookie, { title: "a", description: "b" })).statusCode,
    ).toBe(400);
  });

  it("the public sees open vacancies only; the stand's staff see them all", async () => {
    const { stand, cookie } = await approvedEmployerStand(app, adminCookie);
    const open = vacancyDetailsSchema.parse(
      (await create(stand.id, cookie, vacancy({ title: "Still open" }))).json(),
    );
    const closing = vacancyDetailsSchema.parse(
      (await create(stand.id, cookie, vacancy({ title: "Soon filled" }))).json(),
    );
    const filled = await patch(closing.id, cookie, { status: "filled" });
    expect(vacancyDetailsSchema.parse(filled.json()).status).toBe("filled");

    const titles = async (headers: Record<string, string>) =>
      standDetailsSchema
        .parse((await app.http.inject({ url: `/api/stands/${stand.id}`, headers })).json())
        .vacancies.map((entry) => entry.title.fr);
    expect(await titles({})).toEqual(["Still open"]);
    expect(await titles({ cookie })).toEqual(["Still open", "Soon filled"]);
    expect(await titles({ cookie: adminCookie })).toEqual(["Still open", "Soon filled"]);
    const hall = fairHallSchema.parse(
      (await app.http.inject({ url: `/api/fairs/${DEMO_FAIR}/hall` })).json(),
    );
    expect(hall.stands.find((entry) => entry.id === stand.id)?.vacancies.map((v) => v.id)).toEqual([
      open.id,
    ]);
  });

  it("a stand admin manages their own stand's vacancies only; recruiters and visitors none", async () => {
    const own = await approvedEmployerStand(app, adminCookie);
    const other = await approvedEmployerStand(app, adminCookie);
    const mine = vacancyDetailsSchema.parse((await create(own.stand.id, own.cookie)).json());

    const foreignCreate = await create(own.stand.id, other.cookie);
    expect(foreignCreate.statusCode).toBe(403);
    expect(errorOf(foreignCreate).code).toBe("forbidden");
    expect((await patch(mine.id, other.cookie, { openings: 99 })).statusCode).toBe(403);
    expect(
      (await translate(mine.id, "en", other.cookie, { title: "Hijack", description: "x" }))
        .statusCode,
    ).toBe(403);
    // A recruiter is staff, but not a stand admin (their own stand included).
    const recruiter = await signInCookie(app, "recruiter@crossfair.test");
    const recruiterStand = (
      (await app.http.inject({ url: "/api/me/stands", headers: { cookie: recruiter } })).json() as {
        stands: { standId: string }[];
      }
    ).stands[0]!.standId;
    expect((await create(recruiterStand, recruiter)).statusCode).toBe(403);
    expect((await create(own.stand.id, undefined)).statusCode).toBe(401);

    // A fair admin may manage every stand's vacancies.
    const byAdmin = await patch(mine.id, adminCookie, { status: "closed" });
    expect(vacancyDetailsSchema.parse(byAdmin.json()).status).toBe("closed");
    const unchanged = vacancyDetailsSchema.parse((await patch(mine.id, own.cookie, {})).json());
    expect(unchanged).toMatchObject({ openings: 3, status: "closed" });
    const unknown = await patch("00000000-0000-4000-8000-000000000000", adminCookie, {
      openings: 2,
    });
    expect(unknown.statusCode).toBe(404);
  });

  it("refuses invalid vacancies with the field at fault", async () => {
    const { stand, cookie } = await approvedEmployerStand(app, adminCookie);
    const cases: [object, string][] = [
      [vacancy({ openings: 0 }), "body.openings"],
      [vacancy({ title: "   " }), "body.title"],
      [
        vacancy({
          requiredLanguages: [
            { language: "fr", level: "B1" },
            { language: "fr", level: "C1" },
          ],
        }),
        "body.requiredLanguages",
      ],
      [{ ...vacancy(), originalLanguage: "es" }, "body.originalLanguage"],
    ];
    for (const [body, field] of cases) {
      const response = await create(stand.id, cookie, body);
      expect(response.statusCode, field).toBe(400);
      expect(errorOf(response)).toMatchObject({ code: "validation_failed", field });
    }
  });
});
