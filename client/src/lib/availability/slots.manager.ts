/**
 * A stand's interview slots for its staff (the console's "Slots" panel): the
 * slots with who booked them, publishing a time range cut into slots (length,
 * break, for whom: oneself, a colleague or the whole stand, the last two for
 * the stand's admins) and withdrawing a slot. The draft is checked with the
 * shared schema before it is sent; problems are keyed by body field.
 */
import {
  publishSlotsBodySchema,
  type ErrorCode,
  type OpeningHours,
  type SlotLength,
  type StaffSlot,
  type StandStaffMember,
} from "@crossfair/shared";
import { LatestRequest, StateStore } from "../store/state-store.js";
import type { AvailabilityApi } from "./availability.api.js";

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
  error: ErrorCode | null;
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

export class SlotsManager extends StateStore<SlotsState> {
  readonly #requests = new LatestRequest();

  constructor(
    private readonly api: Api,
    private readonly staffSource: StaffSource | null = null,
  ) {
    super(IDLE);
  }

  /** Loads the slots; with `admin`, also the colleagues to publish for. */
  async open(standId: string, admin: boolean): Promise<void> {
    this.set({ ...IDLE, standId, status: "loading" });
    await this.#load();
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
    this.update({ busy: null, outcome: { kind: "published", count: result.data.slots.length } });
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

  /** Reads the slots again (a candidate may have booked meanwhile). */
  refresh(): Promise<void> {
    return this.#load();
  }

  close(): void {
    this.#requests.cancel();
    this.set(IDLE);
  }

  async #load(): Promise<void> {
    const standId = this.state.standId;
    if (!standId) return;
    const token = this.#requests.start();
    const result = await this.api.standSlots(standId);
    if (!token.isLatest()) return;
    if (!result.ok) {
      this.update({ status: "error", error: result.code });
      return;
    }
    this.update({
      status: "ready",
      error: null,
      timeZone: result.data.timeZone,
      slots: result.data.slots,
    });
  }
}
