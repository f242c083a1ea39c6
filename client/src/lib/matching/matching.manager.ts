/**
 * What matching knows of the signed-in candidate: their languages and levels
 * (for the fit badge on every vacancy and the hall's "fits my languages"
 * filter) and "vacancies for you", ranked on the server. One request gives
 * both; it is asked again when the hall or a stand page opens, so a profile
 * just edited shows at once. Anyone else has nothing to match.
 */
import {
  RECOMMENDATION_API,
  type ErrorCode,
  type LanguageAtLevel,
  type Recommendation,
} from "@crossfair/shared";
import { callApi, type Fetch } from "../http/http.client.js";
import { LatestRequest, StateStore } from "../store/state-store.js";

export type MatchingState =
  | { status: "none" }
  | { status: "loading" }
  | {
      status: "ready";
      hasProfile: boolean;
      languages: LanguageAtLevel[];
      recommendations: Recommendation[];
    }
  | { status: "error"; code: ErrorCode };

export class MatchingManager extends StateStore<MatchingState> {
  readonly #fetch: Fetch;
  readonly #requests = new LatestRequest();
  #candidate = false;

  constructor(options: { fetch?: Fetch } = {}) {
    super({ status: "none" });
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  /** The candidate's languages, once known; empty for anyone else. */
  get languages(): readonly LanguageAtLevel[] {
    return this.state.status === "ready" ? this.state.languages : [];
  }

  /** Whether a candidate is signed in (the session tells); anyone else matches nothing. */
  setCandidate(candidate: boolean): void {
    if (candidate === this.#candidate) return;
    this.#candidate = candidate;
    if (!candidate) {
      this.#requests.start();
      this.set({ status: "none" });
      return;
    }
    void this.refresh();
  }

  /** Asks again; what was known stays shown until the answer comes. */
  async refresh(): Promise<void> {
    if (!this.#candidate) return;
    const request = this.#requests.start();
    if (this.state.status !== "ready") this.set({ status: "loading" });
    const answer = await callApi(this.#fetch, RECOMMENDATION_API.myRecommendations, {});
    if (!request.isLatest()) return;
    this.set(
      answer.ok ? { status: "ready", ...answer.data } : { status: "error", code: answer.code },
    );
  }
}
