/**
 * A stand's booking settings as its admin edits them: the interview length
 * (a walk-in's and a slot's), how many live bookings a candidate may hold
 * here, and how long before a slot a candidate may still cancel.
 */
import { bookingSettingsSchema, type BookingSettings, type ErrorCode } from "@crossfair/shared";
import { StateStore } from "../store/state-store.js";
import type { AvailabilityApi } from "./availability.api.js";

export interface BookingSettingsState {
  standId: string | null;
  status: "idle" | "loading" | "ready" | "error";
  error: ErrorCode | null;
  settings: BookingSettings | null;
  saving: boolean;
  outcome: { kind: "saved" } | { kind: "failed"; code: ErrorCode } | null;
}

const IDLE: BookingSettingsState = {
  standId: null,
  status: "idle",
  error: null,
  settings: null,
  saving: false,
  outcome: null,
};

type Api = Pick<AvailabilityApi, "settings" | "saveSettings">;

export class BookingSettingsManager extends StateStore<BookingSettingsState> {
  constructor(private readonly api: Api) {
    super(IDLE);
  }

  async open(standId: string): Promise<void> {
    this.set({ ...IDLE, standId, status: "loading" });
    const result = await this.api.settings(standId);
    if (this.state.standId !== standId) return;
    this.update(
      result.ok
        ? { status: "ready", settings: result.data }
        : { status: "error", error: result.code },
    );
  }

  async save(settings: BookingSettings): Promise<boolean> {
    const standId = this.state.standId;
    if (!standId || this.state.saving) return false;
    const parsed = bookingSettingsSchema.safeParse(settings);
    if (!parsed.success) {
      this.update({ outcome: { kind: "failed", code: "validation_failed" } });
      return false;
    }
    this.update({ saving: true, outcome: null });
    const result = await this.api.saveSettings(standId, parsed.data);
    this.update(
      result.ok
        ? { saving: false, settings: result.data, outcome: { kind: "saved" } }
        : { saving: false, outcome: { kind: "failed", code: result.code } },
    );
    return result.ok;
  }
}
