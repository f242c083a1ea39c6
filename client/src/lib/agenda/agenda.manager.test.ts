import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeLink, settle } from "../connection/connection.link.fake.js";
import { ManualTimers } from "../admin/poller.fakes.js";
import { answeredCandidate, entry } from "../queue/queue.fixtures.js";
import { QueueManager } from "../queue/queue.manager.js";
import { FOOD, LOGISTICS, MORNING, agendaServer, booking, interview } from "./agenda.fixtures.js";
import { AgendaManager } from "./agenda.manager.js";

/** Lets the fake server's answers (fetch, then the body) reach the manager. */
async function flush() {
  for (let turn = 0; turn < 5; turn += 1) await settle();
}

describe("AgendaManager", () => {
  let link: FakeLink;
  let queue: QueueManager;
  let timers: ManualTimers;
  let clock: number;
  let fixture: ReturnType<typeof agendaServer>;
  let agenda: AgendaManager;

  beforeEach(() => {
    link = new FakeLink();
    clock = MORNING;
    queue = new QueueManager(link, { now: () => clock });
    timers = new ManualTimers();
    fixture = agendaServer();
    agenda = new AgendaManager(fixture.api, queue, { now: () => clock, timers, pollMs: 30_000 });
  });

  afterEach(() => {
    agenda.close();
    queue.destroy();
  });

  it("loads bookings and interviews, ordered for the page", async () => {
    const later = booking(90);
    const soon = booking(30);
    fixture.server.bookings.push(later, soon);
    fixture.server.interviews.push(interview(60));
    agenda.open();
    expect(agenda.state.status).toBe("loading");
    await flush();
    expect(agenda.state.status).toBe("ready");
    expect(agenda.view.days[0]!.slots.map((slot) => slot.booking.id)).toEqual([soon.id, later.id]);
    expect(agenda.view.past).toHaveLength(1);
  });

  it("is ready and empty for a candidate with nothing yet", async () => {
    agenda.open();
    await answeredCandidate(link, queue, []);
    await flush();
    expect(agenda.state).toMatchObject({ status: "ready", queuesLoaded: true });
    expect(agenda.view.empty).toBe(true);
  });

  it("follows the queue manager's places live", async () => {
    agenda.open();
    await flush();
    await answeredCandidate(link, queue, [entry(LOGISTICS, 4)]);
    expect(agenda.view.queues.map((place) => [place.standId, place.state])).toEqual([
      [LOGISTICS, "waiting"],
    ]);
    link.fire("queue:mine", { queues: [entry(LOGISTICS, 4, { state: "snoozed" })] });
    expect(agenda.view.queues[0]!.state).toBe("snoozed");
    link.fire("queue:mine", { queues: [] });
    expect(agenda.view.queues).toEqual([]);
  });

  it("reads the bookings again when a call rings, and shows the slot being called", async () => {
    const slot = booking(0);
    fixture.server.bookings.push(slot);
    agenda.open();
    await flush();
    await answeredCandidate(link, queue, []);
    expect(agenda.view.days[0]!.slots[0]!.phase).toBe("due");
    const reads = fixture.server.reads;

    slot.status = "called";
    link.fire("queue:called", {
      standId: FOOD,
      deadline: clock + 5 * 60_000,
      serverTime: clock,
      recruiterName: "Lotte Peeters",
      booked: true,
    });
    // The ringing call alone already says so; the read confirms it.
    expect(agenda.view.days[0]!.slots[0]!.phase).toBe("calling");
    await flush();
    expect(fixture.server.reads).toBe(reads + 1);
    expect(agenda.state.bookings[0]!.status).toBe("called");
  });

  it("polls gently while open, and stops when closed", async () => {
    agenda.open();
    await flush();
    expect(timers.delays).toEqual([30_000]);
    const extra = booking(45);
    fixture.server.bookings.push(extra);
    await timers.fire();
    await flush();
    expect(agenda.state.bookings.map((entry) => entry.id)).toEqual([extra.id]);
    agenda.close();
    expect(agenda.state.status).toBe("idle");
    expect(timers.callbacks).toEqual([]);
  });

  it("keeps what it showed when a refresh fails, and says so", async () => {
    fixture.server.bookings.push(booking(30));
    agenda.open();
    await flush();
    fixture.server.fail = true;
    await agenda.refresh();
    expect(agenda.state).toMatchObject({ status: "ready", error: "unavailable" });
    expect(agenda.state.bookings).toHaveLength(1);
    fixture.server.fail = false;
    await agenda.refresh();
    expect(agenda.state.error).toBeNull();
  });

  it("shows an error when the first read fails", async () => {
    fixture.server.fail = true;
    agenda.open();
    await flush();
    expect(agenda.state).toMatchObject({ status: "error", error: "unavailable" });
  });

  it("cancels a booking only after it was asked for, then reads the list again", async () => {
    const slot = booking(120);
    fixture.server.bookings.push(slot);
    agenda.open();
    await flush();
    expect(await agenda.cancel(slot.id)).toBe(false);
    agenda.askCancel(slot.id);
    expect(agenda.state.confirming).toBe(slot.id);
    agenda.keep();
    expect(agenda.state.confirming).toBeNull();
    agenda.askCancel(slot.id);
    expect(await agenda.cancel(slot.id)).toBe(true);
    expect(agenda.state.outcome).toEqual({ kind: "cancelled", bookingId: slot.id });
    expect(agenda.view.days).toEqual([]);
  });

  it("shows a refused cancellation's reason and where the booking is now", async () => {
    const slot = booking(120);
    fixture.server.bookings.push(slot);
    fixture.server.cancelRefusal = "cancel_cutoff_passed";
    agenda.open();
    await flush();
    agenda.askCancel(slot.id);
    expect(await agenda.cancel(slot.id)).toBe(false);
    expect(agenda.state.outcome).toEqual({ kind: "failed", code: "cancel_cutoff_passed" });
    expect(agenda.state.busy).toBeNull();
    expect(agenda.view.days[0]!.slots[0]!.booking.id).toBe(slot.id);
  });

  it("never lets an older read's late answer replace a newer one", async () => {
    agenda.open();
    await flush();
    let release = () => {};
    fixture.server.gate = new Promise((resolve) => (release = resolve));
    const older = agenda.refresh(); // reads the list while it is still empty, answers last
    await flush();
    fixture.server.gate = null;
    fixture.server.bookings.push(booking(30));
    await agenda.refresh();
    expect(agenda.state.bookings).toHaveLength(1);
    release();
    await older;
    expect(agenda.state.bookings).toHaveLength(1);
  });
});
