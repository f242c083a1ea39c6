import { describe, expect, it } from "vitest";
import { entry } from "../queue/queue.fixtures.js";
import { toQueueView } from "../queue/queue.view.js";
import { FOOD, LOGISTICS, MORNING, booking, interview } from "./agenda.fixtures.js";
import { agendaView, clockTime, type AgendaInput } from "./agenda.view.js";

const minutes = (n: number) => n * 60_000;
const input = (extra: Partial<AgendaInput>): AgendaInput => ({
  bookings: [],
  interviews: [],
  queues: [],
  callingStandId: null,
  now: MORNING,
  ...extra,
});

describe("the agenda's view", () => {
  it("is empty with nothing ahead, no queue and nothing behind", () => {
    expect(agendaView(input({}))).toEqual({ days: [], queues: [], past: [], empty: true });
  });

  it("puts the bookings ahead in time order, by fair day, with today marked", () => {
    const tomorrow = booking(24 * 60 + 30, { standId: LOGISTICS });
    const later = booking(90);
    const soon = booking(30);
    const view = agendaView(input({ bookings: [tomorrow, later, soon] }));
    expect(view.days.map((day) => [day.date, day.today])).toEqual([
      ["2026-12-08", true],
      ["2026-12-09", false],
    ]);
    expect(view.days[0]!.slots.map((slot) => slot.booking.id)).toEqual([soon.id, later.id]);
    expect(view.days[1]!.slots.map((slot) => slot.booking.id)).toEqual([tomorrow.id]);
    expect(view.empty).toBe(false);
  });

  it("says what happens next: booked (cancellable until the cut-off), due, being called", () => {
    const farAhead = booking(120);
    const pastCutoff = booking(30);
    const started = booking(-2);
    const called = booking(-1, { status: "called", standId: LOGISTICS });
    const view = agendaView(input({ bookings: [farAhead, pastCutoff, started, called] }));
    const byId = new Map(view.days[0]!.slots.map((slot) => [slot.booking.id, slot]));
    expect(byId.get(farAhead.id)).toMatchObject({ phase: "booked", cancellable: true });
    expect(byId.get(pastCutoff.id)).toMatchObject({ phase: "booked", cancellable: false });
    expect(byId.get(started.id)).toMatchObject({ phase: "due", cancellable: false });
    expect(byId.get(called.id)).toMatchObject({ phase: "calling", cancellable: false });
  });

  it("shows a slot as being called as soon as the stand's call rings, and hides the call's own place", () => {
    const slot = booking(0);
    const walkIn = toQueueView(entry(LOGISTICS, 4), null, null);
    const bookedPlace = toQueueView(entry(FOOD, -7, { state: "called" }), null, null);
    const view = agendaView(
      input({ bookings: [slot], queues: [walkIn, bookedPlace], callingStandId: FOOD }),
    );
    expect(view.days[0]!.slots[0]!.phase).toBe("calling");
    expect(view.queues.map((queue) => queue.standId)).toEqual([LOGISTICS]);
    // A walk-in call at a stand whose slot is hours away leaves the slot booked.
    const early = agendaView(input({ bookings: [booking(180)], callingStandId: FOOD }));
    expect(early.days[0]!.slots[0]!.phase).toBe("booked");
  });

  it("puts ended interviews, missed slots and slots nobody called behind, newest first", () => {
    const yesterday = interview(24 * 60);
    const earlier = interview(60);
    const missed = booking(-30, { status: "no_show" });
    const notHeld = booking(-20);
    const cancelled = booking(-10, { status: "cancelled" });
    const attended = booking(-60, { status: "attended" });
    const view = agendaView(
      input({ bookings: [missed, notHeld, cancelled, attended], interviews: [yesterday, earlier] }),
    );
    expect(view.days).toEqual([]);
    expect(view.past.map((item) => [item.kind, item.id])).toEqual([
      ["notHeld", notHeld.id],
      ["missed", missed.id],
      ["interview", earlier.id],
      ["interview", yesterday.id],
    ]);
  });

  it("keeps a started slot ahead through its call's grace, then moves it behind", () => {
    const slot = booking(-4);
    expect(agendaView(input({ bookings: [slot] })).days).toHaveLength(1);
    const later = agendaView(input({ bookings: [slot], now: MORNING + minutes(2) }));
    expect(later.days).toEqual([]);
    expect(later.past.map((item) => item.kind)).toEqual(["notHeld"]);
  });

  it("reads times on the fair's clocks", () => {
    expect(clockTime(new Date(MORNING).toISOString(), "Europe/Brussels")).toBe("10:00");
    expect(clockTime(new Date(MORNING).toISOString(), "Europe/Paris")).toBe("10:00");
    expect(clockTime(new Date(MORNING).toISOString(), "UTC")).toBe("09:00");
  });
});
