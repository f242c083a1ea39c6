/**
 * Owns loading the current fair's hall from the public API, and the state the
 * hall shows meanwhile: loading, ready with the hall checked against the
 * shared schema, or one `{code, message}` the UI can translate and offer a
 * retry for (the request and its failures are `callApi`'s).
 */
import type { Readable } from "svelte/store";
import { FAIR_API, type ErrorCode, type FairHall } from "@crossfair/shared";
import { callApi, urlOf, type Fetch } from "../http/http.client.js";
import { LatestRequest, StateStore } from "../store/state-store.js";

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
  return new Hall(options);
}

class Hall extends StateStore<HallState> implements HallStore {
  readonly #fetch: Fetch;
  readonly #fairSlug: string | undefined;
  readonly #loads = new LatestRequest();

  constructor(options: HallStoreOptions) {
    super({ status: "loading" });
    // Bound so a browser's fetch is never called with the store as `this`.
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#fairSlug = options.fairSlug;
  }

  async load(): Promise<void> {
    const request = this.#loads.start();
    this.set({ status: "loading" });
    const next = await requestHall(this.#fetch, this.#fairSlug);
    if (request.isLatest()) this.set(next);
  }
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
