/**
 * Owns loading the current fair's hall from the public API, and the state the
 * hall shows meanwhile: loading, ready with the hall checked against the
 * shared schema, or one `{code, message}` the UI can translate and offer a
 * retry for (the request and its failures are `requestJson`'s).
 */
import { readonly, writable, type Readable } from "svelte/store";
import { FAIR_API, type ErrorCode, type FairHall } from "@crossfair/shared";
import { callApi, urlOf, type Fetch } from "../http/http.client.js";

export type HallState =
  | { status: "loading" }
  | { status: "ready"; hall: FairHall }
  | { status: "error"; code: ErrorCode; message: string };

export interface HallStore extends Readable<HallState> {
  /** (Re)loads the hall; a newer call wins over a slower older one. */
  load(): Promise<void>;
}

export interface HallStoreOptions {
  fetch?: Fetch;
  /** The fair whose hall to load; the current fair when left out. */
  fairSlug?: string;
}

export const CURRENT_HALL_URL = urlOf(FAIR_API.currentHall, {});

export function createHallStore(options: HallStoreOptions = {}): HallStore {
  // Bound so a browser's fetch is never called with the store as `this`.
  const fetchHall = options.fetch ?? globalThis.fetch.bind(globalThis);
  const fairSlug = options.fairSlug;
  const state = writable<HallState>({ status: "loading" });
  let latestRequest = 0;

  async function load(): Promise<void> {
    const request = ++latestRequest;
    state.set({ status: "loading" });
    const next = await requestHall(fetchHall, fairSlug);
    if (request === latestRequest) state.set(next);
  }

  return { subscribe: readonly(state).subscribe, load };
}

async function requestHall(
  fetchHall: Fetch,
  fairSlug: string | undefined,
): Promise<Exclude<HallState, { status: "loading" }>> {
  // A hall of the wrong shape means the server and this client disagree on the
  // contract, most likely a stale cached client after a deploy; a reload fixes it.
  const answer =
    fairSlug === undefined
      ? await callApi(fetchHall, FAIR_API.currentHall, { what: "hall" })
      : await callApi(fetchHall, FAIR_API.hall, { params: { slug: fairSlug }, what: "hall" });
  if (!answer.ok) return { status: "error", code: answer.code, message: answer.message };
  return { status: "ready", hall: answer.data };
}
