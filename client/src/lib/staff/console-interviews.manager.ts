/**
 * Owns the console's "recent interviews" of a stand and which one the
 * assessment panel shows: by default the recruiter's own interview in
 * progress, else their last one, else the stand's last one. The server
 * lists newest first.
 */
import type { ErrorCode, StandInterview } from "@crossfair/shared";
import type { Fetch } from "../http/http.client.js";
import { StaffApi } from "./staff.api.js";
import { LatestRequest, StateStore } from "../store/state-store.js";

export const RECENT_INTERVIEWS = 10;

export interface ConsoleInterviewsState {
  standId: string | null;
  status: "idle" | "loading" | "ready" | "error";
  error: ErrorCode | null;
  interviews: StandInterview[];
  selectedId: string | null;
}

const IDLE: ConsoleInterviewsState = {
  standId: null,
  status: "idle",
  error: null,
  interviews: [],
  selectedId: null,
};

/** The interview to assess first: mine in progress, mine last, anyone's last. */
export function defaultInterview(
  interviews: readonly StandInterview[],
  userId: string | null,
): StandInterview | null {
  const mine = interviews.filter((interview) => interview.recruiter.id === userId);
  return mine.find((interview) => interview.endedAt === null) ?? mine[0] ?? interviews[0] ?? null;
}

export class ConsoleInterviewsManager extends StateStore<ConsoleInterviewsState> {
  readonly #fetch: Fetch;
  readonly #requests = new LatestRequest();

  constructor(options: { fetch?: Fetch } = {}) {
    super(IDLE);
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  /** Loads the stand's recent interviews; keeps the selection if it is still listed. */
  async load(standId: string, userId: string | null): Promise<void> {
    const generation = this.#requests.start();
    const same = this.state.standId === standId;
    this.set({ ...(same ? this.state : IDLE), standId, status: "loading", error: null });
    const answer = await new StaffApi(this.#fetch).loadStandInterviews(
      standId,
      1,
      RECENT_INTERVIEWS,
    );
    if (!generation.isLatest()) return;
    if (!answer.ok) {
      this.set({ ...this.state, status: "error", error: answer.code });
      return;
    }
    const interviews = answer.data.items;
    const kept = interviews.some((interview) => interview.id === this.state.selectedId);
    this.set({
      ...this.state,
      status: "ready",
      interviews,
      selectedId: kept ? this.state.selectedId : (defaultInterview(interviews, userId)?.id ?? null),
    });
  }

  select(interviewId: string): void {
    if (this.state.interviews.some((interview) => interview.id === interviewId)) {
      this.set({ ...this.state, selectedId: interviewId });
    }
  }

  close(): void {
    this.#requests.cancel();
    this.set(IDLE);
  }
}
