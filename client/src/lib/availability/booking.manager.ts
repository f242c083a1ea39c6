/**
 * A candidate's interview bookings at one stand, on its page: the stand's
 * free slots, the candidate's live bookings there, booking one and
 * cancelling one. After each change both lists are read again, so a slot
 * someone else took meanwhile leaves the list. What the page shows per state
 * (booked, cut-off passed, the stand's limit reached) is `bookingView`.
 */
import type { BookableSlots, ErrorCode, MyBooking } from "@crossfair/shared";
import { LatestRequest, StateStore } from "../store/state-store.js";
import type { AvailabilityApi } from "./availability.api.js";

export type FreeSlot = BookableSlots["slots"][number];

/** What the live region says about the last action. */
export type BookingOutcome =
  | { kind: "booked"; booking: MyBooking }
  | { kind: "cancelled" }
  | { kind: "failed"; code: ErrorCode };

export interface BookingState {
  standId: string | null;
  status: "idle" | "loading" | "ready" | "error";
  error: ErrorCode | null;
  timeZone: string;
  bookingsPerCandidate: number;
  free: FreeSlot[];
  /** The candidate's live bookings at this stand (booked or being called). */
  mine: MyBooking[];
  /** The slot being booked or the booking being cancelled. */
  busy: string | null;
  outcome: BookingOutcome | null;
}

const IDLE: BookingState = {
  standId: null,
  status: "idle",
  error: null,
  timeZone: "UTC",
  bookingsPerCandidate: 1,
  free: [],
  mine: [],
  busy: null,
  outcome: null,
};

const LIVE = new Set(["booked", "called"]);

export interface BookingView {
  /** The candidate holds as many bookings here as the stand allows. */
  full: boolean;
  bookings: (MyBooking & { cancellable: boolean })[];
}

/** The page's states: whether more can be booked, and which bookings may still be cancelled. */
export function bookingView(state: BookingState, nowMs: number): BookingView {
  return {
    full: state.mine.length >= state.bookingsPerCandidate,
    bookings: state.mine.map((booking) => ({
      ...booking,
      cancellable: booking.status === "booked" && nowMs <= Date.parse(booking.cancellableUntil),
    })),
  };
}

type Api = Pick<AvailabilityApi, "bookableSlots" | "myBookings" | "book" | "cancel">;

export class BookingManager extends StateStore<BookingState> {
  readonly #requests = new LatestRequest();
  #candidate = false;

  constructor(
    private readonly api: Api,
    /** Told after each booking made (the page offers notifications for the slot's call). */
    private readonly onBooked: () => void = () => undefined,
  ) {
    super(IDLE);
  }

  /** Loads the stand's free slots, and the candidate's bookings when signed in as one. */
  async open(standId: string, candidate: boolean): Promise<void> {
    this.#candidate = candidate;
    this.set({ ...IDLE, standId, status: "loading" });
    await this.#load();
  }

  async book(slotId: string): Promise<boolean> {
    if (this.state.busy) return false;
    this.update({ busy: slotId, outcome: null });
    const result = await this.api.book(slotId);
    this.update({
      busy: null,
      outcome: result.ok
        ? { kind: "booked", booking: result.data }
        : { kind: "failed", code: result.code },
    });
    await this.#load();
    if (result.ok) this.onBooked();
    return result.ok;
  }

  async cancel(bookingId: string): Promise<boolean> {
    if (this.state.busy) return false;
    this.update({ busy: bookingId, outcome: null });
    const result = await this.api.cancel(bookingId);
    this.update({
      busy: null,
      outcome: result.ok ? { kind: "cancelled" } : { kind: "failed", code: result.code },
    });
    await this.#load();
    return result.ok;
  }

  close(): void {
    this.#requests.cancel();
    this.set(IDLE);
  }

  async #load(): Promise<void> {
    const standId = this.state.standId;
    if (!standId) return;
    const token = this.#requests.start();
    const [free, mine] = await Promise.all([
      this.api.bookableSlots(standId),
      this.#candidate ? this.api.myBookings() : Promise.resolve(null),
    ]);
    if (!token.isLatest()) return;
    if (!free.ok) {
      this.update({ status: "error", error: free.code });
      return;
    }
    this.update({
      status: "ready",
      error: mine && !mine.ok ? mine.code : null,
      timeZone: free.data.timeZone,
      bookingsPerCandidate: free.data.bookingsPerCandidate,
      free: free.data.slots,
      mine:
        mine && mine.ok
          ? mine.data.bookings.filter(
              (booking) => booking.standId === standId && LIVE.has(booking.status),
            )
          : [],
    });
  }
}
