/**
 * Owns one list of group sessions as a page shows it: a stand's (the stand
 * page), the fair's (the hall) or the candidate's own (the agenda), and
 * registering for and withdrawing from one of them. A late answer of an
 * earlier list is ignored (`LatestRequest`).
 */
import type { ErrorCode, Webinar } from "@crossfair/shared";
import type { HttpResult } from "../http/http.client.js";
import { LatestRequest, StateStore } from "../store/state-store.js";
import type { WebinarsApi } from "./webinars.api.js";

export type WebinarSource = { standId: string } | { slug: string } | { mine: true };

export interface WebinarListState {
  status: "idle" | "loading" | "ready" | "error";
  error: ErrorCode | null;
  webinars: Webinar[];
  /** The session whose registration is being changed. */
  busy: string | null;
  outcome:
    | { kind: "registered" | "withdrawn"; webinarId: string }
    | { kind: "failed"; webinarId: string; code: ErrorCode }
    | null;
  /** Epoch ms of the last read, for "join" and "past". */
  now: number;
}

const IDLE: WebinarListState = {
  status: "idle",
  error: null,
  webinars: [],
  busy: null,
  outcome: null,
  now: 0,
};

type Api = Pick<WebinarsApi, "ofStand" | "ofFair" | "mine" | "register" | "withdraw">;

export class WebinarListManager extends StateStore<WebinarListState> {
  readonly #latest = new LatestRequest();
  #source: WebinarSource | null = null;

  constructor(
    private readonly api: Api,
    /** Told after a registration changed (the banners read the candidate's sessions again). */
    private readonly onRegistrationChange: () => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {
    super(IDLE);
  }

  async open(source: WebinarSource): Promise<void> {
    this.#source = source;
    this.set({ ...IDLE, status: "loading", now: this.now() });
    await this.refresh();
  }

  close(): void {
    this.#latest.cancel();
    this.#source = null;
    this.set(IDLE);
  }

  async refresh(): Promise<void> {
    const source = this.#source;
    if (!source) return;
    const token = this.#latest.start();
    const result = await this.#read(source);
    if (!token.isLatest()) return;
    if (!result.ok) {
      this.update({
        status: this.state.status === "ready" ? "ready" : "error",
        error: result.code,
        now: this.now(),
      });
      return;
    }
    this.update({ status: "ready", error: null, webinars: result.data.webinars, now: this.now() });
  }

  async register(webinarId: string): Promise<boolean> {
    if (this.state.busy) return false;
    this.update({ busy: webinarId, outcome: null });
    const result = await this.api.register(webinarId);
    if (result.ok) {
      this.update({
        busy: null,
        webinars: this.state.webinars.map((w) => (w.id === webinarId ? result.data : w)),
        outcome: { kind: "registered", webinarId },
      });
      this.onRegistrationChange();
    } else {
      this.update({ busy: null, outcome: { kind: "failed", webinarId, code: result.code } });
      await this.refresh();
    }
    return result.ok;
  }

  async withdraw(webinarId: string): Promise<boolean> {
    if (this.state.busy) return false;
    this.update({ busy: webinarId, outcome: null });
    const result = await this.api.withdraw(webinarId);
    this.update({
      busy: null,
      outcome: result.ok
        ? { kind: "withdrawn", webinarId }
        : { kind: "failed", webinarId, code: result.code },
    });
    if (result.ok) this.onRegistrationChange();
    await this.refresh();
    return result.ok;
  }

  #read(source: WebinarSource): Promise<HttpResult<{ webinars: Webinar[] }>> {
    if ("standId" in source) return this.api.ofStand(source.standId);
    if ("slug" in source) return this.api.ofFair(source.slug);
    return this.api.mine();
  }
}
