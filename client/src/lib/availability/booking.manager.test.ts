import { describe, expect, it } from "vitest";
import type { BookableSlots, MyBooking } from "@crossfair/shared";
import type { HttpResult } from "../http/http.client.js";
import { BookingManager, bookingView } from "./booking.manager.js";

const STAND = "11111111-1111-4111-8111-111111111111";
const SLOT_A = "22222222-2222-4222-8222-222222222222";
const SLOT_B = "33333333-3333-4333-8333-333333333333";

function booking(slotId: string, overrides: Partial<MyBooking> = {}): MyBooking {
  return {
    id: `4444444${slotId.slice(7)}`,
    status: "booked",
    slotId,
    standId: STAND,
    standName: "Hainaut Logistique",
    fairId: "55555555-5555-4555-8555-555555555555",
    timeZone: "Europe/Brussels",
    startsAt: "2026-12-08T09:00:00.000Z",
    endsAt: "2026-12-08T09:15:00.000Z",
    bookedAt: "2026-12-07T09:00:00.000Z",
    cancellableUntil: "2026-12-08T08:00:00.000Z",
    cancelledAt: null,
    ...overrides,
  };
}

/** A stand with two free slots and a limit of one, over the real manager's seam. */
function fakeApi() {
  const free = new Set([SLOT_A, SLOT_B]);
  const mine: MyBooking[] = [];
  const ok = <T>(data: T): HttpResult<T> => ({ ok: true, data });
  return {
    mine,
    api: {
      async bookableSlots(): Promise<HttpResult<BookableSlots>> {
        return ok({
          timeZone: "Europe/Brussels",
          bookingsPerCandidate: 1,
          bookingCutoffMinutes: 60,
          slots: [...free].map((id) => ({
            id,
            startsAt: "2026-12-08T09:00:00.000Z",
            endsAt: "2026-12-08T09:15:00.000Z",
          })),
        });
      },
      async myBookings() {
        return ok({ bookings: [...mine] });
      },
      async book(slotId: string): Promise<HttpResult<MyBooking>> {
        if (mine.some((entry) => entry.status === "booked")) {
          return { ok: false, code: "booking_limit", message: "limit" };
        }
        free.delete(slotId);
        mine.push(booking(slotId));
        return ok(mine.at(-1)!);
      },
      async cancel(bookingId: string): Promise<HttpResult<undefined>> {
        const entry = mine.find((candidate) => candidate.id === bookingId)!;
        entry.status = "cancelled";
        free.add(entry.slotId);
        return ok(undefined);
      },
    },
  };
}

describe("a candidate's bookings at a stand", () => {
  it("books, shows the stand full at its limit, and cancels", async () => {
    const { api } = fakeApi();
    let offered = 0;
    const manager = new BookingManager(api, () => (offered += 1));
    await manager.open(STAND, true);
    expect(manager.state.free.map((slot) => slot.id)).toEqual([SLOT_A, SLOT_B]);

    expect(await manager.book(SLOT_A)).toBe(true);
    // The page offers notifications after a booking, not after a refusal.
    expect(offered).toBe(1);
    expect(manager.state.outcome).toMatchObject({ kind: "booked" });
    expect(manager.state.free.map((slot) => slot.id)).toEqual([SLOT_B]);
    const view = bookingView(manager.state, Date.parse("2026-12-08T07:00:00Z"));
    expect(view.full).toBe(true);
    expect(view.bookings[0]!.cancellable).toBe(true);

    expect(await manager.book(SLOT_B)).toBe(false);
    expect(manager.state.outcome).toEqual({ kind: "failed", code: "booking_limit" });
    expect(offered).toBe(1);

    expect(await manager.cancel(manager.state.mine[0]!.id)).toBe(true);
    expect(manager.state.outcome).toEqual({ kind: "cancelled" });
    expect(manager.state.mine).toEqual([]);
    expect(bookingView(manager.state, Date.now()).full).toBe(false);
  });

  it("tells a booking past its cut-off, and one being called, from a cancellable one", () => {
    const state = {
      ...new BookingManager(fakeApi().api).state,
      bookingsPerCandidate: 3,
      mine: [booking(SLOT_A), booking(SLOT_B, { status: "called" })],
    };
    const view = bookingView(state, Date.parse("2026-12-08T08:30:00Z"));
    expect(view.bookings.map((entry) => entry.cancellable)).toEqual([false, false]);
    expect(view.full).toBe(false);
  });

  it("shows a visitor the free slots without asking for bookings", async () => {
    const { api } = fakeApi();
    let asked = false;
    const manager = new BookingManager({
      ...api,
      myBookings: async () => {
        asked = true;
        return api.myBookings();
      },
    });
    await manager.open(STAND, false);
    expect(manager.state.status).toBe("ready");
    expect(manager.state.free).toHaveLength(2);
    expect(asked).toBe(false);
  });
});
