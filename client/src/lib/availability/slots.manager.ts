/**
 * A stand's interview slots for its staff (the console's "Slots" panel): the
 * slots with who booked them (present, late: the server's word), publishing a
 * time range cut into slots (length, break, for whom: oneself, a colleague or
 * the whole stand, the last two for the stand's admins) and withdrawing a
 * slot. The draft is checked with the shared schema before it is sent;
 * problems are keyed by body field.
 *
 * While open it stays live: it reads the slots again every `refreshMs`, and
 * soon after the console's queue changes (a booked call starting, a candidate
 * answering), at most once per `SLOTS_QUEUE_GAP_MS`. A refresh keeps the
 * slots on screen until the answer replaces them; a failed one keeps the last
 * good slots and says so. It stops when closed.
 */
import {
  publishSlotsBodySchema,
  type ErrorCode,
  type OpeningHours,
  type SlotLength,
  type StaffSlot,
  type StandStaffMember,
} from "@crossfair/shared";
import type { Readable } from "svelte/store";
import type { PollerTimers } from "../admin/poller.js";
import { LatestRequest, StateStore } from "../store/state-store.js";
import type { AvailabilityApi } from "./availability.api.js";

/** How often an open panel reads the slots again. */
export const SLOTS_REFRESH_MS = 15_000;
/** A queue change refreshes at once, but not more often than this. */
export const SLOTS_QUEUE_GAP_MS = 2_000;

/** Who a new slot is for: a recruiter's id, or the whole stand. */
export type SlotHolder = string | "stand";

export interface SlotDraft {
  date: string;
  from: string;
  to: string;
  lengthMinutes: SlotLength;
  breakMinutes: number;
  holder: SlotHolder;
}

export type SlotsOutcome =
  | { kind: "published"; count: number }
  | { kind: "withdrawn" }
  | { kind: "failed"; code: ErrorCode };

export interface SlotsState {
  standId: string | null;
  status: "idle" | "loading" | "ready" | "error";
  /** With status "ready": the last refresh failed, and the slots shown are the last good ones. */
  error: ErrorCode | null;
  /** When the slots shown arrived, on this browser's clock (epoch ms). */
  receivedAt: number | null;
  /** The day staff chose, "YYYY-MM-DD" on the fair's clocks; null: today. */
  day: string | null;
  timeZone: string;
  slots: StaffSlot[];
  /** The colleagues a stand admin may publish for; empty for a recruiter. */
  staff: Pick<StandStaffMember, "userId" | "displayName">[];
  busy: "publish" | string | null;
  outcome: SlotsOutcome | null;
  /** Problems by body field ("from", "to", "date"…), from the check or the server. */
  fields: Record<string, ErrorCode | "invalid">;
}

const IDLE: SlotsState = {
  standId: null,
  status: "idle",
  error: null,
  receivedAt: null,
  day: null,
  timeZone: "UTC",
  slots: [],
  staff: [],
  busy: null,
  outcome: null,
  fields: {},
};

/** A first draft: the first fair day still to come, its opening hours, 15-minute slots. */
export function newSlotDraft(
  hours: readonly OpeningHours[],
  holder: SlotHolder,
  today: string,
): SlotDraft {
  const day = [...hours].sort((a, b) => a.date.localeCompare(b.date)).find((d) => d.date >= today);
  return {
    date: day?.date ?? today,
    from: day?.opens ?? "09:00",
    to: day?.closes ?? "12:00",
    lengthMinutes: 15,
    breakMinutes: 0,
    holder,
  };
}

type Api = Pick<AvailabilityApi, "standSlots" | "publish" | "withdraw">;
type StaffSource = {
  loadStaff(standId: string): Promise<{ ok: boolean; data?: StandStaffMember[] }>;
};

export interface SlotsOptions {
  /** The console's live queue: a new value (a push) refreshes the slots soon. */
  queue?: Readable<unknown>;
  refreshMs?: number;
  timers?: PollerTimers;
}

const realTimers: PollerTimers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

export class SlotsManager extends StateStore<SlotsState> {
  readonly #requests = new LatestRequest();
  readonly #timers: PollerTimers;
  readonly #refreshMs: number;
  readonly #queue: Readable<unknown> | undefined;
  #timer: unknown = undefined;
  #unfollow: (() => void) | undefined;
  #lastLoad = -Infinity;

  constructor(
    private readonly api: Api,
    private readonly staffSource: StaffSource | null = null,
    options: SlotsOptions = {},
  ) {
    super(IDLE);
    this.#timers = options.timers ?? realTimers;
    this.#refreshMs = options.refreshMs ?? SLOTS_REFRESH_MS;
    this.#queue = options.queue;
  }

  /** Loads the slots and keeps them live; with `admin`, also the colleagues to publish for. */
  async open(standId: string, admin: boolean): Promise<void> {
    this.#stopLive();
    this.set({ ...IDLE, standId, status: "loading" });
    this.#follow();
    await this.#tick();
    if (admin && this.staffSource) {
      const staff = await this.staffSource.loadStaff(standId);
      if (staff.ok && staff.data && this.state.standId === standId) {
        this.update({
          staff: staff.data.map(({ userId, displayName }) => ({ userId, displayName })),
        });
      }
    }
  }

  async publish(draft: SlotDraft): Promise<boolean> {
    const standId = this.state.standId;
    if (!standId || this.state.busy) return false;
    const parsed = publishSlotsBodySchema.safeParse({
      date: draft.date,
      from: draft.from,
      to: draft.to,
      lengthMinutes: draft.lengthMinutes,
      breakMinutes: draft.breakMinutes,
      recruiterId: draft.holder === "stand" ? null : draft.holder,
    });
    if (!parsed.success) {
      const fields: SlotsState["fields"] = {};
      for (const issue of parsed.error.issues)
        fields[String(issue.path[0] ?? "date")] ??= "invalid";
      this.update({ fields, outcome: { kind: "failed", code: "validation_failed" } });
      return false;
    }
    this.update({ busy: "publish", outcome: null, fields: {} });
    const result = await this.api.publish(standId, parsed.data);
    if (!result.ok) {
      this.update({
        busy: null,
        outcome: { kind: "failed", code: result.code },
        fields: { [result.field ?? "from"]: result.code },
      });
      return false;
    }
    // The panel turns to the day just published.
    this.update({
      busy: null,
      outcome: { kind: "published", count: result.data.slots.length },
      day: parsed.data.date,
    });
    await this.#load();
    return true;
  }

  async withdraw(slotId: string): Promise<boolean> {
    const standId = this.state.standId;
    if (!standId || this.state.busy) return false;
    this.update({ busy: slotId, outcome: null });
    const result = await this.api.withdraw(standId, slotId);
    this.update({
      busy: null,
      outcome: result.ok ? { kind: "withdrawn" } : { kind: "failed", code: result.code },
    });
    await this.#load();
    return result.ok;
  }

  /** Shows another fair day ("YYYY-MM-DD"), or today again with null. */
  showDay(day: string | null): void {
    this.update({ day });
  }

  /** Reads the slots again now (a candidate may have booked meanwhile). */
  refresh(): Promise<void> {
    return this.#tick();
  }

  /** The console's queue changed: read the slots soon, at most once per gap. */
  queueChanged(): void {
    if (!this.state.standId) return;
    const wait = this.#lastLoad + SLOTS_QUEUE_GAP_MS - this.#timers.now();
    if (wait <= 0) void this.#tick();
    else this.#schedule(Math.min(wait, this.#refreshMs));
  }

  close(): void {
    this.#stopLive();
    this.#requests.cancel();
    this.set(IDLE);
  }

  /** Each value after the first the queue store holds is a change. */
  #follow(): void {
    let first = true;
    let last: unknown;
    this.#unfollow = this.#queue?.subscribe((value) => {
      const changed = !first && value !== last;
      first = false;
      last = value;
      if (changed) this.queueChanged();
    });
  }

  #stopLive(): void {
    this.#unfollow?.();
    this.#unfollow = undefined;
    this.#clearTimer();
  }

  /** Loads now, then again one interval later while open. */
  async #tick(): Promise<void> {
    this.#clearTimer();
    await this.#load();
    if (this.state.standId) this.#schedule(this.#refreshMs);
  }

  #schedule(ms: number): void {
    this.#clearTimer();
    this.#timer = this.#timers.setTimeout(() => {
      this.#timer = undefined;
      void this.#tick();
    }, ms);
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) this.#timers.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  async #load(): Promise<void> {
    const standId = this.state.standId;
    if (!standId) return;
    this.#lastLoad = this.#timers.now();
    const token = this.#requests.start();
    const result = await this.api.standSlots(standId);
    if (!token.isLatest()) return;
    if (!result.ok) {
      // A refresh that fails keeps the last good slots on screen.
      this.update(
        this.state.status === "ready"
          ? { error: result.code }
          : { status: "error", error: result.code },
      );
      return;
    }
    this.update({
      status: "ready",
      error: null,
      receivedAt: this.#timers.now(),
      timeZone: result.data.timeZone,
      slots: result.data.slots,
    });
  }
}
