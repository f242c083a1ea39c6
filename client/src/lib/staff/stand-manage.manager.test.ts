import { beforeEach, describe, expect, it } from "vitest";
import { get } from "svelte/store";
import { apiError, FakeApi } from "./fake-api.js";
import { newVacancyDraft, profileDraftOf, vacancyDraftOf } from "./stand-forms.js";
import { STAND_URLS } from "./stand.api.js";
import { StandManageManager } from "./stand-manage.manager.js";
import { OTHER, stand, STAND, vacancy, VACANCY } from "./staff.fixtures.js";

describe("StandManageManager", () => {
  let api: FakeApi;
  let manager: StandManageManager;

  beforeEach(async () => {
    api = new FakeApi();
    manager = new StandManageManager({ fetch: api.fetch });
    const opening = manager.open(STAND);
    await api.reply("GET", STAND_URLS.stand(STAND), 200, stand());
    await opening;
  });

  it("loads the stand as its staff see it", () => {
    expect(get(manager)).toMatchObject({ status: "ready", stand: stand() });
  });

  it("saves the stand's page and announces it", async () => {
    const draft = profileDraftOf(get(manager).stand ?? stand());
    draft.logoUrl = "https://example.com/logo.png";
    const saving = manager.saveProfile(draft);
    expect(get(manager).busy).toEqual({ kind: "profile" });
    const saved = stand({ logoUrl: "https://example.com/logo.png" });
    const request = await api.reply("PATCH", STAND_URLS.stand(STAND), 200, saved);
    expect(await saving).toBe(true);
    expect(request.body).toMatchObject({ logoUrl: "https://example.com/logo.png", documents: [] });
    expect(get(manager)).toMatchObject({
      busy: null,
      stand: saved,
      result: { form: { kind: "profile" }, ok: true, notice: "profileSaved" },
    });
  });

  it("shows field errors without asking the server", async () => {
    const draft = profileDraftOf(stand());
    draft.logoUrl = "logo.png";
    expect(await manager.saveProfile(draft)).toBe(false);
    expect(api.open()).toEqual([]);
    expect(get(manager).result).toEqual({
      form: { kind: "profile" },
      ok: false,
      code: null,
      fields: { logoUrl: "url" },
    });
  });

  it("creates a vacancy and lists it first", async () => {
    const draft = {
      ...newVacancyDraft(stand(), "en"),
      title: "Night picker",
      description: "Order picking at night.",
    };
    const creating = manager.createVacancy(draft);
    const created = vacancy({ id: OTHER, title: { en: "Night picker" }, originalLanguage: "en" });
    const request = await api.reply("POST", STAND_URLS.vacancies(STAND), 201, created);
    expect(await creating).toBe(true);
    expect(request.body).toMatchObject({
      title: "Night picker",
      originalLanguage: "en",
      openings: 1,
    });
    expect(get(manager).stand?.vacancies.map((item) => item.id)).toEqual([OTHER, VACANCY]);
    expect(get(manager).result).toMatchObject({ ok: true, notice: "vacancyCreated" });
  });

  it("edits a vacancy, adds a translation and changes its status", async () => {
    const editing = manager.saveVacancy(VACANCY, { ...vacancyDraftOf(vacancy()), openings: "4" });
    const edit = await api.reply(
      "PATCH",
      STAND_URLS.vacancy(VACANCY),
      200,
      vacancy({ openings: 4 }),
    );
    expect(await editing).toBe(true);
    expect(edit.body).toMatchObject({ openings: 4, title: "Cariste" });

    const translating = manager.saveTranslation(VACANCY, {
      language: "nl",
      title: "Heftruckchauffeur",
      description: "Heftrucks besturen.",
    });
    const translated = vacancy({ openings: 4, title: { fr: "Cariste", nl: "Heftruckchauffeur" } });
    const put = await api.reply("PUT", STAND_URLS.translation(VACANCY, "nl"), 200, translated);
    expect(await translating).toBe(true);
    expect(put.body).toEqual({ title: "Heftruckchauffeur", description: "Heftrucks besturen." });

    const closing = manager.setVacancyStatus(VACANCY, "filled");
    const patch = await api.reply("PATCH", STAND_URLS.vacancy(VACANCY), 200, {
      ...translated,
      status: "filled",
    });
    expect(await closing).toBe(true);
    expect(patch.body).toEqual({ status: "filled" });
    expect(get(manager).stand?.vacancies).toEqual([{ ...translated, status: "filled" }]);
  });

  it("keeps the server's refusal next to the form it came from", async () => {
    const translating = manager.saveTranslation(VACANCY, {
      language: "fr",
      title: "Cariste",
      description: "…",
    });
    await api.reply(
      "PUT",
      STAND_URLS.translation(VACANCY, "fr"),
      409,
      apiError("original_language"),
    );
    expect(await translating).toBe(false);
    expect(get(manager).result).toEqual({
      form: { kind: "translation", vacancyId: VACANCY },
      ok: false,
      code: "original_language",
      fields: {},
    });
  });

  it("reports a stand it may not manage", async () => {
    const opening = manager.open(OTHER);
    await api.reply("GET", STAND_URLS.stand(OTHER), 404, apiError("not_found"));
    await opening;
    expect(get(manager)).toMatchObject({ status: "error", error: "not_found", stand: null });
  });
});
