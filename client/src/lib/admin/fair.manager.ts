/**
 * One fair on the admin's fair page: loading it, saving the edit form, and
 * moving it to another status. Only the moves the shared contract allows are
 * offered, and a move waits for the admin's confirmation: `askMove` only
 * records the wish, `confirmMove` sends it. Creating a fair (the fair list's
 * form) shares the form checks and the server-error mapping.
 */
import {
  ErrorCode,
  FAIR_STATUS_TRANSITIONS,
  type FairAdminView,
  type FairStatus,
} from "@crossfair/shared";
import type { AdminApi } from "./admin.api.js";
import {
  formFieldOf,
  toFairInput,
  toFairPatch,
  type FairFormField,
  type FairFormValues,
} from "./fair-form.js";
import type { ListError } from "./paged-list.js";
import { StateStore } from "../store/state-store.js";

/** What came of submitting the form: the fair, or what to show on which fields. */
export type FormOutcome =
  | { ok: true; fair: FairAdminView }
  | { ok: false; problems: FairFormField[]; error: (ListError & { field?: FairFormField }) | null };

type FormApi = Pick<AdminApi, "createFair" | "updateFair">;

function serverFailure(answer: { code: ErrorCode; message: string; field?: string }): FormOutcome {
  const field = formFieldOf(answer.field);
  return {
    ok: false,
    problems: field ? [field] : [],
    error: { code: answer.code, message: answer.message, ...(field ? { field } : {}) },
  };
}

/** Checks the form and creates the fair (status draft). */
export async function createFair(api: FormApi, values: FairFormValues): Promise<FormOutcome> {
  const input = toFairInput(values);
  if (!input.ok) return { ok: false, problems: input.problems, error: null };
  const answer = await api.createFair(input.value);
  return answer.ok ? { ok: true, fair: answer.data } : serverFailure(answer);
}

/** Checks the form and saves every field but the slug. */
export async function saveFair(
  api: FormApi,
  slug: string,
  values: FairFormValues,
): Promise<FormOutcome> {
  const patch = toFairPatch(values);
  if (!patch.ok) return { ok: false, problems: patch.problems, error: null };
  const answer = await api.updateFair(slug, patch.value);
  return answer.ok ? { ok: true, fair: answer.data } : serverFailure(answer);
}

/** The statuses a fair in `status` may move to. */
export function allowedMoves(status: FairStatus): readonly FairStatus[] {
  return FAIR_STATUS_TRANSITIONS[status];
}

export type FairPageState =
  | { status: "loading" }
  | { status: "error"; error: ListError }
  | {
      status: "ready";
      fair: FairAdminView;
      /** A move the admin asked for and has not confirmed yet. */
      pendingMove: FairStatus | null;
      moving: boolean;
      moveError: ListError | null;
    };

export class FairManager extends StateStore<FairPageState> {
  readonly #api: Pick<AdminApi, "fair" | "moveFair" | "updateFair" | "createFair">;
  readonly #slug: string;

  constructor(
    api: Pick<AdminApi, "fair" | "moveFair" | "updateFair" | "createFair">,
    slug: string,
  ) {
    super({ status: "loading" });
    this.#api = api;
    this.#slug = slug;
  }

  #ready(fair: FairAdminView): void {
    this.set({ status: "ready", fair, pendingMove: null, moving: false, moveError: null });
  }

  /** Loads the fair; a reload after a decision keeps the page as it is while it runs. */
  async load(): Promise<void> {
    const answer = await this.#api.fair(this.#slug);
    if (answer.ok) this.#ready(answer.data);
    else if (this.state.status !== "ready") {
      this.set({ status: "error", error: { code: answer.code, message: answer.message } });
    }
  }

  async save(values: FairFormValues): Promise<FormOutcome> {
    const outcome = await saveFair(this.#api, this.#slug, values);
    if (outcome.ok) this.#ready(outcome.fair);
    return outcome;
  }

  /** Records the move the admin picked, to be confirmed; a move the rules forbid is ignored. */
  askMove(to: FairStatus): void {
    const state = this.state;
    if (state.status !== "ready" || state.moving) return;
    if (!allowedMoves(state.fair.status).includes(to)) return;
    this.set({ ...state, pendingMove: to, moveError: null });
  }

  cancelMove(): void {
    const state = this.state;
    if (state.status === "ready" && !state.moving) this.set({ ...state, pendingMove: null });
  }

  /** Sends the confirmed move; true when the fair moved. */
  async confirmMove(): Promise<boolean> {
    const state = this.state;
    if (state.status !== "ready" || state.moving || !state.pendingMove) return false;
    this.set({ ...state, moving: true });
    const answer = await this.#api.moveFair(this.#slug, state.pendingMove);
    if (answer.ok) {
      this.#ready(answer.data);
      return true;
    }
    const moveError = { code: answer.code, message: answer.message };
    // Someone else may have moved it meanwhile (invalid_transition): show where it is now.
    const fresh =
      answer.code === ErrorCode.invalidTransition ? await this.#api.fair(this.#slug) : null;
    const fair = fresh?.ok ? fresh.data : state.fair;
    this.set({ status: "ready", fair, pendingMove: null, moving: false, moveError });
    return false;
  }
}
