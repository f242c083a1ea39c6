import { get } from "svelte/store";
import { describe, expect, it } from "vitest";
import { createI18n } from "../i18n/i18n.setup.js";
import { reportHeadline } from "./report-headline.js";

const totals = { jobSeekersRegistered: 1_122, vacancies: 130, hires: 1 };

describe("the report's one-line result", () => {
  it.each([
    ["en", "1,122 job seekers, 130 vacancies, 1 hire"],
    ["fr", "1 122 demandeurs d'emploi, 130 offres d'emploi, 1 recrutement"],
    ["nl", "1.122 werkzoekenden, 130 vacatures, 1 aanwerving"],
    ["de", "1.122 Stellensuchende, 130 Stellenangebote, 1 Einstellung"],
  ] as const)("reads as the organisers write it (%s)", (language, expected) => {
    const t = get(createI18n(language).t);
    // Intl may use narrow no-break spaces for French thousands: compare with plain spaces.
    expect(reportHeadline(t, totals, language).replace(/[\u202f\u00a0]/g, " ")).toBe(expected);
  });
});
