import { describe, expect, it } from "vitest";
import { get } from "svelte/store";
import { ACCOUNT_URLS } from "./account.api.js";
import { stand as standDetails } from "../staff/staff.fixtures.js";
import { apiError, FAIR, fakeApi, json, STAND } from "./account.fixtures.js";
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
  // A stand as the API sends it; its vacancy is the staff fixture's.
  const stand = standDetails({ id: STAND, fairId: FAIR });

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
