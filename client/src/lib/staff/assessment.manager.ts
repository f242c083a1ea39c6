/**
 * Owns a recruiter's assessment of one interview: outcome, rating and private
 * notes. Outcome and rating are saved as soon as they are picked; notes are
 * saved a moment after typing stops (and at once on `flush`, e.g. on blur or
 * when the panel closes). One save is in flight at a time; edits made
 * meanwhile are saved right after it, so the last edit always wins.
 */
import { readonly, writable, type Readable } from "svelte/store";
import type {
  AssessmentBody,
  ErrorCode,
  InterviewAssessment,
  InterviewOutcome,
} from "@crossfair/shared";
import type { Fetch } from "../http/http.client.js";
import { StaffApi } from "./staff.api.js";

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

export class AssessmentManager implements Readable<AssessmentState> {
  readonly #fetch: Fetch;
  readonly #setTimer: (run: () => void, ms: number) => () => void;
  readonly #state = writable<AssessmentState>(IDLE);
  readonly subscribe = readonly(this.#state).subscribe;
  #current: AssessmentState = IDLE;
  /** Bumped on open and close: answers for another interview are dropped. */
  #generation = 0;
  #cancelTimer: (() => void) | null = null;
  #saving = false;
  /** Edits since the save in flight was sent. */
  #dirty = false;

  constructor(options: AssessmentManagerOptions = {}) {
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#setTimer = options.setTimer ?? browserTimer;
  }

  get state(): AssessmentState {
    return this.#current;
  }

  async open(interviewId: string): Promise<void> {
    if (this.#current.interviewId === interviewId && this.#current.status !== "error") return;
    await this.flush();
    const generation = ++this.#generation;
    this.#reset();
    this.#set({ ...IDLE, interviewId, status: "loading" });
    const answer = await new StaffApi(this.#fetch).loadAssessment(interviewId);
    if (generation !== this.#generation) return;
    if (!answer.ok) {
      this.#set({ ...this.#current, status: "error", error: answer.code });
      return;
    }
    const assessment = answer.data;
    this.#set({
      ...this.#current,
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
    if (this.#current.status === "ready" && this.#current.save === "error") await this.#save();
  }

  /** Saves waiting notes now. */
  async flush(): Promise<void> {
    if (this.#cancelTimer && this.#current.status === "ready") {
      this.#cancelTimer();
      this.#cancelTimer = null;
      await this.#save();
    }
  }

  /** Saves what is waiting, then forgets the interview. */
  async close(): Promise<void> {
    await this.flush();
    this.#generation += 1;
    this.#reset();
    this.#set(IDLE);
  }

  async #edit(
    change: Partial<Pick<AssessmentState, "outcome" | "rating" | "notes">>,
    now: boolean,
  ): Promise<void> {
    if (this.#current.status !== "ready") return;
    this.#set({ ...this.#current, ...change, save: "pending", saveError: null });
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
    const { interviewId } = this.#current;
    if (!interviewId) return;
    if (this.#saving) return; // the save in flight sends the newer edits when it returns
    const generation = this.#generation;
    this.#saving = true;
    this.#dirty = false;
    this.#set({ ...this.#current, save: "saving", saveError: null });
    const answer = await new StaffApi(this.#fetch).saveAssessment(interviewId, this.#body());
    this.#saving = false;
    if (generation !== this.#generation) return;
    if (!answer.ok) {
      // Keep the text on screen; the next edit or flush tries again.
      this.#set({ ...this.#current, save: "error", saveError: answer.code });
      this.#dirty = true;
      return;
    }
    this.#set({
      ...this.#current,
      assessedBy: answer.data.assessedBy,
      assessedAt: answer.data.assessedAt,
      save: this.#dirty ? "pending" : "saved",
    });
    // Edited while saving: send the newer state now, unless notes still wait for typing to stop.
    if (this.#dirty && !this.#cancelTimer) await this.#save();
  }

  #body(): AssessmentBody {
    const { outcome, rating, notes } = this.#current;
    return { outcome, rating, privateNotes: notes };
  }

  #reset(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = null;
    this.#dirty = false;
  }

  #set(next: AssessmentState): void {
    this.#current = next;
    this.#state.set(next);
  }
}
