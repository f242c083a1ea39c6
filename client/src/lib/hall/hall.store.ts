/**
 * Owns loading the current fair's hall from the public API: the request, the
 * validation against the shared schema, and turning every way it can fail into
 * one `{code, message}` the UI can translate and offer a retry for.
 */
import { readonly, writable, type Readable } from "svelte/store";
import { apiErrorSchema, ErrorCode, fairHallSchema, type FairHall } from "@crossfair/shared";

export type HallState =
  | { status: "loading" }
  | { status: "ready"; hall: FairHall }
  | { status: "error"; code: ErrorCode; message: string };

export interface HallStore extends Readable<HallState> {
  /** (Re)loads the hall; a newer call wins over a slower older one. */
  load(): Promise<void>;
}

export interface HallStoreOptions {
  fetch?: typeof globalThis.fetch;
  url?: string;
}

export const CURRENT_HALL_URL = "/api/fairs/current/hall";

export function createHallStore(options: HallStoreOptions = {}): HallStore {
  // Bound so a browser's fetch is never called with the store as `this`.
  const fetchHall = options.fetch ?? globalThis.fetch.bind(globalThis);
  const url = options.url ?? CURRENT_HALL_URL;
  const state = writable<HallState>({ status: "loading" });
  let latestRequest = 0;

  async function load(): Promise<void> {
    const request = ++latestRequest;
    state.set({ status: "loading" });
    const next = await requestHall(fetchHall, url);
    if (request === latestRequest) state.set(next);
  }

  return { subscribe: readonly(state).subscribe, load };
}

async function requestHall(
  fetchHall: typeof globalThis.fetch,
  url: string,
): Promise<Exclude<HallState, { status: "loading" }>> {
  let response: Response;
  try {
    response = await fetchHall(url, { headers: { accept: "application/json" } });
  } catch (error) {
    return failure(ErrorCode.unavailable, `The server could not be reached: ${describe(error)}`);
  }

  let body: unknown;
  try {
    body = await response.json();
  } catch {
    // A proxy's HTML error page or a cut-off body: say what we know from the status.
    return failure(
      response.status >= 500 || response.status === 0 ? ErrorCode.unavailable : ErrorCode.internal,
      `Unexpected answer from the server (HTTP ${response.status}).`,
    );
  }

  if (!response.ok) {
    const apiError = apiErrorSchema.safeParse(body);
    if (apiError.success) return failure(apiError.data.error.code, apiError.data.error.message);
    return failure(
      response.status >= 500 ? ErrorCode.unavailable : ErrorCode.internal,
      `Unexpected answer from the server (HTTP ${response.status}).`,
    );
  }

  const hall = fairHallSchema.safeParse(body);
  if (!hall.success) {
    // The server and this client disagree on the contract, most likely a stale
    // cached client after a deploy; a reload usually fixes it.
    const issue = hall.error.issues[0];
    return failure(
      ErrorCode.internal,
      `The hall did not match the expected shape at ${issue?.path.join(".") || "the root"}.`,
    );
  }
  return { status: "ready", hall: hall.data };
}

function failure(
  code: ErrorCode,
  message: string,
): { status: "error"; code: ErrorCode; message: string } {
  return { status: "error", code, message };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
