/**
 * Owns a stand's group sessions as its admin manages them: the list (not
 * cancelled, soonest first), a draft being written (new, or a copy of a
 * scheduled session being changed), saving it, and cancelling a session
 * (asked for first, since its registrants are told). The draft holds the
 * start as a fair-local date and time; `bodyOf` turns it into the shared
 * body, and the server's `field` (e.g. `copy.nl`) points at what to fix.
 */
import {
  webinarBodySchema,
  isoToZoned,
  zonedToIso,
  type ErrorCode,
  type Language,
  type Webinar,
  type WebinarBody,
} from "@crossfair/shared";
import { StateStore } from "../store/state-store.js";
import type { WebinarsApi } from "./webinars.api.js";

export interface WebinarDraft {
  /** null: a new session. */
  webinarId: string | null;
  copy: Partial<Record<Language, { title: string; description: string }>>;
  spokenLanguage: Language;
  /** YYYY-MM-DD and HH:MM on the fair's clocks. */
  date: string;
  time: string;
  minutes: number;
  capacity: number;
  speakerIds: string[];
}

export interface WebinarScheduleState {
  standId: string | null;
  status: "idle" | "loading" | "ready" | "error";
  error: ErrorCode | null;
  webinars: Webinar[];
  draft: WebinarDraft | null;
  saving: boolean;
  confirming: string | null;
  outcome:
    | { kind: "saved" | "cancelled" }
    | { kind: "failed"; code: ErrorCode; field: string | null }
    | null;
}

const IDLE: WebinarScheduleState = {
  standId: null,
  status: "idle",
  error: null,
  webinars: [],
  draft: null,
  saving: false,
  confirming: null,
  outcome: null,
};

type Api = Pick<WebinarsApi, "ofStand" | "schedule" | "update" | "cancel">;

/** The draft as the shared body; null when its date and time name no moment. */
export function bodyOf(draft: WebinarDraft, timeZone: string): WebinarBody | null {
  const startsAt = zonedToIso(`${draft.date}T${draft.time}`, timeZone);
  if (!startsAt) return null;
  const parsed = webinarBodySchema.safeParse({
    copy: draft.copy,
    spokenLanguage: draft.spokenLanguage,
    startsAt,
    minutes: draft.minutes,
    capacity: draft.capacity,
    speakerIds: draft.speakerIds,
  });
  return parsed.success ? parsed.data : null;
}

export class WebinarScheduleManager extends StateStore<WebinarScheduleState> {
  constructor(private readonly api: Api) {
    super(IDLE);
  }

  async open(standId: string): Promise<void> {
    this.set({ ...IDLE, standId, status: "loading" });
    await this.#reload();
  }

  /** A new draft: a title per fair language to write, the reader's first language spoken. */
  startNew(languages: readonly Language[], date: string, speakerId: string | null): void {
    this.update({
      draft: {
        webinarId: null,
        copy: Object.fromEntries(languages.map((l) => [l, { title: "", description: "" }])),
        spokenLanguage: languages[0] ?? "en",
        date,
        time: "10:00",
        minutes: 45,
        capacity: 100,
        speakerIds: speakerId ? [speakerId] : [],
      },
      outcome: null,
    });
  }

  startEdit(webinarId: string, languages: readonly Language[], timeZone: string): void {
    const webinar = this.state.webinars.find((entry) => entry.id === webinarId);
    if (!webinar) return;
    const local = isoToZoned(webinar.startsAt, timeZone);
    this.update({
      draft: {
        webinarId,
        copy: Object.fromEntries(
          languages.map((l) => [
            l,
            {
              title: webinar.copy[l]?.title ?? "",
              description: webinar.copy[l]?.description ?? "",
            },
          ]),
        ),
        spokenLanguage: webinar.spokenLanguage,
        date: local.slice(0, 10),
        time: local.slice(11, 16),
        minutes: webinar.minutes,
        capacity: webinar.capacity,
        speakerIds: webinar.speakers.map((speaker) => speaker.userId),
      },
      outcome: null,
    });
  }

  discard(): void {
    this.update({ draft: null });
  }

  async save(draft: WebinarDraft, timeZone: string): Promise<boolean> {
    const standId = this.state.standId;
    if (!standId || this.state.saving) return false;
    const body = bodyOf(draft, timeZone);
    if (!body) {
      this.update({ outcome: { kind: "failed", code: "validation_failed", field: null } });
      return false;
    }
    this.update({ saving: true, outcome: null });
    const result = draft.webinarId
      ? await this.api.update(draft.webinarId, body)
      : await this.api.schedule(standId, body);
    if (!result.ok) {
      this.update({
        saving: false,
        outcome: { kind: "failed", code: result.code, field: result.field ?? null },
      });
      return false;
    }
    this.update({ saving: false, draft: null, outcome: { kind: "saved" } });
    await this.#reload();
    return true;
  }

  askCancel(webinarId: string): void {
    this.update({ confirming: webinarId, outcome: null });
  }

  keep(): void {
    this.update({ confirming: null });
  }

  async cancel(webinarId: string): Promise<boolean> {
    if (this.state.confirming !== webinarId || this.state.saving) return false;
    this.update({ saving: true });
    const result = await this.api.cancel(webinarId);
    this.update({
      saving: false,
      confirming: null,
      outcome: result.ok
        ? { kind: "cancelled" }
        : { kind: "failed", code: result.code, field: null },
    });
    await this.#reload();
    return result.ok;
  }

  async #reload(): Promise<void> {
    const standId = this.state.standId;
    if (!standId) return;
    const result = await this.api.ofStand(standId);
    if (this.state.standId !== standId) return;
    this.update(
      result.ok
        ? { status: "ready", error: null, webinars: result.data.webinars }
        : { status: this.state.status === "ready" ? "ready" : "error", error: result.code },
    );
  }
}
