/**
 * The queue store contract: every implementation must pass these, the
 * in-process one and the Redis one alike. Each test gets a fresh store and
 * its own fair. A store's deltas for a change are delivered to its
 * `onDeltas` listeners by the time the change's promise resolves.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { bookedCallContract } from "./queue-store.booked.contract.js";
import {
  CALL_SCAN_LIMIT,
  MAX_LANGUAGE_SKIPS,
  type CallNextInput,
  type FinishInput,
  type JoinInput,
  type LeaveInput,
  type OutboxEntry,
  type QueueEntry,
  type QueueStore,
  type StandDelta,
  type StandRef,
  type StandView,
} from "@crossfair/server/queue/queue.store";

export interface StoreFactory {
  /** A fresh, empty store, plus extra stores sharing its data (for concurrency). */
  create(peers?: number): Promise<{ store: QueueStore; peers: QueueStore[] }>;
}

const id = () => randomUUID();
const NOW = 1_800_000_000_000;
/** The accepted interview's planned length, recorded with its start. */
const PLANNED_MS = 15 * 60_000;
const INTERVIEW = "00000000-0000-4000-8000-000000000001";
/** Long enough that a read only gets entries never handed out before. */
const NO_CLAIM = 3_600_000;

/** Operations on one fair of one store, with the inputs tests do not care about filled in. */
function fairOf(store: QueueStore, fairId: string) {
  const ref = (standId: string): StandRef => ({ fairId, standId });
  return {
    fairId,
    ref,
    join: (standId: string, candidateId: string, extra: Partial<JoinInput> = {}) =>
      store.join({
        ...{ fairId, standId, candidateId, languages: ["fr"], cap: 3, now: NOW, answers: [] },
        ...extra,
      }),
    call: (standId: string, recruiterId = "r1", extra: Partial<CallNextInput> = {}) =>
      store.callNext({
        ...{ fairId, standId, recruiterId, languages: [], now: NOW },
        ...{ deadline: NOW + 30_000, onlineSince: NOW - 15_000 },
        ...extra,
      }),
    answer: (standId: string, candidateId: string, accept: boolean, now = NOW) =>
      store.answerCall({
        ...{ fairId, standId, candidateId, accept, now, interviewId: INTERVIEW },
        plannedEndsAt: now + PLANNED_MS,
      }),
    leave: (standId: string, candidateId: string, extra: Partial<LeaveInput> = {}) =>
      store.leave({ fairId, standId, candidateId, now: NOW, ...extra }),
    finish: (standId: string, candidateId: string, extra: Partial<FinishInput> = {}) =>
      store.finishInterview({
        ...{ fairId, standId, candidateId, interviewId: INTERVIEW, recruiterId: "r1" },
        ...{ startedAt: NOW, now: NOW + 420_000 },
        ...extra,
      }),
    snooze: (standId: string, candidateId: string, snoozed: boolean, now = NOW) =>
      store.setSnoozed(ref(standId), candidateId, snoozed, now),
    setOpen: (standId: string, open: boolean, by = "r1", now = NOW) =>
      store.setStandOpen(ref(standId), open, by, now),
    snapshot: (standId: string) => store.standSnapshot(ref(standId)),
    view: (standId: string, candidateId?: string) => store.standView(ref(standId), candidateId),
    mine: (candidateId: string) => store.candidateSnapshot(fairId, candidateId),
    expire: (now: number) => store.expireCalls(fairId, now),
    /** The fair's outbox entries not read yet, acknowledged. */
    drain: async (): Promise<OutboxEntry[]> => {
      const entries = await store.outbox.read(fairId, "contract", 1_000, NO_CLAIM);
      await store.outbox.ack(
        fairId,
        entries.map((entry) => entry.id),
      );
      return entries;
    },
  };
}

const ticketOf = (outcome: { status: string; entry?: QueueEntry }): number => {
  if (!outcome.entry) throw new Error(`no entry: ${outcome.status}`);
  return outcome.entry.ticket;
};

/** Stream-like ids `${ms}-${seq}`, compared as numbers. */
const idOrder = (id: string) => id.split("-").map(Number) as [number, number];
const idLess = (a: string, b: string) => {
  const [[am, as], [bm, bs]] = [idOrder(a), idOrder(b)];
  return am < bm || (am === bm && as < bs);
};

/**
 * A watcher's count of waiting entries ahead of its ticket, kept from a view
 * plus deltas: each version applied once and in order; a version that does not
 * arrive leaves the later ones waiting until a resync.
 */
function aheadTracker(ticket: number, view: StandView) {
  let version = view.version;
  let ahead = view.mine?.ahead ?? 0;
  const pending = new Map<number, StandDelta>();
  const advance = () => {
    for (let next = pending.get(version + 1); next; next = pending.get(version + 1)) {
      for (const [changed, change] of next.changes) if (changed < ticket) ahead += change;
      pending.delete(next.version);
      version = next.version;
    }
  };
  return {
    receive(delta: StandDelta) {
      if (delta.version > version) pending.set(delta.version, delta);
      advance();
    },
    get missing() {
      return pending.size > 0;
    },
    resync(fresh: StandView) {
      version = fresh.version;
      ahead = fresh.mine?.ahead ?? 0;
      for (const buffered of [...pending.keys()]) if (buffered <= version) pending.delete(buffered);
      advance();
    },
    get state() {
      return { version, ahead };
    },
  };
}

export function queueStoreContract(name: string, factory: StoreFactory): void {
  const setup = async (peerCount = 0) => {
    const { store, peers } = await factory.create(peerCount);
    const deltas: StandDelta[][] = [];
    store.onDeltas((batch) => deltas.push(batch));
    /** The delta batches since the last call, emptied. */
    const takeDeltas = () => deltas.splice(0);
    return { store, peers, q: fairOf(store, id()), takeDeltas };
  };

  describe(`queue store contract: ${name}`, () => {
    bookedCallContract(async () => (await factory.create()).store);
    describe("joining and leaving", () => {
      it("joins in ticket order; a second join returns the same entry and changes nothing", async () => {
        const { q, takeDeltas } = await setup();
        const stand = id();
        const [a, b] = [id(), id()];
        const first = await q.join(stand, a);
        const second = await q.join(stand, b, { languages: ["nl", "en"] });
        expect(first).toEqual({
          status: "joined",
          entry: {
            candidateId: a,
            ticket: ticketOf(first),
            state: "waiting",
            languages: ["fr"],
            noShows: 0,
            joinedAt: NOW,
            skips: 0,
          },
        });
        expect(ticketOf(second)).toBeGreaterThan(ticketOf(first));
        takeDeltas();
        await q.drain();

        const again = await q.join(stand, a, { now: NOW + 5 });
        expect(again).toMatchObject({ status: "already", entry: { ticket: ticketOf(first) } });
        expect(takeDeltas()).toEqual([]);
        expect(await q.drain()).toEqual([]);
        const snapshot = await q.snapshot(stand);
        expect(snapshot.entries.map((entry) => entry.candidateId)).toEqual([a, b]);
        expect(snapshot.entries[1]).toMatchObject({ languages: ["nl", "en"], lastSeen: NOW });
        expect(snapshot).toMatchObject({ open: true, version: 2, queueLength: 2, waiting: 2 });
      });

      it("caps how many queues one candidate waits in at the fair", async () => {
        const { store, q } = await setup();
        const candidate = id();
        const stands = [id(), id(), id(), id()];
        for (const stand of stands.slice(0, 3)) {
          expect((await q.join(stand, candidate)).status).toBe("joined");
        }
        expect((await q.join(stands[3]!, candidate)).status).toBe("cap_reached");
        expect(await store.countQueuedCandidates(q.fairId)).toBe(1);
        expect(await q.leave(stands[0]!, candidate)).toEqual({ calledBy: "" });
        expect(await q.leave(stands[0]!, candidate)).toBeNull();
        expect((await q.join(stands[3]!, candidate)).status).toBe("joined");
        const mine = await q.mine(candidate);
        expect(mine.entries.map((entry) => entry.standId).sort()).toEqual(stands.slice(1).sort());
        expect(mine.busy).toBeNull();
        for (const stand of stands.slice(1)) await q.leave(stand, candidate);
        expect(await store.countQueuedCandidates(q.fairId)).toBe(0);
      });

      it("refuses joins at a closed stand; closing removes everyone not in an interview", async () => {
        const { store, q } = await setup();
        const stand = id();
        const [a, b, c] = [id(), id(), id()];
        await q.join(stand, a);
        await q.join(stand, b);
        await q.join(stand, c);
        expect(await q.call(stand, "r1")).toMatchObject({ status: "called", candidateId: a });
        await q.answer(stand, a, true);
        expect(await q.call(stand, "r2")).toMatchObject({ status: "called", candidateId: b });
        const removed = await q.setOpen(stand, false);
        expect(removed.sort()).toEqual([b, c].sort());
        expect((await q.join(stand, id())).status).toBe("stand_closed");
        expect((await q.call(stand, "r3")).status).toBe("stand_closed");
        const snapshot = await q.snapshot(stand);
        expect(snapshot).toMatchObject({ open: false, queueLength: 1, waiting: 0, called: 0 });
        expect(snapshot.entries.map((entry) => [entry.candidateId, entry.state])).toEqual([
          [a, "interviewing"],
        ]);
        expect(await q.mine(b)).toEqual({ entries: [], busy: null });
        expect(await store.countQueuedCandidates(q.fairId)).toBe(1);
        // The call that closing cancelled no longer holds its recruiter.
        expect((await q.call(id(), "r2")).status).toBe("empty");
        await q.setOpen(stand, true);
        expect((await q.join(stand, b)).status).toBe("joined");
      });

      it("says who was calling when a called candidate leaves, and frees the candidate", async () => {
        const { q } = await setup();
        const [stand, other] = [id(), id()];
        const candidate = id();
        await q.join(stand, candidate);
        await q.join(other, candidate);
        await q.call(stand, "r1");
        expect(await q.leave(stand, candidate)).toEqual({ calledBy: "r1" });
        expect(await q.mine(candidate)).toMatchObject({
          busy: null,
          entries: [{ standId: other, state: "waiting" }],
        });
        expect(await q.expire(NOW + 60_000)).toEqual([]);
        expect(await q.call(other, "r2")).toMatchObject({ candidateId: candidate });
      });
    });

    describe("calls", () => {
      it("calls the first eligible candidate: not snoozed, online, not busy elsewhere", async () => {
        const { q } = await setup();
        const [stand, other] = [id(), id()];
        const [snoozed, offline, busyElsewhere, eligible] = [id(), id(), id(), id()];
        await q.join(stand, snoozed);
        await q.join(stand, offline, { now: NOW - 60_000 });
        await q.join(other, busyElsewhere);
        await q.join(stand, busyElsewhere);
        await q.join(stand, eligible);
        expect(await q.snooze(stand, snoozed, true)).toMatchObject({
          status: "ok",
          entry: { state: "snoozed" },
        });
        expect(await q.call(other, "r1")).toMatchObject({ candidateId: busyElsewhere });
        expect(await q.snooze(other, busyElsewhere, true)).toMatchObject({ status: "busy" });

        const snapshot = await q.snapshot(stand);
        const frozen = snapshot.entries.find((entry) => entry.candidateId === busyElsewhere);
        expect(frozen).toMatchObject({ state: "waiting", frozen: true });
        expect(snapshot.waiting).toBe(3);
        const called = await q.call(stand, "r2");
        expect(called).toEqual({
          status: "called",
          candidateId: eligible,
          entry: expect.objectContaining({
            state: "called",
            recruiterId: "r2",
            callDeadline: NOW + 30_000,
          }),
        });
        expect(await q.call(stand, "r3")).toEqual({ status: "empty" });

        await q.snooze(stand, snoozed, false);
        expect(await q.call(stand, "r3")).toMatchObject({ candidateId: snoozed });
      });

      it("prefers the first candidate sharing a language with the recruiter", async () => {
        const { q } = await setup();
        const stand = id();
        const [french, dutch, english] = [id(), id(), id()];
        await q.join(stand, french, { languages: ["fr"] });
        await q.join(stand, dutch, { languages: ["nl", "en"] });
        await q.join(stand, english, { languages: ["en"] });
        expect(await q.call(stand, "r1", { languages: ["en", "de"] })).toMatchObject({
          candidateId: dutch,
        });
        expect(await q.call(stand, "r2", { languages: ["de"] })).toMatchObject({
          candidateId: french,
        });
        expect(await q.call(stand, "r3", { languages: ["nl"] })).toMatchObject({
          candidateId: english,
        });
      });

      it(`passes over a candidate with no shared language at most ${MAX_LANGUAGE_SKIPS} times`, async () => {
        const { q } = await setup();
        const stand = id();
        const [resting, french] = [id(), id()];
        const germans = Array.from({ length: MAX_LANGUAGE_SKIPS + 2 }, () => id());
        await q.join(stand, resting, { languages: ["fr"] });
        await q.snooze(stand, resting, true);
        await q.join(stand, french, { languages: ["fr"] });
        for (const german of germans) await q.join(stand, german, { languages: ["de"] });
        for (let skip = 1; skip <= MAX_LANGUAGE_SKIPS; skip += 1) {
          const call = await q.call(stand, `r${skip}`, { languages: ["de"] });
          expect(call).toMatchObject({ candidateId: germans[skip - 1] });
          expect((await q.view(stand, french)).mine?.entry.skips).toBe(skip);
        }
        const bounded = await q.call(stand, "r-last", { languages: ["de"] });
        expect(bounded).toMatchObject({ status: "called", candidateId: french });
        // Only eligible entries count as passed over; the skipped-to Germans were never passed.
        expect((await q.view(stand, resting)).mine?.entry.skips).toBe(0);
        expect((await q.view(stand, germans.at(-1))).mine?.entry.skips).toBe(0);
      });

      it(`looks no further than ${CALL_SCAN_LIMIT} entries down the waiting line`, async () => {
        const { q } = await setup();
        const [mixed, offline] = [id(), id()];
        const french = Array.from({ length: CALL_SCAN_LIMIT }, () => id());
        for (const candidate of french) await q.join(mixed, candidate, { languages: ["fr"] });
        await q.join(mixed, id(), { languages: ["de"] });
        expect(await q.call(mixed, "r1", { languages: ["de"] })).toMatchObject({
          candidateId: french[0],
        });
        expect((await q.view(mixed, french[1])).mine?.entry.skips).toBe(0);

        for (let index = 0; index < CALL_SCAN_LIMIT; index += 1) {
          await q.join(offline, id(), { now: NOW - 60_000 });
        }
        await q.join(offline, id());
        expect(await q.call(offline, "r2")).toEqual({ status: "empty" });
      });

      it("lets a recruiter hold one open call or interview at a time at the fair", async () => {
        const { q } = await setup();
        const [stand, other] = [id(), id()];
        const [a, b, c, d, e] = [id(), id(), id(), id(), id()];
        for (const candidate of [a, b, c, d]) await q.join(stand, candidate);
        await q.join(other, e);
        expect(await q.call(stand, "r1")).toMatchObject({ candidateId: a });
        expect(await q.call(stand, "r1")).toEqual({ status: "recruiter_busy" });
        expect(await q.call(other, "r1")).toEqual({ status: "recruiter_busy" });
        expect(await q.call(stand, "r2")).toMatchObject({ candidateId: b });

        // Freed by a decline...
        expect(await q.answer(stand, a, false)).toMatchObject({ status: "returned" });
        expect(await q.call(stand, "r1")).toMatchObject({ candidateId: a });
        // ...by the call timing out...
        const expired = await q.expire(NOW + 30_000);
        expect(expired.map((call) => call.recruiterId).sort()).toEqual(["r1", "r2"]);
        expect(await q.call(stand, "r1")).toMatchObject({ candidateId: b });
        // ...by the candidate leaving...
        expect(await q.leave(stand, b)).toEqual({ calledBy: "r1" });
        expect(await q.call(stand, "r1")).toMatchObject({ candidateId: c });
        // ...not by the interview starting, but by it ending.
        await q.answer(stand, c, true);
        expect(await q.call(stand, "r1")).toEqual({ status: "recruiter_busy" });
        expect(await q.finish(stand, c)).toBe(true);
        expect(await q.call(stand, "r1")).toMatchObject({ candidateId: d });
        // ...and by the stand closing on the call.
        await q.setOpen(stand, false);
        expect(await q.call(other, "r1")).toMatchObject({ candidateId: e });
      });

      it("moves an accepted call into an interview that freezes the candidate's other places", async () => {
        const { q } = await setup();
        const [stand, other] = [id(), id()];
        const candidate = id();
        await q.join(stand, candidate);
        await q.join(other, candidate);
        await q.call(stand, "r1");
        const accepted = await q.answer(stand, candidate, true, NOW + 1_000);
        expect(accepted).toMatchObject({
          status: "accepted",
          recruiterId: "r1",
          entry: { state: "interviewing", interviewId: INTERVIEW },
        });
        expect(await q.call(other, "r2")).toEqual({ status: "empty" });
        expect(await q.mine(candidate)).toMatchObject({
          busy: { standId: stand, state: "interviewing" },
        });
        const frozen = await q.snapshot(other);
        expect(frozen.entries[0]).toMatchObject({ candidateId: candidate, frozen: true });

        expect(await q.finish(stand, candidate)).toBe(true);
        expect(await q.finish(stand, candidate)).toBe(false);
        expect((await q.snapshot(stand)).recentDurationsMs).toEqual([420_000]);
        expect(await q.mine(candidate)).toMatchObject({
          busy: null,
          entries: [{ standId: other, state: "waiting" }],
        });
        expect(await q.call(other, "r2")).toMatchObject({ candidateId: candidate });
      });

      it("keeps the 20 most recent interview durations, newest first", async () => {
        const { q } = await setup();
        const stand = id();
        for (let index = 1; index <= 22; index += 1) {
          const candidate = id();
          await q.join(stand, candidate);
          await q.call(stand, "r1");
          await q.answer(stand, candidate, true);
          await q.finish(stand, candidate, { now: NOW + index * 1_000 });
        }
        const durations = (await q.view(stand)).recentDurationsMs;
        expect(durations).toHaveLength(20);
        expect(durations.slice(0, 2)).toEqual([22_000, 21_000]);
        expect(durations.at(-1)).toBe(3_000);
      });

      it("returns a first no-show to the same place and removes the second", async () => {
        const { q } = await setup();
        const stand = id();
        const [candidate, later] = [id(), id()];
        const joined = await q.join(stand, candidate);
        await q.join(stand, later);
        await q.call(stand, "r1");
        const first = await q.answer(stand, candidate, false);
        expect(first).toMatchObject({
          status: "returned",
          recruiterId: "r1",
          entry: { state: "waiting", noShows: 1, ticket: ticketOf(joined) },
        });
        if (first.status !== "returned") throw new Error("not returned");
        expect(first.entry.recruiterId).toBeUndefined();
        expect(first.entry.callDeadline).toBeUndefined();
        expect((await q.snapshot(stand)).entries[0]?.candidateId).toBe(candidate);
        expect(await q.answer(stand, candidate, false)).toEqual({ status: "not_called" });

        await q.call(stand, "r1");
        expect(await q.answer(stand, candidate, false)).toEqual({
          status: "removed",
          recruiterId: "r1",
        });
        const remaining = (await q.snapshot(stand)).entries.map((entry) => entry.candidateId);
        expect(remaining).toEqual([later]);
        expect((await q.mine(candidate)).entries).toEqual([]);
      });

      it("expires unanswered calls as no-shows and refuses a late accept", async () => {
        const { q } = await setup();
        const stand = id();
        const candidate = id();
        await q.join(stand, candidate);
        await q.call(stand, "r1", { deadline: NOW + 1_000 });
        expect(await q.expire(NOW + 500)).toEqual([]);
        expect(await q.expire(NOW + 1_000)).toEqual([
          { standId: stand, candidateId: candidate, recruiterId: "r1", outcome: "returned" },
        ]);
        await q.call(stand, "r1", { deadline: NOW + 2_000 });
        expect(await q.answer(stand, candidate, true, NOW + 2_001)).toEqual({
          status: "expired_removed",
          recruiterId: "r1",
        });
        expect(await q.expire(NOW + 10_000)).toEqual([]);

        const second = id();
        await q.join(stand, second);
        await q.call(stand, "r1", { deadline: NOW + 1_000 });
        expect(await q.answer(stand, second, true, NOW + 1_001)).toMatchObject({
          status: "expired_returned",
          entry: { state: "waiting", noShows: 1 },
        });
      });
    });

    describe("presence", () => {
      it("reports candidates whose reconnect grace ran out, and leave checks again", async () => {
        const { store, q } = await setup();
        const [stand, other] = [id(), id()];
        const [gone, back, interviewing] = [id(), id(), id()];
        await q.join(stand, gone);
        await q.join(other, gone);
        await q.join(stand, back);
        await q.join(stand, interviewing);
        await q.snooze(stand, back, true);
        await q.snooze(stand, gone, true);
        await q.call(stand, "r1");
        await q.answer(stand, interviewing, true);
        await store.touchCandidates([q.fairId], [back, "not-in-any-queue"], NOW + 80_000);

        const cutoff = NOW + 60_000;
        const absent = await store.absentCandidates(q.fairId, cutoff);
        expect(absent.map((candidate) => candidate.candidateId)).toEqual([gone]);
        expect(absent[0]?.standIds.sort()).toEqual([stand, other].sort());
        // Only a report: nobody was removed yet, and an interview moves the mark instead.
        expect((await q.snapshot(stand)).entries.map((entry) => entry.lastSeen)).toEqual([
          NOW,
          NOW + 80_000,
          cutoff,
        ]);

        const absentSince = cutoff;
        const reason = "connection_lost" as const;
        expect(await q.leave(stand, back, { absentSince, reason })).toBeNull();
        expect(await q.leave(stand, interviewing, { absentSince: cutoff + 1, reason })).toBeNull();
        for (const standId of [stand, other]) {
          expect(await q.leave(standId, gone, { absentSince, reason })).toEqual({ calledBy: "" });
        }
        const remaining = (await q.snapshot(stand)).entries.map((entry) => entry.candidateId);
        expect(remaining).toEqual([back, interviewing]);
        expect(await store.absentCandidates(q.fairId, cutoff)).toEqual([]);
        // Touching adds nobody to the presence set: the stranger and the removed stay out.
        await store.touchCandidates([q.fairId], [gone], NOW + 90_000);
        expect(await store.countQueuedCandidates(q.fairId)).toBe(2);
        expect(await store.absentCandidates(q.fairId, NOW + 200_000)).toEqual([
          { candidateId: back, standIds: [stand] },
        ]);
        expect((await q.mine("not-in-any-queue")).entries).toEqual([]);
      });

      it("counts connected candidates, queued or not, until they disconnect or fade out", async () => {
        const { store, peers, q } = await setup(1);
        const [queued, browsing, gone] = [id(), id(), id()];
        await q.join(id(), queued);
        await store.markConnected([queued, browsing], NOW);
        await peers[0]!.markConnected([gone], NOW - 60_000);
        expect(await store.countConnected(NOW - 30_000)).toBe(2);
        // Marks from another process count, and an old mark is forgotten, not revived by a later count.
        await peers[0]!.markConnected([browsing], NOW + 1_000);
        expect(await peers[0]!.countConnected(NOW - 120_000)).toBe(2);
        await store.markDisconnected(queued);
        expect(await store.countConnected(NOW - 30_000)).toBe(1);
      });

      it("tells which of some candidates are connected, on any process's marks", async () => {
        const { store, peers } = await setup(1);
        const [here, elsewhere, faded, left, never] = [id(), id(), id(), id(), id()];
        await store.markConnected([here, left], NOW);
        await peers[0]!.markConnected([elsewhere], NOW - 1_000);
        await peers[0]!.markConnected([faded], NOW - 60_000);
        await store.markDisconnected(left);
        const asked = [here, elsewhere, faded, left, never];
        expect(await peers[0]!.connectedAmong(asked, NOW - 30_000)).toEqual(
          new Set([here, elsewhere]),
        );
        // A read forgets nothing: an older window still sees the faded mark.
        expect(await store.connectedAmong(asked, NOW - 120_000)).toEqual(
          new Set([here, elsewhere, faded]),
        );
        expect(await store.connectedAmong([], NOW)).toEqual(new Set());
      });

      it("keeps recruiters' presence per stand, without bumping the version", async () => {
        const { store, q, takeDeltas } = await setup();
        const stand = id();
        const presence = { paused: false, languages: [] };
        await store.upsertRecruiter(q.ref(stand), {
          recruiterId: "r1",
          paused: false,
          languages: ["nl", "fr"],
          seen: NOW,
        });
        await store.upsertRecruiter(q.ref(stand), { recruiterId: "r2", ...presence, seen: NOW });
        await store.upsertRecruiter(q.ref(stand), {
          recruiterId: "r2",
          ...presence,
          seen: NOW + 1,
        });
        await store.upsertRecruiter(q.ref(id()), { recruiterId: "r3", ...presence, seen: NOW });
        await store.removeRecruiter(q.ref(stand), "r1");
        const view = await q.view(stand);
        expect(view.recruiters).toEqual([{ recruiterId: "r2", ...presence, seen: NOW + 1 }]);
        expect(view.version).toBe(0);
        expect(takeDeltas()).toEqual([]);
        expect(await q.drain()).toEqual([]);
      });

      it("closes: ping fails once the store is closed", async () => {
        const { store } = await setup();
        await store.ping();
        await store.close();
        await expect(store.ping()).rejects.toThrow();
      });
    });

    describe("versions, deltas and reads", () => {
      it("bumps the version once and emits one delta per change, with the tickets that moved", async () => {
        const { store, q, takeDeltas } = await setup();
        const stand = id();
        const [a, b, c] = [id(), id(), id()];
        const counts = { open: true, queueLength: 0, waiting: 0, called: 0, interviewing: 0 };
        const idle = { paused: false, languages: [] };
        const expectDelta = (version: number, changes: [number, 1 | -1][], now: object) => {
          Object.assign(counts, now);
          expect(takeDeltas()).toEqual([
            [{ fairId: q.fairId, standId: stand, version, ...counts, changes }],
          ]);
        };
        const ta = ticketOf(await q.join(stand, a));
        expectDelta(1, [[ta, 1]], { queueLength: 1, waiting: 1 });
        const tb = ticketOf(await q.join(stand, b));
        expectDelta(2, [[tb, 1]], { queueLength: 2, waiting: 2 });
        const tc = ticketOf(await q.join(stand, c));
        expectDelta(3, [[tc, 1]], { queueLength: 3, waiting: 3 });
        await q.snooze(stand, b, true);
        expectDelta(4, [[tb, -1]], { waiting: 2 });
        await q.snooze(stand, b, true);
        expect(takeDeltas()).toEqual([]);
        await q.call(stand, "r1");
        expectDelta(5, [[ta, -1]], { waiting: 1, called: 1 });
        await q.answer(stand, a, true);
        expectDelta(6, [], { called: 0, interviewing: 1 });
        await q.snooze(stand, b, false);
        expectDelta(7, [[tb, 1]], { waiting: 2 });
        expect(await q.call(stand, "r2")).toMatchObject({ candidateId: b });
        expectDelta(8, [[tb, -1]], { waiting: 1, called: 1 });
        await q.answer(stand, b, false);
        expectDelta(9, [[tb, 1]], { waiting: 2, called: 0 });
        await q.leave(stand, c);
        expectDelta(10, [[tc, -1]], { queueLength: 2, waiting: 1 });
        await q.finish(stand, a);
        expectDelta(11, [], { queueLength: 1, interviewing: 0 });
        await q.call(stand, "r2");
        expectDelta(12, [[tb, -1]], { waiting: 0, called: 1 });
        await q.leave(stand, b);
        expectDelta(13, [], { queueLength: 0, called: 0 });

        // Nothing changed: no delta, no version.
        await q.finish(stand, a);
        await q.leave(stand, b);
        await store.touchCandidates([q.fairId], [a], NOW + 1);
        await store.upsertRecruiter(q.ref(stand), { recruiterId: "r9", ...idle, seen: NOW });
        expect(takeDeltas()).toEqual([]);
        expect(await store.standCounts(q.ref(stand))).toEqual({ ...counts, version: 13 });

        await q.setOpen(stand, false);
        expectDelta(14, [], { open: false });
        await q.setOpen(stand, true);
        expectDelta(15, [], { open: true });
      });

      it("emits one delta per changed stand, together, when one change touches several", async () => {
        const { q, takeDeltas } = await setup();
        const [first, second, quiet] = [id(), id(), id()];
        const [a, b, c] = [id(), id(), id()];
        const ta = ticketOf(await q.join(first, a));
        const tb = ticketOf(await q.join(first, b));
        const tc = ticketOf(await q.join(second, c));
        await q.join(quiet, id());
        await q.call(first, "r1");
        await q.call(first, "r2");
        await q.call(second, "r3");
        takeDeltas();
        expect(await q.expire(NOW + 30_000)).toHaveLength(3);
        // One call to the listeners for the sweep; each expired call is a change (a version) of its own.
        const batches = takeDeltas();
        expect(batches).toHaveLength(1);
        const firstDeltas = batches[0]!.filter((delta) => delta.standId === first);
        const secondDeltas = batches[0]!.filter((delta) => delta.standId === second);
        expect(batches[0]!).toHaveLength(3);
        expect(firstDeltas.map((delta) => delta.version)).toEqual([5, 6]);
        expect(firstDeltas.at(-1)).toMatchObject({ version: 6, waiting: 2, called: 0 });
        expect(firstDeltas.flatMap((delta) => delta.changes).sort(([x], [y]) => x - y)).toEqual([
          [ta, 1],
          [tb, 1],
        ]);
        expect(secondDeltas).toMatchObject([{ version: 3, changes: [[tc, 1]] }]);

        const removed = await q.setOpen(first, false);
        expect(removed.sort()).toEqual([a, b].sort());
        const [closing] = takeDeltas();
        expect(closing).toHaveLength(1);
        expect(closing![0]).toMatchObject({ standId: first, version: 7, open: false, waiting: 0 });
        expect(closing![0]!.changes.sort(([x], [y]) => x - y)).toEqual([
          [ta, -1],
          [tb, -1],
        ]);
        expect(await q.expire(NOW + 60_000)).toEqual([]);
        expect(takeDeltas()).toEqual([]);
      });

      it("resyncs a watcher that missed a version to the same count a fresh read gives", async () => {
        const { q, takeDeltas } = await setup();
        const stand = id();
        const [x1, x2, x3, me] = [id(), id(), id(), id()];
        for (const candidate of [x1, x2, x3]) await q.join(stand, candidate);
        const myTicket = ticketOf(await q.join(stand, me));
        const base = await q.view(stand, me);
        expect(base.mine).toMatchObject({ ahead: 3, entry: { candidateId: me, ticket: myTicket } });
        takeDeltas();
        const watcher = aheadTracker(myTicket, base);
        const naive = aheadTracker(myTicket, base);
        const next = async (operation: Promise<unknown>) => {
          await operation;
          const batches = takeDeltas().flat();
          expect(batches).toHaveLength(1);
          return batches[0]!;
        };

        const lost = await next(q.snooze(stand, x1, true)); // -1 below my ticket, never arrives
        const late = [await next(q.join(stand, id())), await next(q.call(stand, "r1"))];
        const resync = await q.view(stand, me);
        const afterResync = [
          await next(q.answer(stand, x2, false)),
          await next(q.leave(stand, x3)),
          await next(q.snooze(stand, x1, false)),
        ];
        expect(lost.version).toBe(base.version + 1);

        // Deltas arrive out of order: some only after the resync read already included them.
        for (const delta of late) watcher.receive(delta);
        expect(watcher.missing).toBe(true);
        expect(watcher.state).toEqual({ version: base.version, ahead: 3 });
        watcher.resync(resync);
        for (const delta of [afterResync[1]!, ...late, afterResync[0]!, afterResync[2]!]) {
          watcher.receive(delta);
        }
        const fresh = await q.view(stand, me);
        expect(watcher.missing).toBe(false);
        expect(watcher.state).toEqual({ version: fresh.version, ahead: fresh.mine?.ahead });
        expect(fresh.mine?.ahead).toBe(2); // x1 back, x2 back, x3 gone

        // Without the resync the count would be off by the lost change.
        for (const delta of [...late, ...afterResync]) naive.receive({ ...delta });
        naive.resync({ ...base, version: lost.version }); // skip the lost version blindly
        expect(naive.state.version).toBe(fresh.version);
        expect(naive.state.ahead).not.toBe(fresh.mine?.ahead);
      });

      it("counts the waiting entries ahead of a candidate, frozen ones included", async () => {
        const { q } = await setup();
        const [stand, other] = [id(), id()];
        const [snoozed, called, frozen, waiting, me] = [id(), id(), id(), id(), id()];
        for (const candidate of [snoozed, called, frozen, waiting, me]) {
          await q.join(stand, candidate);
        }
        await q.join(other, frozen);
        await q.snooze(stand, snoozed, true);
        await q.call(stand, "r1", { languages: ["fr"] }); // calls the first eligible: `called`
        await q.call(other, "r2");
        const view = await q.view(stand, me);
        expect(view).toMatchObject({ queueLength: 5, waiting: 3, called: 1, interviewing: 0 });
        expect(view.mine).toMatchObject({ ahead: 2, entry: { candidateId: me, state: "waiting" } });
        expect((await q.view(stand, snoozed)).mine).toMatchObject({
          ahead: 0,
          entry: { state: "snoozed" },
        });
        expect((await q.view(stand, me)).mine?.ahead).toBe(2);
        expect((await q.view(stand)).mine).toBeNull();
        expect((await q.view(stand, id())).mine).toBeNull();
        expect((await q.view(id(), me)).mine).toBeNull();
      });

      it("reads the head of a stand: the first entries in ticket order, whatever their state", async () => {
        const { store, q } = await setup();
        const [stand, other] = [id(), id()];
        const candidates = Array.from({ length: 5 }, () => id());
        for (const candidate of candidates) await q.join(stand, candidate);
        await q.join(other, candidates[2]!);
        await q.call(stand, "r1");
        await q.call(other, "r2");
        await store.touchCandidates([q.fairId], [candidates[1]!], NOW + 5_000);

        const head = await store.standHead(q.ref(stand), 3);
        expect(head).toMatchObject({ queueLength: 5, waiting: 4, called: 1, mine: null });
        expect(head.entries.map((entry) => entry.candidateId)).toEqual(candidates.slice(0, 3));
        expect(head.entries.map((entry) => [entry.state, entry.frozen, entry.lastSeen])).toEqual([
          ["called", false, NOW],
          ["waiting", false, NOW + 5_000],
          ["waiting", true, NOW],
        ]);
        expect((await store.standHead(q.ref(stand), 10)).entries).toHaveLength(5);
        expect((await store.standHead(q.ref(stand), 0)).entries).toEqual([]);
        const all = await q.snapshot(stand);
        expect(all.entries.slice(0, 3)).toEqual(head.entries);
        expect(all.version).toBe(head.version);
      });
    });

    describe("outbox", () => {
      it("records a join with the consent, the answers, then the event", async () => {
        const { q } = await setup();
        const [stand, candidate, quiet] = [id(), id(), id()];
        const answers = [{ questionId: id(), answer: "Five years of Rust" }];
        await q.join(stand, candidate, { answers, now: NOW + 7 });
        await q.join(stand, quiet);
        await q.join(stand, quiet);
        const entries = await q.drain();
        expect(entries).toMatchObject([
          {
            fairId: q.fairId,
            at: NOW + 7,
            records: [
              { kind: "consent", standId: stand, candidateId: candidate },
              { kind: "answers", standId: stand, candidateId: candidate, answers },
              { kind: "event", type: "join", standId: stand, candidateId: candidate },
            ],
          },
          {
            records: [
              { kind: "consent", candidateId: quiet },
              { kind: "event", type: "join", candidateId: quiet },
            ],
          },
        ]);
        expect(idLess(entries[0]!.id, entries[1]!.id)).toBe(true);
      });

      it("records leaving, removals with their reason, snoozing and getting ready", async () => {
        const { q } = await setup();
        const stand = id();
        const [leaver, rejected] = [id(), id()];
        for (const candidate of [leaver, rejected]) await q.join(stand, candidate);
        await q.drain();
        await q.snooze(stand, leaver, true, NOW + 1);
        await q.snooze(stand, leaver, true, NOW + 2);
        await q.snooze(stand, leaver, false, NOW + 3);
        await q.snooze(stand, leaver, false, NOW + 4);
        await q.leave(stand, leaver, { now: NOW + 5 });
        await q.leave(stand, rejected, { reason: "registration_rejected", now: NOW + 6 });
        await q.leave(stand, leaver, { now: NOW + 7 });
        expect(await q.drain()).toMatchObject([
          { at: NOW + 1, records: [{ kind: "event", type: "snooze", candidateId: leaver }] },
          { at: NOW + 3, records: [{ kind: "event", type: "ready", candidateId: leaver }] },
          { at: NOW + 5, records: [{ kind: "event", type: "leave", candidateId: leaver }] },
          {
            at: NOW + 6,
            records: [
              {
                kind: "event",
                type: "removed",
                standId: stand,
                candidateId: rejected,
                data: { reason: "registration_rejected" },
              },
            ],
          },
        ]);
      });

      it("records a call, its acceptance and the interview's start", async () => {
        const { q } = await setup();
        const [stand, candidate] = [id(), id()];
        await q.join(stand, candidate);
        await q.drain();
        await q.call(stand, "r1", { now: NOW + 1 });
        await q.answer(stand, candidate, true, NOW + 2);
        const ids = { standId: stand, candidateId: candidate, recruiterId: "r1" };
        expect(await q.drain()).toMatchObject([
          { at: NOW + 1, records: [{ kind: "event", type: "call", ...ids }] },
          {
            at: NOW + 2,
            records: [
              { kind: "event", type: "accept", ...ids },
              {
                kind: "interview_start",
                interviewId: INTERVIEW,
                ...ids,
                plannedEndsAt: NOW + 2 + PLANNED_MS,
              },
              { kind: "event", type: "interview_start", ...ids, data: { interviewId: INTERVIEW } },
            ],
          },
        ]);
      });

      it("records declines, late accepts and timeouts, and the removal after the second", async () => {
        const { q } = await setup();
        const [stand, decliner, late, slow] = [id(), id(), id(), id()];
        const [slowStand, other, bystander] = [id(), id(), id()];
        await q.join(stand, decliner);
        await q.join(stand, late);
        await q.join(slowStand, slow);
        await q.join(other, bystander);
        await q.drain();
        const event = (type: string, candidateId: string, extra: object = {}) => ({
          kind: "event",
          type,
          standId: stand,
          candidateId,
          ...extra,
        });
        const noShow = { data: { reason: "no_show" } };
        await q.call(stand, "r1");
        await q.answer(stand, decliner, false, NOW + 1);
        await q.call(stand, "r1");
        await q.answer(stand, decliner, false, NOW + 2);
        await q.call(stand, "r1", { deadline: NOW + 10 });
        await q.answer(stand, late, true, NOW + 11);
        await q.call(stand, "r1", { deadline: NOW + 10 });
        await q.call(slowStand, "r2", { deadline: NOW + 10 });
        await q.call(other, "r3", { deadline: NOW + 1_000 });
        const r1 = { recruiterId: "r1" };
        expect((await q.drain()).map((entry) => [entry.at - NOW, entry.records])).toEqual([
          [0, [event("call", decliner, r1)]],
          [1, [event("decline", decliner)]],
          [0, [event("call", decliner, r1)]],
          [2, [event("decline", decliner), event("removed", decliner, noShow)]],
          [0, [event("call", late, r1)]],
          [11, [event("no_show", late)]],
          [0, [event("call", late, r1)]],
          [0, [event("call", slow, { standId: slowStand, recruiterId: "r2" })]],
          [0, [event("call", bystander, { standId: other, recruiterId: "r3" })]],
        ]);

        const expired = await q.expire(NOW + 20);
        expect(expired.map((call) => [call.candidateId, call.outcome]).sort()).toEqual(
          [
            [late, "removed"],
            [slow, "returned"],
          ].sort(),
        );
        // One outbox entry per expired call, each dated by the sweep.
        const entries = await q.drain();
        expect(entries).toHaveLength(2);
        for (const entry of entries)
          expect(entry).toMatchObject({ fairId: q.fairId, at: NOW + 20 });
        const records = entries.flatMap((entry) => entry.records);
        expect(records).toHaveLength(3);
        expect(records).toEqual(
          expect.arrayContaining([
            event("no_show", slow, { standId: slowStand }),
            event("no_show", late),
            event("removed", late, noShow),
          ]),
        );
        const lateRecords = records.filter(
          (record) => "candidateId" in record && record.candidateId === late,
        );
        expect(lateRecords.map((record) => "type" in record && record.type)).toEqual([
          "no_show",
          "removed",
        ]);
      });

      it("always records an interview's end, and the event only when it ended a place", async () => {
        const { q } = await setup();
        const [stand, candidate] = [id(), id()];
        await q.join(stand, candidate);
        await q.call(stand, "r1");
        await q.answer(stand, candidate, true);
        await q.drain();
        const end = {
          kind: "interview_end",
          interviewId: INTERVIEW,
          standId: stand,
          candidateId: candidate,
          recruiterId: "r1",
          startedAt: NOW + 1_000,
        };
        expect(
          await q.finish(stand, candidate, { startedAt: NOW + 1_000, now: NOW + 61_000 }),
        ).toBe(true);
        expect(
          await q.finish(stand, candidate, { startedAt: NOW + 1_000, now: NOW + 62_000 }),
        ).toBe(false);
        expect(await q.drain()).toMatchObject([
          {
            at: NOW + 61_000,
            records: [
              end,
              {
                kind: "event",
                type: "interview_end",
                standId: stand,
                candidateId: candidate,
                recruiterId: "r1",
                data: { durationMs: 60_000, interviewId: INTERVIEW },
              },
            ],
          },
          { at: NOW + 62_000, records: [end] },
        ]);
      });

      it("records opening and closing a stand, and each place closing removed", async () => {
        const { q } = await setup();
        const [stand, a, b, c] = [id(), id(), id(), id()];
        for (const candidate of [a, b, c]) await q.join(stand, candidate);
        await q.call(stand, "r1");
        await q.answer(stand, a, true);
        await q.drain();
        await q.setOpen(stand, false, "r2", NOW + 1);
        await q.setOpen(stand, true, "r3", NOW + 2);
        const closed = { kind: "event", type: "stand_closed", standId: stand, candidateId: null };
        const removed = (candidateId: string) => ({
          kind: "event",
          type: "removed",
          standId: stand,
          candidateId,
          recruiterId: "r2",
          data: { reason: "stand_closed" },
        });
        const [closing, opening, ...more] = await q.drain();
        expect(more).toEqual([]);
        expect(closing).toMatchObject({ at: NOW + 1 });
        expect(closing!.records[0]).toEqual({ ...closed, recruiterId: "r2" });
        expect(closing!.records.slice(1)).toEqual(
          expect.arrayContaining([
            expect.objectContaining(removed(b)),
            expect.objectContaining(removed(c)),
          ]),
        );
        expect(closing!.records).toHaveLength(3);
        expect(opening).toMatchObject({
          at: NOW + 2,
          records: [{ kind: "event", type: "stand_open", candidateId: null, recruiterId: "r3" }],
        });
      });

      it("hands each entry to one consumer, gives it to another after a crash, forgets it once acknowledged", async () => {
        const { store, q } = await setup();
        const stand = id();
        for (let index = 0; index < 3; index += 1) await q.join(stand, id());
        expect(await store.outbox.fairs()).toContain(q.fairId);
        expect(await store.outbox.lag(q.fairId, NOW + 1_000)).toEqual({
          pending: 3,
          oldestAgeMs: 1_000,
        });

        const crashed = await store.outbox.read(q.fairId, "a", 2, NO_CLAIM);
        expect(crashed).toHaveLength(2);
        expect(idLess(crashed[0]!.id, crashed[1]!.id)).toBe(true);
        const fresh = await store.outbox.read(q.fairId, "b", 10, NO_CLAIM);
        expect(fresh).toHaveLength(1);
        expect(crashed.map((entry) => entry.id)).not.toContain(fresh[0]!.id);
        expect(await store.outbox.read(q.fairId, "c", 10, NO_CLAIM)).toEqual([]);
        await store.outbox.ack(
          q.fairId,
          fresh.map((entry) => entry.id),
        );
        expect((await store.outbox.lag(q.fairId, NOW)).pending).toBe(2);

        // "a" never acknowledges: "b" claims what "a" held once it sat idle long enough.
        const claimed = await store.outbox.read(q.fairId, "b", 10, 0);
        expect(claimed).toEqual(crashed);
        await store.outbox.ack(
          q.fairId,
          claimed.map((entry) => entry.id),
        );
        expect(await store.outbox.lag(q.fairId, NOW)).toEqual({ pending: 0, oldestAgeMs: null });
        expect(await store.outbox.read(q.fairId, "a", 10, 0)).toEqual([]);
        expect(await store.outbox.read(q.fairId, "b", 10, 0)).toEqual([]);

        await q.join(stand, id(), { now: NOW + 50 });
        const later = await store.outbox.read(q.fairId, "a", 10, NO_CLAIM);
        expect(later).toHaveLength(1);
        expect(later[0]!.at).toBe(NOW + 50);
        expect(idLess(fresh[0]!.id, later[0]!.id)).toBe(true);
      });
    });

    describe("fairs", () => {
      it("keeps fairs apart: places, cap, calls, busy state, presence, versions, outbox", async () => {
        const { store } = await setup();
        const [one, two] = [fairOf(store, id()), fairOf(store, id())];
        const [stand, candidate, rival] = [id(), id(), id()];
        expect((await one.join(stand, candidate, { cap: 1 })).status).toBe("joined");
        expect((await one.join(id(), candidate, { cap: 1 })).status).toBe("cap_reached");
        expect((await two.join(stand, candidate, { cap: 1 })).status).toBe("joined");
        await two.join(stand, rival);

        expect(await one.call(stand, "r1")).toMatchObject({ candidateId: candidate });
        const head = await store.standHead(two.ref(stand), 10);
        expect(head.entries[0]).toMatchObject({ candidateId: candidate, frozen: false });
        expect(await two.call(stand, "r1")).toMatchObject({ candidateId: candidate });
        expect((await one.mine(candidate)).busy).toMatchObject({ state: "called" });

        expect(await one.expire(NOW + 60_000)).toHaveLength(1);
        expect((await two.mine(candidate)).entries).toMatchObject([{ state: "called" }]);
        expect((await store.standCounts(one.ref(stand))).version).toBe(3);
        expect((await store.standCounts(two.ref(stand))).version).toBe(3);

        await store.touchCandidates([one.fairId], [candidate, rival], NOW + 90_000);
        expect(await store.absentCandidates(one.fairId, NOW + 60_000)).toEqual([]);
        expect(await store.absentCandidates(two.fairId, NOW + 60_000)).toHaveLength(2);
        expect(await store.countQueuedCandidates(one.fairId)).toBe(1);
        expect(await store.countQueuedCandidates(two.fairId)).toBe(2);

        await one.setOpen(stand, false);
        expect((await two.view(stand)).open).toBe(true);
        const [oneEntries, twoEntries] = [await one.drain(), await two.drain()];
        expect(oneEntries.every((entry) => entry.fairId === one.fairId)).toBe(true);
        expect(twoEntries.every((entry) => entry.fairId === two.fairId)).toBe(true);
        expect(oneEntries.length).toBe(4);
        expect(twoEntries.length).toBe(3);
      });
    });

    describe("concurrency", () => {
      it("never hands one candidate to two recruiters calling at the same instant", async () => {
        const { store, peers, q } = await setup(4);
        const stand = id();
        const candidates = Array.from({ length: 30 }, () => id());
        for (const candidate of candidates) await q.join(stand, candidate);
        const callers = [store, ...peers].map((caller) => fairOf(caller, q.fairId));
        const results = await Promise.all(
          Array.from({ length: 60 }, (_, index) =>
            callers[index % callers.length]!.call(stand, `r${index}`),
          ),
        );
        const calledIds = results.flatMap((result) =>
          result.status === "called" ? [result.candidateId] : [],
        );
        expect(calledIds).toHaveLength(30);
        expect(new Set(calledIds).size).toBe(30);
        expect(results.filter((result) => result.status === "empty")).toHaveLength(30);
        const snapshot = await q.snapshot(stand);
        expect(snapshot.entries.every((entry) => entry.state === "called")).toBe(true);
        expect(new Set(snapshot.entries.map((entry) => entry.recruiterId)).size).toBe(30);
        expect(snapshot).toMatchObject({ version: 60, called: 30, waiting: 0 });
      });

      it("loses and duplicates nothing when joins and leaves race with calls", async () => {
        const { store, peers, q } = await setup(3);
        const stand = id();
        const candidates = Array.from({ length: 40 }, () => id());
        const leavers = new Set(candidates.filter((_, index) => index % 4 === 0));
        const clients = [store, ...peers].map((client) => fairOf(client, q.fairId));
        const pick = (index: number) => clients[index % clients.length]!;
        const operations: Promise<unknown>[] = [];
        candidates.forEach((candidate, index) => {
          operations.push(
            pick(index)
              .join(stand, candidate)
              .then(async () => {
                if (leavers.has(candidate)) await pick(index + 1).leave(stand, candidate);
              }),
          );
          if (index % 2 === 0) operations.push(pick(index + 2).call(stand, `r${index}`));
        });
        const callResults = (await Promise.all(operations)).filter(
          (result): result is { status: string; candidateId?: string } =>
            typeof result === "object" && result !== null && "status" in result,
        );
        const called = callResults.flatMap((result) =>
          result.status === "called" && result.candidateId ? [result.candidateId] : [],
        );
        expect(new Set(called).size).toBe(called.length);

        const snapshot = await q.snapshot(stand);
        const present = snapshot.entries.map((entry) => entry.candidateId);
        expect(new Set(present).size).toBe(present.length);
        expect(new Set(snapshot.entries.map((entry) => entry.ticket)).size).toBe(present.length);
        expect(present.sort()).toEqual(
          candidates.filter((candidate) => !leavers.has(candidate)).sort(),
        );
        const waiting = snapshot.entries.filter((entry) => entry.state === "waiting").length;
        expect(snapshot).toMatchObject({ queueLength: present.length, waiting });
        for (const entry of snapshot.entries) {
          const mine = await q.mine(entry.candidateId);
          expect(mine.entries.map((own) => own.standId)).toEqual([stand]);
          expect(mine.busy === null).toBe(entry.state === "waiting");
        }
        for (const leaver of leavers) {
          expect(await q.mine(leaver)).toEqual({ entries: [], busy: null });
        }
        expect(await store.countQueuedCandidates(q.fairId)).toBe(present.length);
      });
    });
  });
}
