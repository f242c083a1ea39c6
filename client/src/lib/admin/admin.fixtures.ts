/** Example answers of the admin API for the admin managers' unit tests. */
import type { FairReport, LiveFairSnapshot, LiveStand, StandReport } from "@crossfair/shared";

let counter = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++counter).padStart(12, "0")}`;

export function standReport(name: string, figures: Partial<StandReport> = {}): StandReport {
  return {
    standId: uuid(),
    organisationName: name,
    kind: "employer",
    openVacancies: 1,
    queueJoins: 0,
    interviews: 0,
    noShows: 0,
    averageWaitMs: null,
    applications: 0,
    hires: 0,
    ...figures,
  };
}

export function report(overrides: Partial<FairReport> = {}): FairReport {
  return {
    fairId: uuid(),
    slug: "job-day",
    generatedAt: "2026-06-10T12:00:00.000Z",
    totals: {
      jobSeekersRegistered: 40,
      jobSeekersPresent: 12,
      stands: 2,
      vacancies: 5,
      openings: 9,
      queueJoins: 20,
      interviewsHeld: 11,
      noShows: 2,
      averageWaitMs: 240_000,
      applications: 6,
      hires: 1,
    },
    applicationsByStatus: [
      { status: "applied", count: 3 },
      { status: "preselected", count: 0 },
      { status: "interviewed", count: 1 },
      { status: "second_round", count: 0 },
      { status: "offer", count: 0 },
      { status: "hired", count: 1 },
      { status: "rejected", count: 1 },
      { status: "withdrawn", count: 0 },
    ],
    residence: [
      { country: "BE", region: "Hainaut", jobSeekers: 3 },
      { country: "FR", region: "Nord", jobSeekers: 7 },
      { country: "BE", region: "West-Vlaanderen", jobSeekers: 2 },
    ],
    stands: [
      standReport("Hainaut Logistique", {
        queueJoins: 8,
        interviews: 5,
        noShows: 1,
        applications: 2,
      }),
      standReport("Flanders Food Factory", {
        queueJoins: 12,
        interviews: 6,
        noShows: 1,
        applications: 4,
        hires: 1,
      }),
    ],
    ...overrides,
  };
}

export function liveStand(name: string, figures: Partial<LiveStand> = {}): LiveStand {
  return {
    standId: uuid(),
    organisationName: name,
    open: true,
    waiting: 0,
    called: 0,
    inInterview: 0,
    activeRecruiters: 1,
    waitEstimateMs: null,
    ...figures,
  };
}

export function snapshot(overrides: Partial<LiveFairSnapshot> = {}): LiveFairSnapshot {
  return {
    at: "2026-06-10T09:30:00.000Z",
    connectedCandidates: 9,
    candidatesWaiting: 4,
    interviewsInProgress: 2,
    stands: [
      liveStand("Flanders Food Factory", {
        waiting: 3,
        called: 1,
        inInterview: 1,
        waitEstimateMs: 150_000,
      }),
      liveStand("Hainaut Logistique", { waiting: 1, inInterview: 1, activeRecruiters: 0 }),
    ],
    ...overrides,
  };
}
