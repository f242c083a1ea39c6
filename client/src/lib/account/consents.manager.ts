/**
 * Owns the list of stands the candidate shares their profile (and CV) with,
 * and revoking one: the stand loses access at once on the server, so the
 * list shows the revocation only once the server confirmed it.
 */
import { readonly, writable, type Readable } from "svelte/store";
import type { ErrorCode, ProfileConsent } from "@crossfair/shared";
import type { AccountApi } from "./account.api.js";

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

export class ConsentsManager implements Readable<ConsentsState> {
  readonly #api: AccountApi;
  readonly #state = writable<ConsentsState>(LOADING);
  readonly subscribe = readonly(this.#state).subscribe;
  #current: ConsentsState = LOADING;

  constructor(api: AccountApi) {
    this.#api = api;
  }

  get state(): ConsentsState {
    return this.#current;
  }

  async load(): Promise<void> {
    this.#set({ ...this.#current, status: "loading", error: null });
    const answer = await this.#api.consents();
    if (!answer.ok) {
      this.#set({ ...this.#current, status: "error", error: answer.code });
      return;
    }
    this.#set({
      status: "ready",
      active: answer.data.filter((consent) => consent.revokedAt === null),
      revoking: null,
      error: null,
      revoked: null,
    });
  }

  async revoke(standId: string): Promise<boolean> {
    if (this.#current.revoking) return false;
    this.#set({ ...this.#current, revoking: standId, error: null, revoked: null });
    const answer = await this.#api.revokeConsent(standId);
    if (!answer.ok && answer.code !== "not_found") {
      this.#set({ ...this.#current, revoking: null, error: answer.code });
      return false;
    }
    // not_found: already revoked elsewhere; either way nothing is shared any more.
    this.#set({
      ...this.#current,
      active: this.#current.active.filter((consent) => consent.standId !== standId),
      revoking: null,
      revoked: standId,
    });
    return true;
  }

  #set(next: ConsentsState): void {
    this.#current = next;
    this.#state.set(next);
  }
}
