import { describe, expect, it } from "vitest";
import { get } from "svelte/store";
import type { StandDetails } from "@crossfair/shared";
import { ACCOUNT_URLS } from "./account.api.js";
import { apiError, FAIR, fakeApi, json, STAND, VACANCY } from "./account.fixtures.js";
import { loadStandDetails, vacancyText } from "./vacancy.view.js";

const vacancy = {
  title: { nl: "Heftruckchauffeur", fr: "Cariste" },
  description: { nl: "Je laadt en lost vrachtwagens.", fr: "Vous chargez des camions." },
  originalLanguage: "nl" as const,
};

describe("vacancy text", () => {
  it("shows title and description in the visitor's language, marked as a translation", () => {
    const text = vacancyText(vacancy, "fr", false);
    expect(text.title).toMatchObject({ language: "fr", value: "Cariste" });
    expect(text.description).toMatchObject({ language: "fr", value: "Vous chargez des camions." });
    expect(text).toMatchObject({ isTranslation: true, canShowOriginal: true });
  });

  it("switches both to the original on request", () => {
    const text = vacancyText(vacancy, "fr", true);
    expect(text.title).toMatchObject({ language: "nl", value: "Heftruckchauffeur" });
    expect(text.description).toMatchObject({ language: "nl" });
  });

  it("is no translation in the original's own language, and falls back without one", () => {
    expect(vacancyText(vacancy, "nl", false)).toMatchObject({
      isTranslation: false,
      canShowOriginal: false,
    });
    // No German text: the fallback (French) is still a translation of the Dutch original.
    expect(vacancyText(vacancy, "de", false).title).toMatchObject({ language: "fr" });
    expect(vacancyText({ ...vacancy, description: undefined }, "fr", false).description).toBeNull();
    // A description that repeats the title is left out.
    expect(
      vacancyText({ ...vacancy, description: vacancy.title }, "fr", false).description,
    ).toBeNull();
  });
});

describe("stand details", () => {
  const stand: StandDetails = {
    id: STAND,
    fairId: FAIR,
    kind: "employer",
    organisationName: "Flanders Food Factory",
    description: { nl: "Voeding" },
    sector: "food",
    country: "BE",
    region: "West-Vlaanderen",
    languages: ["nl", "fr"],
    logoUrl: null,
    documents: [],
    approvalStatus: "approved",
    vacancies: [
      {
        id: VACANCY,
        standId: STAND,
        ...vacancy,
        sector: "food",
        country: "BE",
        region: "Kortrijk",
        contractType: "permanent",
        openings: 2,
        requiredLanguages: [{ language: "nl", level: "B1" }],
        status: "open",
        createdAt: "2026-03-01T10:00:00.000+00:00",
      },
    ],
  };

  it("loads a stand's details, or says why not", async () => {
    const { api } = fakeApi({ [`GET ${ACCOUNT_URLS.stand(STAND)}`]: json(stand) });
    const details = loadStandDetails(api, STAND);
    expect(get(details)).toEqual({ status: "loading" });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(get(details)).toEqual({ status: "ready", stand });

    const missing = loadStandDetails(fakeApi({ x: apiError("not_found", 404) }).api, STAND);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(get(missing)).toEqual({ status: "error", code: "not_found" });
  });
});
