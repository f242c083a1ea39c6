import { describe, expect, it } from "vitest";
import {
  newVacancyDraft,
  serverFieldErrors,
  profileDraftOf,
  profilePatchOf,
  translationBodyOf,
  translationDraftOf,
  translationLanguages,
  vacancyDraftOf,
  vacancyInputOf,
  vacancyPatchOf,
} from "./stand-forms.js";
import { stand, vacancy } from "./staff.fixtures.js";

describe("the stand's page form", () => {
  it("round-trips a stand's description, logo and documents", () => {
    const draft = profileDraftOf(
      stand({
        logoUrl: "https://example.com/logo.png",
        documents: [{ title: "Brochure", url: "https://example.com/b.pdf" }],
      }),
    );
    expect(draft.description).toEqual({
      nl: "",
      fr: "Entrepôts à Mons.",
      en: "Warehouses in Mons.",
      de: "",
    });
    draft.description.nl = "  Magazijnen in Bergen. ";
    draft.documents.push({ title: " ", url: "" });
    expect(profilePatchOf(draft)).toEqual({
      ok: true,
      value: {
        description: {
          fr: "Entrepôts à Mons.",
          en: "Warehouses in Mons.",
          nl: "Magazijnen in Bergen.",
        },
        logoUrl: "https://example.com/logo.png",
        documents: [{ title: "Brochure", url: "https://example.com/b.pdf" }],
      },
    });
  });

  it("names the field that is wrong", () => {
    const draft = profileDraftOf(stand());
    draft.description = { nl: "", fr: "", en: "", de: "" };
    draft.logoUrl = "ftp://example.com/logo.png";
    draft.documents = [
      { title: "Site", url: "not a link" },
      { title: "", url: "https://a.example" },
    ];
    const checked = profilePatchOf(draft);
    expect(checked).toEqual({
      ok: false,
      errors: {
        description: "invalid",
        logoUrl: "url",
        "documents.0.url": "url",
        "documents.1.title": "required",
      },
    });
  });
});

describe("the vacancy forms", () => {
  it("starts a new vacancy from the stand, in the UI language when the stand uses it", () => {
    expect(newVacancyDraft(stand(), "en")).toMatchObject({
      originalLanguage: "en",
      sector: "logistics",
      country: "BE",
      region: "Hainaut",
    });
    expect(newVacancyDraft(stand(), "de").originalLanguage).toBe("fr");
  });

  it("turns a draft into a vacancy, checking every field", () => {
    const draft = {
      ...newVacancyDraft(stand(), "fr"),
      title: "Magasinier",
      description: "Préparation de commandes.",
      country: "be",
      openings: "3",
    };
    expect(vacancyInputOf(draft)).toEqual({
      ok: true,
      value: expect.objectContaining({
        title: "Magasinier",
        country: "BE",
        openings: 3,
        originalLanguage: "fr",
      }),
    });
    expect(vacancyInputOf({ ...draft, title: " ", openings: "0" })).toEqual({
      ok: false,
      errors: { title: "required", openings: "number" },
    });
    expect(vacancyInputOf({ ...draft, openings: "" })).toMatchObject({
      ok: false,
      errors: { openings: "number" },
    });
  });

  it("edits the original text and never sends the original language", () => {
    const draft = vacancyDraftOf(vacancy());
    expect(draft).toMatchObject({ title: "Cariste", originalLanguage: "fr", openings: "2" });
    const checked = vacancyPatchOf({ ...draft, title: "Cariste (h/f)" });
    expect(checked.ok && checked.value).toMatchObject({ title: "Cariste (h/f)", openings: 2 });
    expect(checked.ok && "originalLanguage" in checked.value).toBe(false);
  });

  it("offers translations into the other languages, pre-filled when one exists", () => {
    const translated = vacancy({
      title: { fr: "Cariste", en: "Forklift driver" },
      description: { fr: "…", en: "Drive forklifts." },
    });
    expect(translationLanguages(translated)).toEqual(["nl", "en", "de"]);
    expect(translationDraftOf(translated, "en")).toEqual({
      language: "en",
      title: "Forklift driver",
      description: "Drive forklifts.",
    });
    expect(translationDraftOf(translated, "nl")).toEqual({
      language: "nl",
      title: "",
      description: "",
    });
    expect(
      translationBodyOf({ language: "nl", title: "Heftruckchauffeur", description: "" }),
    ).toEqual({
      ok: false,
      errors: { description: "required" },
    });
  });
});

describe("the server's field errors", () => {
  it("key them like the form's own checks, a taken email apart", () => {
    expect(serverFieldErrors({ code: "validation_failed", field: "body.email" })).toEqual({
      email: "invalid",
    });
    expect(serverFieldErrors({ code: "conflict", field: "email" })).toEqual({ email: "taken" });
    expect(serverFieldErrors({ code: "forbidden" })).toEqual({});
  });
});
