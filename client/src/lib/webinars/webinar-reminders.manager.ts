/**
 * Owns the "starting soon" banner on every page of a signed-in candidate:
 * the sessions they registered for that start within 15 minutes (or are
 * live), from two sources: the server's `webinar:startingSoon` push (the
 * reminder job), and their own sessions read when they sign in and looked
 * at again each `tickMs` (a page opened after the push still shows it). A
 * banner the candidate dismissed stays away for that session.
 */
import type { Language, WebinarStartingSoon } from "@crossfair/shared";
import type { RealtimeLink } from "../connection/connection.link.js";
import { StateStore } from "../store/state-store.js";
import { isJoinable, isPast, webinarHref } from "./webinar.view.js";
import type { WebinarsApi } from "./webinars.api.js";

export interface StartingSoon {
  webinarId: string;
  startsAt: string;
  title: Partial<Record<Language, string>>;
  href: string;
}

export interface WebinarRemindersState {
  soon: StartingSoon[];
}

export const REMINDER_TICK_MS = 30_000;

interface Known {
  id: string;
  startsAt: string;
  endsAt: string;
  status: "scheduled" | "live" | "ended" | "cancelled";
  title: Partial<Record<Language, string>>;
}

export interface WebinarRemindersTimers {
  setInterval(run: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const browserTimers: WebinarRemindersTimers = {
  setInterval: (run, ms) => globalThis.setInterval(run, ms),
  clearInterval: (handle) => globalThis.clearInterval(handle as number),
};

export class WebinarRemindersManager extends StateStore<WebinarRemindersState> {
  readonly #dismissed = new Set<string>();
  #known: Known[] = [];
  #pushed: StartingSoon[] = [];
  #timer: unknown = null;
  #candidate = false;

  constructor(
    private readonly api: Pick<WebinarsApi, "mine">,
    link: Pick<RealtimeLink, "on">,
    private readonly now: () => number = Date.now,
    private readonly timers: WebinarRemindersTimers = browserTimers,
    readonly tickMs = REMINDER_TICK_MS,
  ) {
    super({ soon: [] });
    link.on("webinar:startingSoon", (payload) => this.#push(payload));
  }

  /** Whether a candidate is signed in: their sessions are read, or forgotten. */
  async setCandidate(candidate: boolean): Promise<void> {
    if (candidate === this.#candidate) return;
    this.#candidate = candidate;
    if (!candidate) {
      this.#known = [];
      this.#pushed = [];
      if (this.#timer !== null) this.timers.clearInterval(this.#timer);
      this.#timer = null;
      this.set({ soon: [] });
      return;
    }
    this.#timer = this.timers.setInterval(() => this.#show(), this.tickMs);
    await this.refresh();
  }

  /** Reads the candidate's sessions again (after registering, say). */
  async refresh(): Promise<void> {
    if (!this.#candidate) return;
    const result = await this.api.mine();
    if (!result.ok || !this.#candidate) return;
    this.#known = result.data.webinars.map((webinar) => ({
      id: webinar.id,
      startsAt: webinar.startsAt,
      endsAt: webinar.endsAt,
      status: webinar.status,
      title: Object.fromEntries(
        Object.entries(webinar.copy).map(([language, copy]) => [language, copy.title]),
      ),
    }));
    this.#show();
  }

  dismiss(webinarId: string): void {
    this.#dismissed.add(webinarId);
    this.#show();
  }

  #push(payload: WebinarStartingSoon): void {
    if (!this.#candidate) return;
    this.#pushed = [
      ...this.#pushed.filter((entry) => entry.webinarId !== payload.webinarId),
      { ...payload, href: webinarHref(payload.webinarId) },
    ];
    this.#show();
  }

  #show(): void {
    const now = this.now();
    const fromList = this.#known
      .filter((webinar) => isJoinable(webinar, now))
      .map((webinar) => ({
        webinarId: webinar.id,
        startsAt: webinar.startsAt,
        title: webinar.title,
        href: webinarHref(webinar.id),
      }));
    const ended = new Set(this.#known.filter((w) => isPast(w, now)).map((w) => w.id));
    const soon = [...fromList];
    for (const pushed of this.#pushed) {
      if (!soon.some((entry) => entry.webinarId === pushed.webinarId)) soon.push(pushed);
    }
    this.set({
      soon: soon
        .filter((entry) => !this.#dismissed.has(entry.webinarId) && !ended.has(entry.webinarId))
        .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt)),
    });
  }
}
