/**
 * The queue store contract for booked slots' calls: at slot time the booked
 * candidate is called as a walk-in is, with or without a place in the line;
 * a place made for the booking goes when the call is not answered, a walk-in
 * place that took the call goes back to its ticket; the same booking called
 * twice changes nothing. Run by `queueStoreContract` for every store.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type {
  CallBookedInput,
  OutboxEntry,
  QueueStore,
  StandRef,
} from "@crossfair/server/queue/queue.store";

const id = () => randomUUID();
const NOW = 1_800_000_000_000;
const GRACE = 300_000;
const INTERVIEW = "00000000-0000-4000-8000-000000000002";
const SLOT_END = NOW + 900_000;
/** What a walk-in's accept plans; a booked call's interview ends with its slot instead. */
const WALK_IN_END = NOW + 60_000 + 600_000;

function bookedFair(store: QueueStore) {
  const fairId = id();
  const ref = (standId: string): StandRef => ({ fairId, standId });
  return {
    fairId,
    callBooked: (standId: string, candidateId: string, extra: Partial<CallBookedInput> = {}) =>
      store.callBooked({
        ...{ fairId, standId, candidateId, recruiterId: "r1", languages: ["nl"] },
        ...{ bookingId: "b1", deadline: NOW + GRACE, plannedEndsAt: SLOT_END, now: NOW },
        ...extra,
      }),
    join: (standId: string, candidateId: string, cap = 3) =>
      store.join({ fairId, standId, candidateId, languages: ["fr"], cap, now: NOW, answers: [] }),
    callNext: (standId: string, recruiterId: string) =>
      store.callNext({
        ...{ fairId, standId, recruiterId, languages: [], now: NOW },
        ...{ deadline: NOW + 30_000, onlineSince: NOW - 15_000 },
      }),
    answer: (standId: string, candidateId: string, accept: boolean, now = NOW) =>
      store.answerCall({
        ...{ fairId, standId, candidateId, accept, now, interviewId: INTERVIEW },
        plannedEndsAt: WALK_IN_END,
      }),
    snapshot: (standId: string) => store.standSnapshot(ref(standId)),
    mine: (candidateId: string) => store.candidateSnapshot(fairId, candidateId),
    drain: async (): Promise<OutboxEntry[]> => {
      const entries = await store.outbox.read(fairId, "booked", 1_000, 3_600_000);
      await store.outbox.ack(
        fairId,
        entries.map((entry) => entry.id),
      );
      return entries;
    },
  };
}

export function bookedCallContract(create: () => Promise<QueueStore>): void {
  describe("booked calls", () => {
    it("calls a booked candidate with no place, outside the line and the cap, stand closed or not", async () => {
      const store = await create();
      const q = bookedFair(store);
      const [stand, walkIn, booked] = [id(), id(), id()];
      await q.join(stand, walkIn);
      const outcome = await q.callBooked(stand, booked, { languages: ["nl", "de"] });
      expect(outcome).toEqual({
        status: "called",
        entry: expect.objectContaining({
          state: "called",
          recruiterId: "r1",
          bookingId: "b1",
          bookedOnly: true,
          callDeadline: NOW + GRACE,
          languages: ["nl", "de"],
        }),
      });
      const snapshot = await q.snapshot(stand);
      expect(snapshot).toMatchObject({ queueLength: 2, waiting: 1, called: 1 });
      // The console's head shows it before the line.
      const head = await store.standHead({ fairId: q.fairId, standId: stand }, 1);
      expect(head.entries.map((entry) => entry.candidateId)).toEqual([booked]);
      expect(await q.mine(booked)).toMatchObject({
        entries: [{ standId: stand, state: "called", bookingId: "b1" }],
        busy: { standId: stand, state: "called" },
      });
      const records = (await q.drain()).flatMap((entry) => entry.records);
      expect(records).toContainEqual({
        kind: "event",
        type: "call",
        standId: stand,
        candidateId: booked,
        recruiterId: "r1",
        data: { bookingId: "b1" },
      });

      const [closed, other] = [id(), id()];
      await store.setStandOpen({ fairId: q.fairId, standId: closed }, false, "r9", NOW);
      const onClosed = await q.callBooked(closed, other, { bookingId: "b2", recruiterId: "r2" });
      expect(onClosed).toMatchObject({ status: "called", entry: { bookingId: "b2" } });
    });

    it("answers `already` for the same booking and changes nothing", async () => {
      const store = await create();
      const q = bookedFair(store);
      const [stand, booked] = [id(), id()];
      const first = await q.callBooked(stand, booked);
      await q.drain();
      const again = await q.callBooked(stand, booked, { now: NOW + 5_000 });
      expect(again).toEqual({ status: "already", entry: first.status === "called" && first.entry });
      expect(await q.drain()).toEqual([]);
    });

    it("waits while the recruiter or the candidate is busy", async () => {
      const store = await create();
      const q = bookedFair(store);
      const [stand, other, walkIn, booked] = [id(), id(), id(), id()];
      await q.join(stand, walkIn);
      expect(await q.callNext(stand, "r1")).toMatchObject({ status: "called" });
      expect(await q.callBooked(stand, booked)).toEqual({ status: "recruiter_busy" });
      await q.join(other, booked);
      expect(await q.callNext(other, "r2")).toMatchObject({ candidateId: booked });
      expect(await q.callBooked(stand, booked, { recruiterId: "r3" })).toEqual({
        status: "candidate_busy",
      });
    });

    it("accepting starts the interview with the booking; the recruiter is busy", async () => {
      const store = await create();
      const q = bookedFair(store);
      const [stand, booked, walkIn] = [id(), id(), id()];
      await q.callBooked(stand, booked);
      const accepted = await q.answer(stand, booked, true, NOW + 60_000);
      expect(accepted).toMatchObject({
        status: "accepted",
        recruiterId: "r1",
        bookingId: "b1",
        entry: { state: "interviewing", interviewId: INTERVIEW },
      });
      await q.join(stand, walkIn);
      expect(await q.callNext(stand, "r1")).toEqual({ status: "recruiter_busy" });
      const records = (await q.drain()).flatMap((entry) => entry.records);
      expect(records).toContainEqual(
        expect.objectContaining({ kind: "interview_start", plannedEndsAt: SLOT_END }),
      );
    });

    it("an unanswered booked call ends the place made for it, with the booking", async () => {
      const store = await create();
      const q = bookedFair(store);
      const [stand, booked] = [id(), id()];
      await q.callBooked(stand, booked);
      await q.drain();
      expect(await store.expireCalls(q.fairId, NOW + GRACE - 1)).toEqual([]);
      expect(await store.expireCalls(q.fairId, NOW + GRACE)).toEqual([
        {
          standId: stand,
          candidateId: booked,
          recruiterId: "r1",
          outcome: "removed",
          bookingId: "b1",
        },
      ]);
      expect(await q.mine(booked)).toEqual({ entries: [], busy: null });
      const records = (await q.drain()).flatMap((entry) => entry.records);
      expect(records.map((record) => record.kind === "event" && record.type)).toEqual([
        "no_show",
        "removed",
      ]);
      expect(records[0]).toMatchObject({ data: { bookingId: "b1" } });
    });

    it("declining a booked call ends its place; a walk-in place that took it goes back to its ticket", async () => {
      const store = await create();
      const q = bookedFair(store);
      const [stand, bookedOnly, queued, behind] = [id(), id(), id(), id()];
      await q.callBooked(stand, bookedOnly);
      expect(await q.answer(stand, bookedOnly, false)).toEqual({
        status: "removed",
        recruiterId: "r1",
        bookingId: "b1",
      });
      const joined = await q.join(stand, queued);
      await q.join(stand, behind);
      const called = await q.callBooked(stand, queued, { bookingId: "b2", recruiterId: "r2" });
      expect(called).toMatchObject({ status: "called", entry: { bookingId: "b2" } });
      expect(called.status === "called" && called.entry.bookedOnly).toBeFalsy();
      expect(await q.answer(stand, queued, false)).toMatchObject({
        status: "returned",
        bookingId: "b2",
        entry: { state: "waiting", ticket: joined.status === "joined" && joined.entry.ticket },
      });
      const entry = (await q.snapshot(stand)).entries.find((e) => e.candidateId === queued);
      expect(entry?.bookingId).toBeUndefined();
      expect(entry?.noShows).toBe(1);
    });

    it("a booked candidate away from the fair keeps the call until its deadline", async () => {
      const store = await create();
      const q = bookedFair(store);
      const [stand, booked] = [id(), id()];
      await q.callBooked(stand, booked);
      expect(await store.absentCandidates(q.fairId, NOW + 60_000)).toEqual([]);
    });
  });
}
