/**
 * Test helpers for the account managers: a fake API answering by method and
 * URL (recording every request), and sample data that passes the shared
 * schemas, so each test exercises the real AccountApi and its checks.
 */
import type {
  CandidateProfile,
  MyApplication,
  MyRegistration,
  ProfileConsent,
} from "@crossfair/shared";
import { AccountApi } from "./account.api.js";

export const STAND = "16fd2706-8baf-433b-82eb-8c7fada847da";
export const OTHER_STAND = "6ba7b810-9dad-41d1-80b4-00c04fd430c8";
export const VACANCY = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
export const APPLICATION = "0f8fad5b-d9cb-469f-a165-70867728950e";
export const FAIR = "a3bb189e-8bf9-4888-9912-ace4e6543002";

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json" },
  });
}

export const apiError = (code: string, status: number, field?: string) =>
  json({ error: { code, message: code, ...(field ? { field } : {}) } }, status);

export interface Call {
  method: string;
  url: string;
  body?: unknown;
}

type Answer = Response | ((call: Call) => Response | Promise<Response>);

/** Routes are "METHOD url"; an unknown route answers 404 not_found. */
export function fakeApi(routes: Record<string, Answer>) {
  const calls: Call[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const call: Call = {
      method: init?.method ?? "GET",
      url: String(input),
      ...(init?.body ? { body: JSON.parse(String(init.body)) } : {}),
    };
    calls.push(call);
    const answer = routes[`${call.method} ${call.url}`];
    if (!answer) return apiError("not_found", 404);
    return typeof answer === "function" ? answer(call) : answer.clone();
  };
  return { api: new AccountApi(fetch), calls };
}

export const profile: CandidateProfile = {
  country: "BE",
  region: "Hainaut",
  languages: [
    { language: "fr", level: "C2" },
    { language: "nl", level: "B1" },
  ],
  sectors: ["logistics"],
  availability: "From March",
  pitch: "Forklift driver with ten years of experience.",
  contactPhone: "+32 470 12 34 56",
  hasCv: false,
  updatedAt: "2026-03-02T09:00:00.000+00:00",
};

export const registration: MyRegistration = {
  id: "9b2f4c1e-4f7a-4d2b-9c3e-2a1b0c9d8e7f",
  fairSlug: "grensoverschrijdend-2026",
  fairId: FAIR,
  status: "pending",
  createdAt: "2026-03-01T10:00:00.000+00:00",
  decidedAt: null,
};

export const consent: ProfileConsent = {
  standId: STAND,
  organisationName: "Flanders Food Factory",
  givenAt: "2026-03-03T10:00:00.000+00:00",
  revokedAt: null,
};

export const application: MyApplication = {
  id: APPLICATION,
  status: "preselected",
  message: "I can start next month.",
  createdAt: "2026-03-03T10:00:00.000+00:00",
  updatedAt: "2026-03-04T11:00:00.000+00:00",
  vacancy: {
    id: VACANCY,
    title: { nl: "Heftruckchauffeur", fr: "Cariste" },
    originalLanguage: "nl",
  },
  stand: { id: STAND, organisationName: "Flanders Food Factory" },
  history: [
    { from: null, to: "applied", at: "2026-03-03T10:00:00.000+00:00" },
    { from: "applied", to: "preselected", at: "2026-03-04T11:00:00.000+00:00" },
  ],
};
