/**
 * Owns the console's "recent interviews" of a stand and which one the
 * assessment panel shows: by default the recruiter's own interview in
 * progress, else their last one, else the stand's last one. The server
 * lists newest first.
 */
import { readonly, writable, type Readable } from "svelte/store";
import type { ErrorCode, StandInterview } from "@crossfair/shared";
import type { Fetch } from "../http/http.client.js";
import { StaffApi } from "./staff.api.js";

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

export class ConsoleInterviewsManager implements Readable<ConsoleInterviewsState> {
  readonly #fetch: Fetch;
  readonly #state = writable<ConsoleInterviewsState>(IDLE);
  readonly subscribe = readonly(this.#state).subscribe;
  #current: ConsoleInterviewsState = IDLE;
  #generation = 0;

  constructor(options: { fetch?: Fetch } = {}) {
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  get state(): ConsoleInterviewsState {
    return this.#current;
  }

  /** Loads the stand's recent interviews; keeps the selection if it is still listed. */
  async load(standId: string, userId: string | null): Promise<void> {
    const generation = ++this.#generation;
    const same = this.#current.standId === standId;
    this.#set({ ...(same ? this.#current : IDLE), standId, status: "loading", error: null });
    const answer = await new StaffApi(this.#fetch).loadStandInterviews(
      standId,
      1,
      RECENT_INTERVIEWS,
    );
    if (generation !== this.#generation) return;
    if (!answer.ok) {
      this.#set({ ...this.#current, status: "error", error: answer.code });
      return;
    }
    const interviews = answer.data.items;
    const kept = interviews.some((interview) => interview.id === this.#current.selectedId);
    this.#set({
      ...this.#current,
      status: "ready",
      interviews,
      selectedId: kept
        ? this.#current.selectedId
        : (defaultInterview(interviews, userId)?.id ?? null),
    });
  }

  select(interviewId: string): void {
    if (this.#current.interviews.some((interview) => interview.id === interviewId)) {
      this.#set({ ...this.#current, selectedId: interviewId });
    }
  }

  close(): void {
    this.#generation += 1;
    this.#set(IDLE);
  }

  #set(next: ConsoleInterviewsState): void {
    this.#current = next;
    this.#state.set(next);
  }
}
