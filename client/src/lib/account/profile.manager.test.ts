import { describe, expect, it } from "vitest";
import { ACCOUNT_URLS } from "./account.api.js";
import { apiError, fakeApi, json, profile } from "./account.fixtures.js";
import { ProfileManager } from "./profile.manager.js";

const GET = `GET ${ACCOUNT_URLS.profile}`;
const PUT = `PUT ${ACCOUNT_URLS.profile}`;

describe("profile manager", () => {
  it("starts a new candidate on an empty draft with one language row", async () => {
    const { api } = fakeApi({ [GET]: apiError("not_found", 404) });
    const manager = new ProfileManager(api);
    await manager.load();
    expect(manager.state).toMatchObject({ status: "ready", saved: null, dirty: false });
    expect(manager.state.draft.languages).toHaveLength(1);
  });

  it("says why the profile could not be loaded", async () => {
    const { api } = fakeApi({ [GET]: apiError("unauthenticated", 401) });
    const manager = new ProfileManager(api);
    await manager.load();
    expect(manager.state).toMatchObject({ status: "error", loadError: "unauthenticated" });
  });

  it("adds and removes language rows, never offering a language twice", async () => {
    const { api } = fakeApi({ [GET]: json({ profile }) });
    const manager = new ProfileManager(api);
    await manager.load();
    const added = manager.addLanguage();
    expect(added).toMatchObject({ language: "en", level: "" });
    expect(manager.languagesFor(added?.key ?? -1, ["nl", "fr", "en", "de"])).toEqual(["en", "de"]);
    manager.addLanguage();
    // All four languages have a row: there is nothing left to add.
    expect(manager.addLanguage()).toBeNull();
    manager.removeLanguage(added?.key ?? -1);
    expect(manager.state.draft.languages.map((row) => row.language)).toEqual(["fr", "nl", "de"]);
    expect(manager.state.dirty).toBe(true);
  });

  it("stops ticking sectors at the maximum and says so", async () => {
    const { api } = fakeApi({ [GET]: json({ profile }) });
    const manager = new ProfileManager(api);
    await manager.load();
    for (let index = 0; index < 9; index += 1) manager.toggleSector(`sector-${index}`, true);
    expect(manager.state.draft.sectors).toHaveLength(10);
    expect(manager.toggleSector("one-too-many", true)).toBe(false);
    expect(manager.state.errors.fields.sectors).toBe("tooManySectors");
    manager.toggleSector("logistics", false);
    expect(manager.state.errors.fields.sectors).toBeUndefined();
    expect(manager.state.draft.sectors).not.toContain("logistics");
  });

  it("does not send a draft with problems, and clears a problem once its field is edited", async () => {
    const { api, calls } = fakeApi({ [GET]: apiError("not_found", 404) });
    const manager = new ProfileManager(api);
    await manager.load();
    expect(await manager.save()).toBe(false);
    expect(calls.filter((call) => call.method === "PUT")).toEqual([]);
    expect(manager.state.save).toEqual({ status: "failed", reason: "invalid" });
    expect(manager.state.errors.fields.region).toBe("required");
    manager.setText("region", "Hainaut");
    expect(manager.state.errors.fields.region).toBeUndefined();
    expect(manager.state.save).toEqual({ status: "idle" });
  });

  it("saves the draft and takes the server's values as the new draft", async () => {
    const saved = { ...profile, region: "Hainaut", updatedAt: "2026-03-05T08:00:00.000+00:00" };
    const { api, calls } = fakeApi({
      [GET]: apiError("not_found", 404),
      [PUT]: json({ profile: saved }),
    });
    const manager = new ProfileManager(api);
    await manager.load();
    manager.setText("country", "BE");
    manager.setText("region", " Hainaut ");
    const [row] = manager.state.draft.languages;
    manager.setLanguageRow(row?.key ?? -1, { language: "fr", level: "C2" });
    manager.toggleSector("logistics", true);
    expect(await manager.save()).toBe(true);
    expect(calls.at(-1)).toEqual({
      method: "PUT",
      url: ACCOUNT_URLS.profile,
      body: {
        country: "BE",
        region: " Hainaut ",
        languages: [{ language: "fr", level: "C2" }],
        sectors: ["logistics"],
        availability: "",
        pitch: "",
        contactPhone: null,
      },
    });
    expect(manager.state).toMatchObject({
      saved,
      save: { status: "saved", at: saved.updatedAt },
      dirty: false,
    });
    expect(manager.state.draft.region).toBe("Hainaut");
  });

  it("keeps edits made while saving", async () => {
    let answer: (response: Response) => void = () => {};
    const { api } = fakeApi({
      [GET]: json({ profile }),
      [PUT]: () => new Promise<Response>((resolve) => (answer = resolve)),
    });
    let told = 0;
    const manager = new ProfileManager(api, () => (told += 1));
    await manager.load();
    const saving = manager.save();
    expect(manager.state.save).toEqual({ status: "saving" });
    manager.setText("pitch", "Edited meanwhile");
    expect(told).toBe(0);
    answer(json({ profile }));
    await saving;
    // What follows the profile (matching's languages) hears of the save once it is stored.
    expect(told).toBe(1);
    expect(manager.state.draft.pitch).toBe("Edited meanwhile");
    expect(manager.state.dirty).toBe(true);
    expect(manager.state.save.status).toBe("saved");
  });

  it("puts a server refusal on the field it names, and passes other failures on", async () => {
    const refusals = [
      apiError("validation_failed", 400, "body.region"),
      apiError("unavailable", 503),
    ];
    const { api } = fakeApi({
      [GET]: json({ profile }),
      [PUT]: () => refusals.shift() ?? apiError("internal", 500),
    });
    const manager = new ProfileManager(api);
    await manager.load();
    await manager.save();
    expect(manager.state.errors.fields).toEqual({ region: "invalid" });
    expect(manager.state.save).toEqual({ status: "failed", reason: "invalid" });
    await manager.save();
    expect(manager.state.save).toEqual({ status: "failed", reason: "unavailable" });
  });
});
