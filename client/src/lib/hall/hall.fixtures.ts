/** Test data for the hall modules: a small, valid FairHall built from parts. */
import type { FairHall, StandSummary, VacancySummary } from "@crossfair/shared";

let nextId = 0;
/** A valid, unique UUID (version 4 layout) for fixtures. */
function uuid(): string {
  nextId += 1;
  return `00000000-0000-4000-8000-${String(nextId).padStart(12, "0")}`;
}

export function vacancy(overrides: Partial<VacancySummary> = {}): VacancySummary {
  return {
    id: uuid(),
    title: { nl: "Productieoperator", fr: "Opérateur de production" },
    originalLanguage: "nl",
    contractType: "permanent",
    country: "BE",
    region: "West-Vlaanderen",
    openings: 2,
    requiredLanguages: [{ language: "nl", level: "A2" }],
    ...overrides,
  };
}

export function stand(overrides: Partial<StandSummary> = {}): StandSummary {
  return {
    id: uuid(),
    kind: "employer",
    organisationName: "Flanders Food Factory",
    description: {
      nl: "Familiebedrijf in de voeding.",
      fr: "Entreprise familiale agroalimentaire.",
    },
    sector: "food",
    country: "BE",
    region: "West-Vlaanderen",
    languages: ["nl", "fr"],
    logoUrl: null,
    vacancies: [vacancy()],
    ...overrides,
  };
}

export function hall(stands: StandSummary[] = [stand()]): FairHall {
  return {
    fair: {
      id: uuid(),
      slug: "cross-border-job-day",
      name: { en: "Cross-border Job Day", fr: "Journée de l'emploi transfrontalière" },
      description: { en: "Jobs on both sides of the border." },
      status: "live",
      timeZone: "Europe/Brussels",
      startsAt: "2026-03-12T09:00:00+01:00",
      endsAt: "2026-03-12T17:00:00+01:00",
      languages: ["nl", "fr", "en"],
      organisers: ["VDAB", "Le Forem"],
      openingHours: [{ date: "2026-03-12", opens: "09:00", closes: "17:00" }],
      registrationOpensAt: "2026-02-12T09:00:00+01:00",
      registrationClosesAt: null,
      registrationNeedsApproval: false,
    },
    stands,
  };
}
