/** Example answers of the admin API for the admin managers' unit tests. */
import type {
  FairAdminView,
  FairReport,
  LiveFairSnapshot,
  LiveStand,
  OperationsBoard,
  ProcessFigures,
  StandReport,
} from "@crossfair/shared";
import { emptyFairForm, type FairFormValues } from "./fair-form.js";

let counter = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++counter).padStart(12, "0")}`;

/** A one-day draft fair in Brussels, as an admin sees it. */
export function fairView(overrides: Partial<FairAdminView> = {}): FairAdminView {
  return {
    id: "0f8fad5b-d9cb-469f-a165-70867728950e",
    slug: "job-day",
    name: { en: "Job day" },
    description: { en: "Jobs" },
    timeZone: "Europe/Brussels",
    startsAt: "2026-06-10T07:00:00.000Z",
    endsAt: "2026-06-10T15:00:00.000Z",
    registrationOpensAt: null,
    registrationClosesAt: null,
    openingHours: [],
    languages: ["en"],
    status: "draft",
    queueCapPerCandidate: 3,
    registrationNeedsApproval: true,
    counts: { stands: 1, pendingStands: 1, registrations: 0, pendingRegistrations: 0 },
    ...overrides,
  };
}

/** A create form filled in well: two languages' names, two days in Brussels. */
export function filledFairForm(): FairFormValues {
  return {
    ...emptyFairForm("Europe/Brussels"),
    slug: "job-day-2026",
    name: { nl: "Jobdag", fr: "Journée emploi", en: "", de: "  " },
    description: { nl: "", fr: "", en: "Jobs across the border.", de: "" },
    starts: "2026-06-10T09:00",
    ends: "2026-06-11T17:00",
    languages: ["fr", "nl"],
  };
}

export function standReport(name: string, figures: Partial<StandReport> = {}): StandReport {
  return {
    standId: uuid(),
    organisationName: name,
    kind: "employer",
    openVacancies: 1,
    queueJoins: 0,
    interviews: 0,
    bookedInterviews: 0,
    walkInInterviews: 0,
    noShows: 0,
    noShowRates: {
      booked: { noShows: 0, outOf: 0, rate: null },
      walkIn: { noShows: 0, outOf: 0, rate: null },
    },
    slots: { held: 0, missed: 0, empty: 0, upcomingBooked: 0, upcomingFree: 0 },
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
      interviewsBooked: 4,
      interviewsWalkIn: 7,
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
        bookedInterviews: 1,
        walkInInterviews: 4,
        noShows: 1,
        applications: 2,
        slots: { held: 1, missed: 1, empty: 0, upcomingBooked: 0, upcomingFree: 2 },
      }),
      standReport("Flanders Food Factory", {
        queueJoins: 12,
        interviews: 6,
        bookedInterviews: 3,
        walkInInterviews: 3,
        noShows: 1,
        applications: 4,
        hires: 1,
        slots: { held: 3, missed: 1, empty: 2, upcomingBooked: 1, upcomingFree: 1 },
      }),
    ],
    noShowRates: {
      booked: { noShows: 2, outOf: 6, rate: 2 / 6 },
      walkIn: { noShows: 1, outOf: 8, rate: 0.125 },
    },
    slots: { held: 4, missed: 2, empty: 2, upcomingBooked: 1, upcomingFree: 3 },
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

/** One server process's figures, taken at `at` (epoch ms). */
export function processFigures(processId: string, overrides: Partial<ProcessFigures> = {}) {
  const figures: ProcessFigures = {
    processId,
    at: 1_000_000,
    uptimeSeconds: 3_600,
    sockets: 120,
    eventLoopLagP99Ms: 12.5,
    rssMb: 210,
    heapUsedMb: 95,
    mediaWorkersLive: 2,
    mediaWorkersCpuPercent: 35,
    mediaStreams: 16,
    interviewsLive: 4,
    outboxPending: 3,
    outboxOldestAgeSeconds: 0.4,
    signInFailures: 1,
    socketEvents: [{ event: "queue:join", count: 40, p99Seconds: 0.05, errors: 0 }],
    ...overrides,
  };
  return figures;
}

export function operationsBoard(overrides: Partial<OperationsBoard> = {}): OperationsBoard {
  return {
    at: 1_000_000,
    answeredBy: "web-1",
    processes: [processFigures("web-1"), processFigures("web-2", { sockets: 80 })],
    ...overrides,
  };
}
