import { describe, expect, it } from "vitest";
import {
  initialsOf,
  countryName,
  endonym,
  filterStands,
  formatFairDates,
  isFiltering,
  languageName,
  localizeText,
  NO_FILTER,
  normalizeForSearch,
  openingsOf,
  sectorsOf,
  sortStands,
} from "./hall.view.js";
import { hall, stand, vacancy } from "./hall.fixtures.js";

describe("localizeText", () => {
  const title = { nl: "Productieoperator", fr: "Opérateur de production" };

  it("shows the visitor's language and says it is the original", () => {
    expect(localizeText(title, "nl", "nl")).toEqual({
      language: "nl",
      value: "Productieoperator",
      isTranslation: false,
      original: "nl",
      available: ["nl", "fr"],
    });
  });

  it("marks a translation with the original's language", () => {
    const view = localizeText(title, "fr", "nl");
    expect(view).toMatchObject({ language: "fr", isTranslation: true, original: "nl" });
  });

  it("falls back when the visitor's language is missing, and marks that too", () => {
    const view = localizeText({ nl: "Technieker onderhoud" }, "de", "nl");
    expect(view).toMatchObject({
      language: "nl",
      value: "Technieker onderhoud",
      isTranslation: false,
    });
    expect(localizeText({ nl: "a", fr: "b" }, "de", "nl").isTranslation).toBe(true);
  });

  it("never calls a text without known original a translation", () => {
    expect(localizeText({ en: "Hello" }, "fr").isTranslation).toBe(false);
  });
});

describe("filterStands", () => {
  const food = stand({
    organisationName: "Flanders Food Factory",
    sector: "food",
    languages: ["nl", "fr"],
  });
  const temp = stand({
    kind: "temp_agency",
    organisationName: "Interim Grensland",
    sector: "staffing",
    languages: ["nl", "fr", "en"],
    description: { fr: "Agence d'intérim à Courtrai." },
    vacancies: [vacancy({ title: { fr: "Préparateur de commandes" }, originalLanguage: "fr" })],
  });
  const info = stand({
    kind: "information",
    organisationName: "EURES",
    sector: "public_services",
    languages: ["en", "de"],
    vacancies: [],
  });
  const all = [food, temp, info];

  it("returns everything without a filter", () => {
    expect(filterStands(all, NO_FILTER)).toEqual(all);
    expect(isFiltering(NO_FILTER)).toBe(false);
  });

  it("filters by kind, sector and spoken language", () => {
    expect(filterStands(all, { ...NO_FILTER, kind: "temp_agency" })).toEqual([temp]);
    expect(filterStands(all, { ...NO_FILTER, sector: "food" })).toEqual([food]);
    expect(filterStands(all, { ...NO_FILTER, language: "en" })).toEqual([temp, info]);
    expect(filterStands(all, { ...NO_FILTER, language: "de", kind: "employer" })).toEqual([]);
  });

  it("searches names, descriptions and vacancy titles in every language, ignoring accents", () => {
    expect(filterStands(all, { ...NO_FILTER, query: "preparateur" })).toEqual([temp]);
    expect(filterStands(all, { ...NO_FILTER, query: "  COURTRAI " })).toEqual([temp]);
    expect(filterStands(all, { ...NO_FILTER, query: "flanders factory" })).toEqual([food]);
    expect(filterStands(all, { ...NO_FILTER, query: "flanders eures" })).toEqual([]);
    expect(isFiltering({ ...NO_FILTER, query: " " })).toBe(false);
  });

  it("keeps the stands that suit the candidate's languages", () => {
    const dutchB2 = stand({
      organisationName: "Kortrijk Logistics",
      languages: ["nl"],
      vacancies: [vacancy({ requiredLanguages: [{ language: "nl", level: "B2" }] })],
    });
    const frenchAndDutchA2 = [
      { language: "fr", level: "C1" },
      { language: "nl", level: "A2" },
    ] as const;
    const filter = { ...NO_FILTER, fitsMe: true };
    expect(isFiltering(filter)).toBe(true);
    // food's and temp's vacancies ask Dutch A2; EURES has none and speaks neither French nor
    // Dutch; Kortrijk asks Dutch B2.
    expect(filterStands([...all, dutchB2], filter, () => [], frenchAndDutchA2)).toEqual([
      food,
      temp,
    ]);
    // Without vacancies, a stand suits whoever shares a language at B1 or above.
    expect(filterStands([info], filter, () => [], [{ language: "de", level: "B1" }])).toEqual([
      info,
    ]);
    expect(filterStands([info], filter, () => [], [{ language: "de", level: "A2" }])).toEqual([]);
    expect(filterStands([dutchB2], filter, () => [], [{ language: "nl", level: "B2" }])).toEqual([
      dutchB2,
    ]);
  });

  it("also searches labels the UI supplies, such as a translated sector name", () => {
    const labels = (s: typeof food) => (s.sector === "food" ? ["Lebensmittel"] : []);
    expect(filterStands(all, { ...NO_FILTER, query: "lebensmittel" }, labels)).toEqual([food]);
  });

  it("normalizes text for search", () => {
    expect(normalizeForSearch("  Éducation Spécialisée ")).toBe("education specialisee");
  });
});

describe("sortStands", () => {
  const small = stand({ organisationName: "Zeta", vacancies: [vacancy({ openings: 1 })] });
  const big = stand({
    organisationName: "Beta",
    vacancies: [vacancy({ openings: 4 }), vacancy({ openings: 5 })],
  });
  const accented = stand({
    organisationName: "Électricité Nord",
    vacancies: [vacancy({ openings: 1 })],
  });
  const info = stand({ kind: "information", organisationName: "Aardvark Info", vacancies: [] });

  it("sorts by name in the UI language's collation, information stands last", () => {
    const sorted = sortStands([small, info, accented, big], "name", "fr");
    expect(sorted.map((s) => s.organisationName)).toEqual([
      "Beta",
      "Électricité Nord",
      "Zeta",
      "Aardvark Info",
    ]);
  });

  it("sorts by most openings first, ties by name, without touching the input", () => {
    const input = [small, info, accented, big];
    const sorted = sortStands(input, "openings", "en");
    expect(sorted.map((s) => s.organisationName)).toEqual([
      "Beta",
      "Électricité Nord",
      "Zeta",
      "Aardvark Info",
    ]);
    expect(input[0]).toBe(small);
    expect(openingsOf(big)).toBe(9);
  });

  it("lists the distinct sectors", () => {
    expect(
      sectorsOf([stand({ sector: "ict" }), stand({ sector: "food" }), stand({ sector: "ict" })]),
    ).toEqual(["food", "ict"]);
  });
});

describe("names and dates", () => {
  it("names countries and languages in the UI language", () => {
    expect(countryName("BE", "fr")).toBe("Belgique");
    expect(countryName("FR", "nl")).toBe("Frankrijk");
    expect(languageName("fr", "fr")).toBe("français");
    expect(endonym("fr")).toBe("Français");
    expect(endonym("nl")).toBe("Nederlands");
    expect(languageName("nl", "de")).toBe("Niederländisch");
  });

  it("formats the fair's dates in the fair's own time zone", () => {
    const text = formatFairDates(hall().fair, "en");
    expect(text).toContain("Mar");
    expect(text).toContain("9:00");
    expect(text).toContain("5:00");
  });

  it("falls back to the raw timestamps for an unknown time zone", () => {
    const fair = { ...hall().fair, timeZone: "Mars/Olympus_Mons" };
    expect(formatFairDates(fair, "en")).toBe(`${fair.startsAt} – ${fair.endsAt}`);
  });
});

describe("initialsOf", () => {
  it("takes the first letters of the first two words, accents and digits included", () => {
    expect(initialsOf("Hainaut Logistique")).toBe("HL");
    expect(initialsOf("élan intérim Nord")).toBe("ÉI");
    expect(initialsOf("3M Belgium")).toBe("3B");
    expect(initialsOf("VDAB")).toBe("V");
    expect(initialsOf(" — ")).toBe("");
  });
});
