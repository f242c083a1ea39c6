/**
 * Owns the candidate's registration for the current fair: whether they have
 * one and its status (pending, approved, rejected), whether the fair takes
 * registrations now, and registering.
 */
import {
  isRegistrationOpen,
  type ErrorCode,
  type FairSummary,
  type MyRegistration,
} from "@crossfair/shared";
import type { AccountApi } from "./account.api.js";
import { StateStore } from "../store/state-store.js";

export interface RegistrationState {
  status: "loading" | "ready" | "error";
  /** This fair's registration; null when the candidate has none. */
  registration: MyRegistration | null;
  registering: boolean;
  error: ErrorCode | null;
}

/** What the registration panel shows, from the state and the fair. */
export type RegistrationView =
  | { kind: "loading" }
  | { kind: "error"; code: ErrorCode }
  | { kind: "registered"; registration: MyRegistration }
  | { kind: "canRegister"; needsApproval: boolean }
  | { kind: "closed" };

export function registrationView(
  state: RegistrationState,
  fair: Pick<
    FairSummary,
    | "status"
    | "endsAt"
    | "registrationOpensAt"
    | "registrationClosesAt"
    | "registrationNeedsApproval"
  >,
  now: number,
): RegistrationView {
  if (state.status === "loading") return { kind: "loading" };
  if (state.registration) return { kind: "registered", registration: state.registration };
  if (state.status === "error" && state.error) return { kind: "error", code: state.error };
  return isRegistrationOpen(fair, now)
    ? { kind: "canRegister", needsApproval: fair.registrationNeedsApproval }
    : { kind: "closed" };
}

const LOADING: RegistrationState = {
  status: "loading",
  registration: null,
  registering: false,
  error: null,
};

export class RegistrationManager extends StateStore<RegistrationState> {
  readonly #api: AccountApi;
  readonly #fairSlug: string;

  constructor(api: AccountApi, fairSlug: string) {
    super(LOADING);
    this.#api = api;
    this.#fairSlug = fairSlug;
  }

  async load(): Promise<void> {
    this.set({ ...this.state, status: "loading", error: null });
    const answer = await this.#api.registrations();
    if (!answer.ok) {
      this.set({ ...this.state, status: "error", error: answer.code });
      return;
    }
    const registration = answer.data.find((entry) => entry.fairSlug === this.#fairSlug) ?? null;
    this.set({ status: "ready", registration, registering: false, error: null });
  }

  async register(): Promise<boolean> {
    if (this.state.registering || this.state.registration) return false;
    this.set({ ...this.state, registering: true, error: null });
    const answer = await this.#api.register(this.#fairSlug);
    if (!answer.ok) {
      this.set({ ...this.state, registering: false, error: answer.code });
      return false;
    }
    this.set({ status: "ready", registration: answer.data, registering: false, error: null });
    return true;
  }
}
