/**
 * The candidate's account over HTTP: profile, consents, fair registrations,
 * applications, and account deletion, each answer checked against the shared
 * schema. The CV upload, which needs progress events, is in cv.upload.ts.
 */
import { z } from "zod";
import {
  candidateProfileAnswerSchema,
  myApplicationSchema,
  myApplicationsSchema,
  myConsentsSchema,
  myRegistrationAnswerSchema,
  myRegistrationsSchema,
  standDetailsSchema,
  type ApplyBody,
  type CandidateProfile,
  type CandidateProfileBody,
  type MyApplication,
  type MyRegistration,
  type ProfileConsent,
  type StandDetails,
} from "@crossfair/shared";
import { requestJson, type Fetch, type HttpResult } from "../http/http.client.js";

const id = encodeURIComponent;

export const ACCOUNT_URLS = {
  profile: "/api/me/profile",
  cv: "/api/me/cv",
  export: "/api/me/export",
  account: "/api/me",
  consents: "/api/me/consents",
  consent: (standId: string) => `/api/me/consents/${id(standId)}`,
  registrations: "/api/me/registrations",
  register: (fairSlug: string) => `/api/fairs/${id(fairSlug)}/registration`,
  applications: "/api/me/applications",
  apply: (vacancyId: string) => `/api/vacancies/${id(vacancyId)}/applications`,
  withdraw: (applicationId: string) => `/api/applications/${id(applicationId)}/withdraw`,
  stand: (standId: string) => `/api/stands/${id(standId)}`,
} as const;

/** The requests the account pages make; one instance per page, over `fetch`. */
export class AccountApi {
  readonly #fetch: Fetch;

  constructor(fetchFn: Fetch = globalThis.fetch.bind(globalThis)) {
    this.#fetch = fetchFn;
  }

  /** The saved profile, or null when the candidate has not saved one yet. */
  async profile(): Promise<HttpResult<CandidateProfile | null>> {
    const answer = await requestJson(
      this.#fetch,
      ACCOUNT_URLS.profile,
      candidateProfileAnswerSchema,
    );
    if (answer.ok) return { ok: true, data: answer.data.profile };
    return answer.code === "not_found" ? { ok: true, data: null } : answer;
  }

  async saveProfile(body: CandidateProfileBody): Promise<HttpResult<CandidateProfile>> {
    const answer = await requestJson(
      this.#fetch,
      ACCOUNT_URLS.profile,
      candidateProfileAnswerSchema,
      {
        method: "PUT",
        body,
      },
    );
    return answer.ok ? { ok: true, data: answer.data.profile } : answer;
  }

  async consents(): Promise<HttpResult<ProfileConsent[]>> {
    const answer = await requestJson(this.#fetch, ACCOUNT_URLS.consents, myConsentsSchema);
    return answer.ok ? { ok: true, data: answer.data.consents } : answer;
  }

  revokeConsent(standId: string): Promise<HttpResult<undefined>> {
    return requestJson(this.#fetch, ACCOUNT_URLS.consent(standId), z.undefined(), {
      method: "DELETE",
    });
  }

  async registrations(): Promise<HttpResult<MyRegistration[]>> {
    const answer = await requestJson(
      this.#fetch,
      ACCOUNT_URLS.registrations,
      myRegistrationsSchema,
    );
    return answer.ok ? { ok: true, data: answer.data.registrations } : answer;
  }

  async register(fairSlug: string): Promise<HttpResult<MyRegistration>> {
    const answer = await requestJson(
      this.#fetch,
      ACCOUNT_URLS.register(fairSlug),
      myRegistrationAnswerSchema,
      { method: "POST" },
    );
    return answer.ok ? { ok: true, data: answer.data.registration } : answer;
  }

  async applications(): Promise<HttpResult<MyApplication[]>> {
    const answer = await requestJson(this.#fetch, ACCOUNT_URLS.applications, myApplicationsSchema);
    return answer.ok ? { ok: true, data: answer.data.applications } : answer;
  }

  apply(vacancyId: string, body: ApplyBody): Promise<HttpResult<MyApplication>> {
    return requestJson(this.#fetch, ACCOUNT_URLS.apply(vacancyId), myApplicationSchema, {
      method: "POST",
      body,
    });
  }

  withdraw(applicationId: string): Promise<HttpResult<MyApplication>> {
    return requestJson(this.#fetch, ACCOUNT_URLS.withdraw(applicationId), myApplicationSchema, {
      method: "POST",
    });
  }

  stand(standId: string): Promise<HttpResult<StandDetails>> {
    return requestJson(this.#fetch, ACCOUNT_URLS.stand(standId), standDetailsSchema, {
      what: "stand",
    });
  }

  deleteAccount(): Promise<HttpResult<undefined>> {
    return requestJson(this.#fetch, ACCOUNT_URLS.account, z.undefined(), { method: "DELETE" });
  }
}
