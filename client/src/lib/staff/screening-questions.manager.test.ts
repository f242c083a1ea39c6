import { beforeEach, describe, expect, it } from "vitest";
import { get } from "svelte/store";
import { SCREENING_QUESTIONS_MAX } from "@crossfair/shared";
import { apiError, FakeApi } from "./fake-api.js";
import {
  checkScreeningBody,
  questionLanguages,
  ScreeningQuestionsManager,
} from "./screening-questions.manager.js";
import { STAND_URLS } from "./stand.api.js";
import { OTHER, STAND, VACANCY } from "./staff.fixtures.js";

const URL = STAND_URLS.screeningQuestions(STAND);
const LICENCE = { id: VACANCY, question: { en: "Driving licence?", fr: "Permis ?" } };
const NIGHTS = { id: OTHER, question: { nl: "Nachtdiensten?" } };
const NEW_ID = "99999999-9999-4999-8999-999999999999";

describe("ScreeningQuestionsManager", () => {
  let api: FakeApi;
  let manager: ScreeningQuestionsManager;
  const keys = () => get(manager).questions.map((question) => question.key);
  const ids = () => get(manager).questions.map((question) => question.id);

  beforeEach(async () => {
    api = new FakeApi();
    manager = new ScreeningQuestionsManager({ fetch: api.fetch });
    const opening = manager.open(STAND);
    expect(get(manager).status).toBe("loading");
    await api.reply("GET", URL, 200, { questions: [LICENCE, NIGHTS] });
    await opening;
  });

  it("loads the questions in order, unchanged", () => {
    expect(get(manager)).toMatchObject({ status: "ready", dirty: false, announcement: null });
    expect(get(manager).questions.map(({ id, text }) => ({ id, text }))).toEqual([
      { id: LICENCE.id, text: LICENCE.question },
      { id: NIGHTS.id, text: NIGHTS.question },
    ]);
  });

  it("adds, rewords, moves and removes, announcing each and telling unsaved changes", () => {
    const added = manager.add();
    expect(added).not.toBeNull();
    expect(get(manager)).toMatchObject({
      dirty: true,
      announcement: { kind: "added", position: 3 },
    });
    manager.setText(added!, "en", "Available from?");
    expect(get(manager).announcement).toBeNull();

    expect(manager.move(added!, -1)).toBe(1);
    expect(get(manager).announcement).toEqual({ kind: "moved", position: 2, total: 3 });
    expect(manager.move(added!, -1)).toBe(0);
    expect(manager.move(added!, -1)).toBeNull();
    expect(ids()).toEqual([null, LICENCE.id, NIGHTS.id]);
    const [, licenceKey, nightsKey] = keys();
    expect(manager.move(nightsKey!, 1)).toBeNull();

    manager.remove(licenceKey!);
    expect(get(manager).announcement).toEqual({ kind: "removed", position: 2 });
    expect(ids()).toEqual([null, NIGHTS.id]);

    // A removed question sent again would need its id: a new one with the same words is new.
    manager.remove(added!);
    const retyped = manager.add()!;
    manager.setText(retyped, "en", " Driving licence? ");
    manager.setText(retyped, "fr", "Permis ?");
    expect(get(manager).dirty).toBe(true);
  });

  it("is unchanged again after undoing a move", () => {
    const [first] = keys();
    manager.move(first!, 1);
    expect(get(manager).dirty).toBe(true);
    manager.move(first!, -1);
    expect(get(manager).dirty).toBe(false);
  });

  it("adds no more than the server takes", () => {
    for (let count = 2; count < SCREENING_QUESTIONS_MAX; count += 1) manager.add();
    expect(get(manager).questions).toHaveLength(SCREENING_QUESTIONS_MAX);
    expect(manager.add()).toBeNull();
    expect(get(manager).questions).toHaveLength(SCREENING_QUESTIONS_MAX);
  });

  it("saves the list in order with the ids of the questions that stay, keeping each row's key", async () => {
    const [licenceKey, nightsKey] = keys();
    const added = manager.add()!;
    manager.setText(added, "en", "  Night shifts?  ");
    manager.setText(added, "fr", "   ");
    manager.move(added, -1);
    manager.remove(nightsKey!);
    manager.setText(licenceKey!, "de", "Führerschein?");

    const saving = manager.save();
    expect(get(manager).saving).toBe(true);
    // Nothing changes while the list is on its way.
    expect(manager.add()).toBeNull();
    const request = await api.reply("PUT", URL, 200, {
      questions: [
        { id: LICENCE.id, question: { ...LICENCE.question, de: "Führerschein?" } },
        { id: NEW_ID, question: { en: "Night shifts?" } },
      ],
    });
    expect(request.body).toEqual({
      questions: [
        {
          id: LICENCE.id,
          question: { en: "Driving licence?", fr: "Permis ?", de: "Führerschein?" },
        },
        { question: { en: "Night shifts?" } },
      ],
    });
    expect(await saving).toBe(true);
    expect(get(manager)).toMatchObject({
      saving: false,
      dirty: false,
      announcement: { kind: "saved" },
    });
    expect(keys()).toEqual([licenceKey, added]);
    expect(ids()).toEqual([LICENCE.id, NEW_ID]);
  });

  it("saves an empty list: candidates are asked nothing", async () => {
    for (const key of keys()) manager.remove(key);
    const saving = manager.save();
    const request = await api.reply("PUT", URL, 200, { questions: [] });
    expect(request.body).toEqual({ questions: [] });
    expect(await saving).toBe(true);
  });

  it("checks the list before sending: a question needs text, a text at most 300 characters", async () => {
    const empty = manager.add()!;
    manager.setText(keys()[0]!, "fr", "x".repeat(301));
    expect(await manager.save()).toBe(false);
    expect(api.open()).toEqual([]);
    expect(get(manager)).toMatchObject({
      announcement: { kind: "notSaved", code: null },
      fields: { "questions.0.question.fr": "tooLong", "questions.2.question": "required" },
    });
    // Typing in a field clears what was said about it.
    manager.setText(empty, "nl", "Beschikbaar?");
    expect(get(manager).fields).toEqual({ "questions.0.question.fr": "tooLong" });
    // Reordering leaves no problem on the wrong row.
    manager.move(empty, -1);
    expect(get(manager).fields).toEqual({});
  });

  it("shows the server's refusal, on the field it names, and keeps the edits", async () => {
    manager.setText(keys()[1]!, "nl", "Nachtwerk?");
    const saving = manager.save();
    await api.reply("PUT", URL, 400, apiError("validation_failed", "no", "body.questions.1.id"));
    expect(await saving).toBe(false);
    expect(get(manager)).toMatchObject({
      saving: false,
      dirty: true,
      announcement: { kind: "notSaved", code: "validation_failed" },
      fields: { "questions.1.id": "invalid" },
    });
    expect(get(manager).questions[1]?.text.nl).toBe("Nachtwerk?");

    const again = manager.save();
    await api.reply("PUT", URL, 403, apiError("forbidden"));
    expect(await again).toBe(false);
    expect(get(manager).announcement).toEqual({ kind: "notSaved", code: "forbidden" });
  });

  it("says why the questions could not be loaded", async () => {
    const failing = new ScreeningQuestionsManager({ fetch: api.fetch });
    const opening = failing.open(STAND);
    await api.reply("GET", URL, 404, apiError("not_found"));
    await opening;
    expect(get(failing)).toMatchObject({ status: "error", error: "not_found", questions: [] });
    expect(failing.add()).toBeNull();
  });

  it("ignores an answer that arrives after the page closed", async () => {
    manager.add();
    manager.setText(keys()[2]!, "en", "Late?");
    const saving = manager.save();
    manager.close();
    await api.reply("PUT", URL, 200, { questions: [] });
    expect(await saving).toBe(false);
    expect(get(manager)).toMatchObject({ status: "idle", questions: [] });
  });
});

describe("questionLanguages", () => {
  const draft = (text: Record<string, string>) => ({ key: "q", id: null, text });

  it("offers the fair's languages in a stable order, plus any a question already uses", () => {
    expect(questionLanguages(["fr", "nl"])).toEqual(["nl", "fr"]);
    expect(questionLanguages(["fr"], draft({ de: "Führerschein?", en: " " }))).toEqual([
      "fr",
      "de",
    ]);
  });

  it("offers every language when the fair's are unknown", () => {
    expect(questionLanguages([])).toEqual(["nl", "fr", "en", "de"]);
  });
});

describe("checkScreeningBody", () => {
  it("accepts a question written in one language only", () => {
    expect(
      checkScreeningBody([{ key: "a", id: null, text: { en: "", nl: " Rijbewijs? " } }]),
    ).toEqual({ ok: true, value: { questions: [{ question: { nl: "Rijbewijs?" } }] } });
  });
});
