/**
 * The candidate's account over HTTP: profile, consents, fair registrations,
 * applications, and account deletion, each a route of the shared contract
 * called through `callApi`. The CV upload, which needs progress events, is in
 * cv.upload.ts.
 */
import {
  APPLICATION_API,
  CANDIDATE_API,
  FAIR_API,
  FILE_ROUTES,
  STAND_API,
  fillPath,
  type ApplyBody,
  type CandidateProfile,
  type CandidateProfileBody,
  type MyApplication,
  type MyRegistration,
  type ProfileConsent,
  type StandDetails,
} from "@crossfair/shared";
import { callApi, urlOf, type Fetch, type HttpResult } from "../http/http.client.js";

/** The account's URLs, from the contract: links (CV, export) and what tests match requests on. */
export const ACCOUNT_URLS = {
  profile: urlOf(CANDIDATE_API.profile, {}),
  cv: fillPath(FILE_ROUTES.ownCv, {}),
  export: urlOf(CANDIDATE_API.exportData, {}),
  account: urlOf(CANDIDATE_API.deleteAccount, {}),
  consents: urlOf(CANDIDATE_API.consents, {}),
  consent: (standId: string) => urlOf(CANDIDATE_API.revokeConsent, { params: { standId } }),
  registrations: urlOf(FAIR_API.myRegistrations, {}),
  register: (fairSlug: string) => urlOf(FAIR_API.register, { params: { slug: fairSlug } }),
  applications: urlOf(APPLICATION_API.mine, {}),
  apply: (vacancyId: string) => urlOf(APPLICATION_API.apply, { params: { vacancyId } }),
  withdraw: (applicationId: string) =>
    urlOf(APPLICATION_API.withdraw, { params: { id: applicationId } }),
  stand: (standId: string) => urlOf(STAND_API.stand, { params: { standId } }),
} as const;

/** The requests the account pages make; one instance per page, over `fetch`. */
export class AccountApi {
  readonly #fetch: Fetch;

  constructor(fetchFn: Fetch = globalThis.fetch.bind(globalThis)) {
    this.#fetch = fetchFn;
  }

  /** The saved profile, or null when the candidate has not saved one yet. */
  async profile(): Promise<HttpResult<CandidateProfile | null>> {
    const answer = await callApi(this.#fetch, CANDIDATE_API.profile, {});
    if (answer.ok) return { ok: true, data: answer.data.profile };
    return answer.code === "not_found" ? { ok: true, data: null } : answer;
  }

  async saveProfile(body: CandidateProfileBody): Promise<HttpResult<CandidateProfile>> {
    const answer = await callApi(this.#fetch, CANDIDATE_API.saveProfile, { body });
    return answer.ok ? { ok: true, data: answer.data.profile } : answer;
  }

  async consents(): Promise<HttpResult<ProfileConsent[]>> {
    const answer = await callApi(this.#fetch, CANDIDATE_API.consents, {});
    return answer.ok ? { ok: true, data: answer.data.consents } : answer;
  }

  revokeConsent(standId: string): Promise<HttpResult<undefined>> {
    return callApi(this.#fetch, CANDIDATE_API.revokeConsent, { params: { standId } });
  }

  async registrations(): Promise<HttpResult<MyRegistration[]>> {
    const answer = await callApi(this.#fetch, FAIR_API.myRegistrations, {});
    return answer.ok ? { ok: true, data: answer.data.registrations } : answer;
  }

  async register(fairSlug: string): Promise<HttpResult<MyRegistration>> {
    const answer = await callApi(this.#fetch, FAIR_API.register, { params: { slug: fairSlug } });
    return answer.ok ? { ok: true, data: answer.data.registration } : answer;
  }

  async applications(): Promise<HttpResult<MyApplication[]>> {
    const answer = await callApi(this.#fetch, APPLICATION_API.mine, {});
    return answer.ok ? { ok: true, data: answer.data.applications } : answer;
  }

  apply(vacancyId: string, body: ApplyBody): Promise<HttpResult<MyApplication>> {
    return callApi(this.#fetch, APPLICATION_API.apply, { params: { vacancyId }, body });
  }

  withdraw(applicationId: string): Promise<HttpResult<MyApplication>> {
    return callApi(this.#fetch, APPLICATION_API.withdraw, { params: { id: applicationId } });
  }

  stand(standId: string): Promise<HttpResult<StandDetails>> {
    return callApi(this.#fetch, STAND_API.stand, { params: { standId }, what: "stand" });
  }

  deleteAccount(): Promise<HttpResult<undefined>> {
    return callApi(this.#fetch, CANDIDATE_API.deleteAccount, {});
  }
}
