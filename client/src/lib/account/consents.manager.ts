/**
 * Owns the list of stands the candidate shares their profile (and CV) with,
 * and revoking one: the stand loses access at once on the server, so the
 * list shows the revocation only once the server confirmed it.
 */
import type { ErrorCode, ProfileConsent } from "@crossfair/shared";
import type { AccountApi } from "./account.api.js";
import { StateStore } from "../store/state-store.js";

export interface ConsentsState {
  status: "loading" | "ready" | "error";
  /** Active consents only, newest first: revoked ones are history, kept in the data export. */
  active: ProfileConsent[];
  /** The stand whose revocation is on its way. */
  revoking: string | null;
  error: ErrorCode | null;
  /** The stand revoked last, for the announcement. */
  revoked: string | null;
}

const LOADING: ConsentsState = {
  status: "loading",
  active: [],
  revoking: null,
  error: null,
  revoked: null,
};

export class ConsentsManager extends StateStore<ConsentsState> {
  readonly #api: AccountApi;

  constructor(api: AccountApi) {
    super(LOADING);
    this.#api = api;
  }

  async load(): Promise<void> {
    this.set({ ...this.state, status: "loading", error: null });
    const answer = await this.#api.consents();
    if (!answer.ok) {
      this.set({ ...this.state, status: "error", error: answer.code });
      return;
    }
    this.set({
      status: "ready",
      active: answer.data.filter((consent) => consent.revokedAt === null),
      revoking: null,
      error: null,
      revoked: null,
    });
  }

  async revoke(standId: string): Promise<boolean> {
    if (this.state.revoking) return false;
    this.set({ ...this.state, revoking: standId, error: null, revoked: null });
    const answer = await this.#api.revokeConsent(standId);
    if (!answer.ok && answer.code !== "not_found") {
      this.set({ ...this.state, revoking: null, error: answer.code });
      return false;
    }
    // not_found: already revoked elsewhere; either way nothing is shared any more.
    this.set({
      ...this.state,
      active: this.state.active.filter((consent) => consent.standId !== standId),
      revoking: null,
      revoked: standId,
    });
    return true;
  }
}
