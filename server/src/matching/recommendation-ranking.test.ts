import { describe, expect, it } from "vitest";
import {
  areNeighbours,
  rankVacancies,
  scoreVacancy,
  type RankedProfile,
  type RankedVacancy,
} from "./recommendation-ranking.js";

/** A fixed fair: vacancies around Lille, Kortrijk and Liège. */
const vacancy = (id: string, extra: Partial<RankedVacancy>): RankedVacancy => ({
  vacancyId: `00000000-0000-4000-8000-00000000000${id}`,
  standId: "00000000-0000-4000-8000-000000000100",
  standName: "Stand",
  title: { fr: `Poste ${id}` },
  sector: "logistics",
  country: "FR",
  region: "Hauts-de-France",
  openings: 1,
  requiredLanguages: [],
  ...extra,
});
const FAIR = [
  // Kortrijk, Dutch B2 asked.
  vacancy("1", {
    country: "BE",
    region: "West-Vlaanderen",
    requiredLanguages: [{ language: "nl", level: "B2" }],
  }),
  // Lille, French B1, logistics: next door for a Lille candidate.
  vacancy("2", { requiredLanguages: [{ language: "fr", level: "B1" }] }),
  // Lille, no language asked, food.
  vacancy("3", { sector: "food" }),
  // Tournai (Hainaut, BE), French B2 and Dutch A2, logistics, 4 openings.
  vacancy("4", {
    country: "BE",
    region: "Hainaut",
    openings: 4,
    requiredLanguages: [
      { language: "fr", level: "B2" },
      { language: "nl", level: "A2" },
    ],
  }),
  // Munich: far away, German C1.
  vacancy("5", {
    country: "DE",
    region: "Bayern",
    requiredLanguages: [{ language: "de", level: "C1" }],
  }),
];

const lilleFrench: RankedProfile = {
  country: "FR",
  region: "Hauts-de-France",
  languages: [
    { language: "fr", level: "C2" },
    { language: "nl", level: "A2" },
  ],
  sectors: ["Logistics"],
};

const order = (profile: RankedProfile) =>
  rankVacancies(profile, FAIR, 10).map((entry) => entry.vacancyId.slice(-1));

describe("recommendation ranking", () => {
  it("ranks a French-speaking Lille candidate's vacancies by language, sector and commute", () => {
    // 2: French met + sector + region + country; 4: met + sector + cross-border (4 openings);
    // 3: nothing asked + region + country; 1: Dutch B2 short + cross-border; 5: German short.
    expect(order(lilleFrench)).toEqual(["2", "4", "3", "1", "5"]);
  });

  it("ranks the same fair differently for a Dutch speaker from Kortrijk", () => {
    const kortrijk: RankedProfile = {
      country: "BE",
      region: "West-Vlaanderen",
      languages: [
        { language: "nl", level: "C2" },
        { language: "fr", level: "A2" },
      ],
      sectors: ["food"],
    };
    // 1: Dutch met + region + country; 3: nothing asked + food + cross-border;
    // 4: French B2 short + country; 2: French B1 short + cross-border; 5: short + far.
    expect(order(kortrijk)).toEqual(["1", "3", "4", "2", "5"]);
  });

  it("explains a score by its reasons, and says which language falls short", () => {
    const [, , , , munich] = FAIR;
    expect(scoreVacancy(lilleFrench, FAIR[0]!)).toEqual({
      score: -40 + 25 + 8,
      fits: false,
      reasons: [
        {
          kind: "languages_short",
          asks: [{ language: "nl", asked: "B2", have: "A2", meets: false }],
        },
        { kind: "sector", sector: "logistics" },
        { kind: "cross_border", from: "FR", to: "BE" },
      ],
    });
    expect(scoreVacancy(lilleFrench, munich!).reasons).toEqual([
      {
        kind: "languages_short",
        asks: [{ language: "de", asked: "C1", have: null, meets: false }],
      },
      { kind: "sector", sector: "logistics" },
      { kind: "cross_border", from: "FR", to: "DE" },
    ]);
  });

  it("keeps the order stable and the list short", () => {
    expect(rankVacancies(lilleFrench, FAIR, 2)).toHaveLength(2);
    expect(order(lilleFrench)).toEqual(order(lilleFrench));
    const twins = [vacancy("8", {}), vacancy("7", {})];
    expect(rankVacancies(lilleFrench, twins, 10).map((entry) => entry.vacancyId.slice(-1))).toEqual(
      ["7", "8"],
    );
  });

  it("knows the borders frontier workers cross, both ways", () => {
    expect(areNeighbours("FR", "BE")).toBe(true);
    expect(areNeighbours("LU", "DE")).toBe(true);
    expect(areNeighbours("NL", "FR")).toBe(false);
  });
});
