/**
 * Owns a recruiter's assessment of one interview: outcome, rating and private
 * notes. Outcome and rating are saved as soon as they are picked; notes are
 * saved a moment after typing stops (and at once on `flush`, e.g. on blur or
 * when the panel closes). One save is in flight at a time; edits made
 * meanwhile are saved right after it, so the last edit always wins.
 */
import type {
  AssessmentBody,
  ErrorCode,
  InterviewAssessment,
  InterviewOutcome,
} from "@crossfair/shared";
import type { Fetch } from "../http/http.client.js";
import { StaffApi } from "./staff.api.js";
import { LatestRequest, StateStore } from "../store/state-store.js";

/** `pending`: edited, waiting for typing to stop; `saved` after the last edit reached the server. */
export type SaveStatus = "idle" | "pending" | "saving" | "saved" | "error";

export interface AssessmentState {
  interviewId: string | null;
  status: "idle" | "loading" | "ready" | "error";
  /** Why loading failed. */
  error: ErrorCode | null;
  outcome: InterviewOutcome | null;
  rating: number | null;
  notes: string;
  assessedBy: InterviewAssessment["assessedBy"];
  assessedAt: string | null;
  save: SaveStatus;
  saveError: ErrorCode | null;
}

const IDLE: AssessmentState = {
  interviewId: null,
  status: "idle",
  error: null,
  outcome: null,
  rating: null,
  notes: "",
  assessedBy: null,
  assessedAt: null,
  save: "idle",
  saveError: null,
};

/** Long enough not to save every keystroke, short enough that little is lost on a crash. */
export const NOTES_SAVE_DELAY_MS = 800;

export interface AssessmentManagerOptions {
  fetch?: Fetch;
  /** Runs `run` after `ms`; returns a cancel function. */
  setTimer?: (run: () => void, ms: number) => () => void;
}

const browserTimer = (run: () => void, ms: number) => {
  const handle = setTimeout(run, ms);
  return () => clearTimeout(handle);
};

export class AssessmentManager extends StateStore<AssessmentState> {
  readonly #fetch: Fetch;
  readonly #setTimer: (run: () => void, ms: number) => () => void;
  /** Renewed on open and close: answers for another interview are dropped. */
  readonly #requests = new LatestRequest();
  #cancelTimer: (() => void) | null = null;
  #saving = false;
  /** Edits since the save in flight was sent. */
  #dirty = false;

  constructor(options: AssessmentManagerOptions = {}) {
    super(IDLE);
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#setTimer = options.setTimer ?? browserTimer;
  }

  async open(interviewId: string): Promise<void> {
    if (this.state.interviewId === interviewId && this.state.status !== "error") return;
    await this.flush();
    const generation = this.#requests.start();
    this.#reset();
    this.set({ ...IDLE, interviewId, status: "loading" });
    const answer = await new StaffApi(this.#fetch).loadAssessment(interviewId);
    if (!generation.isLatest()) return;
    if (!answer.ok) {
      this.set({ ...this.state, status: "error", error: answer.code });
      return;
    }
    const assessment = answer.data;
    this.set({
      ...this.state,
      status: "ready",
      outcome: assessment.outcome,
      rating: assessment.rating,
      notes: assessment.privateNotes,
      assessedBy: assessment.assessedBy,
      assessedAt: assessment.assessedAt,
    });
  }

  setOutcome(outcome: InterviewOutcome): Promise<void> {
    return this.#edit({ outcome }, true);
  }

  /** 1–5, or null to take the rating back. */
  setRating(rating: number | null): Promise<void> {
    return this.#edit({ rating }, true);
  }

  setNotes(notes: string): Promise<void> {
    return this.#edit({ notes }, false);
  }

  /** Tries a failed save again. */
  async retry(): Promise<void> {
    if (this.state.status === "ready" && this.state.save === "error") await this.#save();
  }

  /** Saves waiting notes now. */
  async flush(): Promise<void> {
    if (this.#cancelTimer && this.state.status === "ready") {
      this.#cancelTimer();
      this.#cancelTimer = null;
      await this.#save();
    }
  }

  /** Saves what is waiting, then forgets the interview. */
  async close(): Promise<void> {
    await this.flush();
    this.#requests.cancel();
    this.#reset();
    this.set(IDLE);
  }

  async #edit(
    change: Partial<Pick<AssessmentState, "outcome" | "rating" | "notes">>,
    now: boolean,
  ): Promise<void> {
    if (this.state.status !== "ready") return;
    this.set({ ...this.state, ...change, save: "pending", saveError: null });
    this.#dirty = true;
    this.#cancelTimer?.();
    this.#cancelTimer = null;
    if (now) {
      await this.#save();
      return;
    }
    this.#cancelTimer = this.#setTimer(() => {
      this.#cancelTimer = null;
      void this.#save();
    }, NOTES_SAVE_DELAY_MS);
  }

  async #save(): Promise<void> {
    const { interviewId } = this.state;
    if (!interviewId) return;
    if (this.#saving) return; // the save in flight sends the newer edits when it returns
    const generation = this.#requests.current;
    this.#saving = true;
    this.#dirty = false;
    this.set({ ...this.state, save: "saving", saveError: null });
    const answer = await new StaffApi(this.#fetch).saveAssessment(interviewId, this.#body());
    this.#saving = false;
    if (!generation.isLatest()) return;
    if (!answer.ok) {
      // Keep the text on screen; the next edit or flush tries again.
      this.set({ ...this.state, save: "error", saveError: answer.code });
      this.#dirty = true;
      return;
    }
    this.set({
      ...this.state,
      assessedBy: answer.data.assessedBy,
      assessedAt: answer.data.assessedAt,
      save: this.#dirty ? "pending" : "saved",
    });
    // Edited while saving: send the newer state now, unless notes still wait for typing to stop.
    if (this.#dirty && !this.#cancelTimer) await this.#save();
  }

  #body(): AssessmentBody {
    const { outcome, rating, notes } = this.state;
    return { outcome, rating, privateNotes: notes };
  }

  #reset(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = null;
    this.#dirty = false;
  }
}
