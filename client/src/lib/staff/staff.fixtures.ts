/** Sample API answers for the staff managers' unit tests, valid against the shared schemas. */
import type {
  InterviewAssessment,
  StaffApplication,
  StandDetails,
  StandInterview,
  VacancyDetails,
} from "@crossfair/shared";

export const STAND = "11111111-1111-4111-8111-111111111111";
export const FAIR = "22222222-2222-4222-8222-222222222222";
export const VACANCY = "33333333-3333-4333-8333-333333333333";
export const CANDIDATE = "44444444-4444-4444-8444-444444444444";
export const RECRUITER = "55555555-5555-4555-8555-555555555555";
export const INTERVIEW = "66666666-6666-4666-8666-666666666666";
export const APPLICATION = "77777777-7777-4777-8777-777777777777";
export const OTHER = "88888888-8888-4888-8888-888888888888";

export const AT = "2026-11-23T10:00:00.000+00:00";

export const vacancy = (extra: Partial<VacancyDetails> = {}): VacancyDetails => ({
  id: VACANCY,
  standId: STAND,
  title: { fr: "Cariste" },
  description: { fr: "Conduite de chariots élévateurs." },
  originalLanguage: "fr",
  sector: "logistics",
  country: "BE",
  region: "Hainaut",
  contractType: "permanent",
  openings: 2,
  requiredLanguages: [{ language: "fr", level: "B2" }],
  status: "open",
  createdAt: AT,
  ...extra,
});

export const stand = (extra: Partial<StandDetails> = {}): StandDetails => ({
  id: STAND,
  fairId: FAIR,
  kind: "employer",
  organisationName: "Hainaut Logistique",
  description: { fr: "Entrepôts à Mons.", en: "Warehouses in Mons." },
  sector: "logistics",
  country: "BE",
  region: "Hainaut",
  languages: ["fr", "en"],
  logoUrl: null,
  documents: [],
  approvalStatus: "approved",
  vacancies: [vacancy()],
  ...extra,
});

export const application = (extra: Partial<StaffApplication> = {}): StaffApplication => ({
  id: APPLICATION,
  status: "applied",
  message: "",
  createdAt: AT,
  updatedAt: AT,
  vacancy: { id: VACANCY, title: { fr: "Cariste" }, originalLanguage: "fr" },
  candidate: { id: CANDIDATE, displayName: "Camille Dubois", profile: null },
  history: [{ from: null, to: "applied", at: AT, by: { id: CANDIDATE, displayName: "Camille" } }],
  ...extra,
});

export const assessment = (extra: Partial<InterviewAssessment> = {}): InterviewAssessment => ({
  interviewId: INTERVIEW,
  standId: STAND,
  candidateId: CANDIDATE,
  outcome: null,
  rating: null,
  privateNotes: "",
  assessedBy: null,
  assessedAt: null,
  ...extra,
});

export const interview = (extra: Partial<StandInterview> = {}): StandInterview => ({
  id: INTERVIEW,
  candidate: { id: CANDIDATE, displayName: "Camille Dubois" },
  recruiter: { id: RECRUITER, displayName: "Lotte Peeters" },
  startedAt: AT,
  endedAt: null,
  outcome: null,
  rating: null,
  ...extra,
});

export const page = <T>(items: T[], extra: { total?: number; page?: number } = {}) => ({
  items,
  total: extra.total ?? items.length,
  page: extra.page ?? 1,
  pageSize: 20,
});
