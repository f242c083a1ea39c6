import { describe, expect, it } from "vitest";
import { profile } from "./account.fixtures.js";
import {
  checkProfile,
  draftFromProfile,
  emptyDraft,
  profileErrorsFrom,
  unusedLanguage,
  type ProfileDraft,
} from "./profile.draft.js";

function filled(): ProfileDraft {
  return draftFromProfile(profile);
}

describe("profile draft", () => {
  it("round-trips a saved profile into the body the server takes", () => {
    expect(checkProfile(filled())).toEqual({
      ok: true,
      body: {
        country: "BE",
        region: "Hainaut",
        languages: profile.languages,
        sectors: ["logistics"],
        availability: "From March",
        pitch: profile.pitch,
        contactPhone: "+32 470 12 34 56",
      },
    });
  });

  it("sends no phone number as null rather than an empty string", () => {
    const check = checkProfile({ ...filled(), contactPhone: "  " });
    expect(check).toMatchObject({ ok: true, body: { contactPhone: null } });
  });

  it("names every empty required field of a new profile", () => {
    const draft = emptyDraft();
    const check = checkProfile(draft);
    const [row] = draft.languages;
    expect(check).toEqual({
      ok: false,
      errors: {
        fields: { country: "required", region: "required" },
        rows: { [row?.key ?? -1]: "rowIncomplete" },
      },
    });
  });

  it("marks a language given twice on the second row, and asks for at least one language", () => {
    const draft = filled();
    const [first, second] = draft.languages;
    if (!first || !second) throw new Error("fixture has two languages");
    const twice = { ...draft, languages: [first, { ...second, language: first.language }] };
    expect(checkProfile(twice)).toEqual({
      ok: false,
      errors: { fields: {}, rows: { [second.key]: "languageTwice" } },
    });
    expect(checkProfile({ ...draft, languages: [] })).toEqual({
      ok: false,
      errors: { fields: { languages: "languagesRequired" }, rows: {} },
    });
  });

  it("refuses a malformed phone number, an overlong pitch and too many sectors", () => {
    const check = checkProfile({
      ...filled(),
      contactPhone: "call me maybe",
      pitch: "x".repeat(601),
      sectors: Array.from({ length: 11 }, (_, index) => `sector-${index}`),
    });
    expect(check).toEqual({
      ok: false,
      errors: {
        fields: { contactPhone: "phone", pitch: "tooLong", sectors: "tooManySectors" },
        rows: {},
      },
    });
  });

  it("offers a new row the first language nobody has picked", () => {
    expect(unusedLanguage(filled())).toBe("en");
  });

  it("reads the field a server refusal names", () => {
    expect(profileErrorsFrom("body.region")).toEqual({ fields: { region: "invalid" }, rows: {} });
    expect(profileErrorsFrom("body.contactPhone")).toEqual({
      fields: { contactPhone: "phone" },
      rows: {},
    });
    expect(profileErrorsFrom("file")).toBeNull();
    expect(profileErrorsFrom(undefined)).toBeNull();
  });
});
