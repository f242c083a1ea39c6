/**
 * The queue store contract: every implementation must pass these, the
 * in-process one and the Redis one alike. Each test gets a fresh store.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { QueueStore } from "@crossfair/server/queue/queue.store";

export interface StoreFactory {
  /** A fresh, empty store, plus extra stores sharing its data (for concurrency). */
  create(peers?: number): Promise<{ store: QueueStore; peers: QueueStore[] }>;
}

const id = () => randomUUID();
const NOW = 1_800_000_000_000;

export function queueStoreContract(name: string, factory: StoreFactory): void {
  const fresh = async () => (await factory.create()).store;
  const join = (store: QueueStore, standId: string, candidateId: string, extra: object = {}) =>
    store.join({ standId, candidateId, languages: ["fr"], cap: 3, now: NOW, ...extra });
  const call = (store: QueueStore, standId: string, extra: object = {}) =>
    store.callNext({
      standId,
      recruiterId: "r1",
      languages: [],
      deadline: NOW + 30_000,
      onlineSince: NOW - 15_000,
      ...extra,
    });

  describe(`queue store contract: ${name}`, () => {
    it("joins in order and treats a second join as the same entry", async () => {
      const store = await fresh();
      const stand = id();
      const [a, b] = [id(), id()];
      const first = await join(store, stand, a);
      const second = await join(store, stand, b);
      expect(first).toMatchObject({ status: "joined", entry: { state: "waiting", noShows: 0 } });
      if (first.status !== "joined" || second.status !== "joined") throw new Error("not joined");
      expect(second.entry.ticket).toBeGreaterThan(first.entry.ticket);
      const again = await join(store, stand, a);
      expect(again).toMatchObject({ status: "already", entry: { ticket: first.entry.ticket } });
      const snapshot = await store.standSnapshot(stand);
      expect(snapshot.entries.map((entry) => entry.candidateId)).toEqual([a, b]);
      expect(snapshot.open).toBe(true);
    });

    it("caps how many queues one candidate waits in", async () => {
      const store = await fresh();
      const candidate = id();
      const stands = [id(), id(), id(), id()];
      for (const stand of stands.slice(0, 3)) {
        expect((await join(store, stand, candidate)).status).toBe("joined");
      }
      expect((await join(store, stands[3]!, candidate)).status).toBe("cap_reached");
      expect(await store.leave(stands[0]!, candidate)).toEqual({ calledBy: "" });
      expect(await store.leave(stands[0]!, candidate)).toBeNull();
      expect((await join(store, stands[3]!, candidate)).status).toBe("joined");
      const mine = await store.candidateSnapshot(candidate);
      expect(mine.entries.map((entry) => entry.standId).sort()).toEqual(stands.slice(1).sort());
      expect(mine.busy).toBeNull();
    });

    it("refuses joins at a closed stand; closing removes everyone not in an interview", async () => {
      const store = await fresh();
      const stand = id();
      const [a, b, c] = [id(), id(), id()];
      await join(store, stand, a);
      await join(store, stand, b);
      await join(store, stand, c);
      const called = await call(store, stand);
      expect(called).toMatchObject({ status: "called", candidateId: a });
      await store.answerCall(stand, a, true, NOW);
      const removed = await store.setStandOpen(stand, false);
      expect(removed.sort()).toEqual([b, c].sort());
      expect((await join(store, stand, id())).status).toBe("stand_closed");
      expect((await call(store, stand)).status).toBe("stand_closed");
      const snapshot = await store.standSnapshot(stand);
      expect(snapshot.open).toBe(false);
      expect(snapshot.entries.map((entry) => [entry.candidateId, entry.state])).toEqual([
        [a, "interviewing"],
      ]);
      expect((await store.candidateSnapshot(b)).entries).toEqual([]);
      await store.setStandOpen(stand, true);
      expect((await join(store, stand, b)).status).toBe("joined");
    });

    it("calls the first eligible candidate: not snoozed, online, not busy elsewhere", async () => {
      const store = await fresh();
      const [stand, other] = [id(), id()];
      const [snoozed, offline, busyElsewhere, eligible] = [id(), id(), id(), id()];
      await join(store, stand, snoozed);
      await join(store, stand, offline, { now: NOW - 60_000 });
      await join(store, other, busyElsewhere);
      await join(store, stand, busyElsewhere);
      await join(store, stand, eligible);
      expect(await store.setSnoozed(stand, snoozed, true)).toMatchObject({
        status: "ok",
        entry: { state: "snoozed" },
      });
      expect(await call(store, other)).toMatchObject({ candidateId: busyElsewhere });

      const snapshot = await store.standSnapshot(stand);
      expect(snapshot.entries.find((entry) => entry.candidateId === busyElsewhere)?.frozen).toBe(
        true,
      );
      const called = await call(store, stand);
      expect(called).toMatchObject({
        status: "called",
        candidateId: eligible,
        entry: { state: "called", recruiterId: "r1", callDeadline: NOW + 30_000 },
      });
      expect(await call(store, stand)).toEqual({ status: "empty" });

      await store.setSnoozed(stand, snoozed, false);
      expect(await call(store, stand)).toMatchObject({ candidateId: snoozed });
    });

    it("prefers the first candidate sharing a language with the recruiter", async () => {
      const store = await fresh();
      const stand = id();
      const [french, dutch, english] = [id(), id(), id()];
      await join(store, stand, french, { languages: ["fr"] });
      await join(store, stand, dutch, { languages: ["nl", "en"] });
      await join(store, stand, english, { languages: ["en"] });
      expect(await call(store, stand, { languages: ["en", "de"] })).toMatchObject({
        candidateId: dutch,
      });
      expect(await call(store, stand, { languages: ["de"] })).toMatchObject({
        candidateId: french,
      });
      expect(await call(store, stand, { languages: ["nl"] })).toMatchObject({
        candidateId: english,
      });
    });

    it("moves an accepted call into an interview that freezes the candidate's other places", async () => {
      const store = await fresh();
      const [stand, other] = [id(), id()];
      const candidate = id();
      await join(store, stand, candidate);
      await join(store, other, candidate);
      await call(store, stand);
      const accepted = await store.answerCall(stand, candidate, true, NOW + 1_000);
      expect(accepted).toMatchObject({ status: "accepted", entry: { state: "interviewing" } });
      expect(
        await store.attachInterview(stand, candidate, "00000000-0000-4000-8000-000000000001"),
      ).toBe(true);
      expect(await call(store, other)).toEqual({ status: "empty" });
      expect(await store.candidateSnapshot(candidate)).toMatchObject({
        busy: { standId: stand, state: "interviewing" },
      });
      const frozen = await store.standSnapshot(other);
      expect(frozen.entries[0]).toMatchObject({ candidateId: candidate, frozen: true });

      expect(await store.finishInterview(stand, candidate, 420_000)).toBe(true);
      expect(await store.finishInterview(stand, candidate, 420_000)).toBe(false);
      expect((await store.standSnapshot(stand)).recentDurationsMs).toEqual([420_000]);
      expect(await store.candidateSnapshot(candidate)).toMatchObject({
        busy: null,
        entries: [{ standId: other, state: "waiting" }],
      });
      expect(await call(store, other)).toMatchObject({ candidateId: candidate });
    });

    it("says who was calling when a called candidate leaves, and frees the candidate", async () => {
      const store = await fresh();
      const [stand, other] = [id(), id()];
      const candidate = id();
      await join(store, stand, candidate);
      await join(store, other, candidate);
      await call(store, stand);
      expect(await store.leave(stand, candidate)).toEqual({ calledBy: "r1" });
      expect(await store.candidateSnapshot(candidate)).toMatchObject({
        busy: null,
        entries: [{ standId: other, state: "waiting" }],
      });
      expect(await store.expireCalls(NOW + 60_000)).toEqual([]);
      expect(await call(store, other)).toMatchObject({ candidateId: candidate });
    });

    it("returns a first no-show to the same place and removes the second", async () => {
      const store = await fresh();
      const stand = id();
      const [candidate, later] = [id(), id()];
      const joined = await join(store, stand, candidate);
      await join(store, stand, later);
      await call(store, stand);
      const first = await store.answerCall(stand, candidate, false, NOW);
      expect(first).toMatchObject({ status: "returned", entry: { state: "waiting", noShows: 1 } });
      if (joined.status !== "joined" || first.status !== "returned") throw new Error("unexpected");
      expect(first.entry.ticket).toBe(joined.entry.ticket);
      expect((await store.standSnapshot(stand)).entries[0]?.candidateId).toBe(candidate);
      expect(await store.answerCall(stand, candidate, false, NOW)).toEqual({
        status: "not_called",
      });

      await call(store, stand);
      expect(await store.answerCall(stand, candidate, false, NOW)).toEqual({
        status: "removed",
        recruiterId: "r1",
      });
      expect((await store.standSnapshot(stand)).entries.map((entry) => entry.candidateId)).toEqual([
        later,
      ]);
      expect((await store.candidateSnapshot(candidate)).entries).toEqual([]);
    });

    it("expires unanswered calls as no-shows and refuses a late accept", async () => {
      const store = await fresh();
      const stand = id();
      const candidate = id();
      await join(store, stand, candidate);
      await call(store, stand, { deadline: NOW + 1_000 });
      expect(await store.expireCalls(NOW + 500)).toEqual([]);
      expect(await store.expireCalls(NOW + 1_000)).toEqual([
        { standId: stand, candidateId: candidate, recruiterId: "r1", outcome: "returned" },
      ]);
      await call(store, stand, { deadline: NOW + 2_000 });
      expect(await store.answerCall(stand, candidate, true, NOW + 2_001)).toEqual({
        status: "expired_removed",
        recruiterId: "r1",
      });
      expect(await store.expireCalls(NOW + 10_000)).toEqual([]);
    });

    it("puts an entry back to waiting at its place when starting the interview fails", async () => {
      const store = await fresh();
      const stand = id();
      const candidate = id();
      await join(store, stand, candidate);
      await call(store, stand);
      await store.answerCall(stand, candidate, true, NOW);
      expect(await store.requeue(stand, candidate)).toBe(true);
      expect(await store.candidateSnapshot(candidate)).toMatchObject({
        busy: null,
        entries: [{ state: "waiting", noShows: 0 }],
      });
    });

    it("drops candidates whose reconnect grace ran out, but not during an interview", async () => {
      const store = await fresh();
      const [stand, other] = [id(), id()];
      const [gone, back, interviewing] = [id(), id(), id()];
      await join(store, stand, gone);
      await join(store, other, gone);
      await join(store, stand, back);
      await join(store, stand, interviewing);
      await store.setSnoozed(stand, back, true);
      await store.setSnoozed(stand, gone, true);
      await call(store, stand);
      await store.answerCall(stand, interviewing, true, NOW);
      await store.touchCandidates([back, "not-in-any-queue"], NOW + 80_000);

      const absent = await store.expireAbsent(NOW + 60_000);
      expect(absent).toHaveLength(1);
      expect(absent[0]?.candidateId).toBe(gone);
      expect(absent[0]?.standIds.sort()).toEqual([stand, other].sort());
      const remaining = (await store.standSnapshot(stand)).entries.map(
        (entry) => entry.candidateId,
      );
      expect(remaining).toEqual([back, interviewing]);
      expect(await store.expireAbsent(NOW + 60_000)).toEqual([]);
      expect((await store.candidateSnapshot("not-in-any-queue")).entries).toEqual([]);
    });

    it("counts connected candidates, queued or not, until they disconnect or fade out", async () => {
      const { store, peers } = await factory.create(1);
      const [queued, browsing, gone] = [id(), id(), id()];
      await join(store, id(), queued);
      await store.markConnected([queued, browsing], NOW);
      await peers[0]!.markConnected([gone], NOW - 60_000);
      expect(await store.countConnected(NOW - 30_000)).toBe(2);
      // Marks from another process count, and an old mark is forgotten, not revived by a later count.
      await peers[0]!.markConnected([browsing], NOW + 1_000);
      expect(await peers[0]!.countConnected(NOW - 120_000)).toBe(2);
      await store.markDisconnected(queued);
      expect(await store.countConnected(NOW - 30_000)).toBe(1);
    });

    it("keeps recruiters' presence per stand", async () => {
      const store = await fresh();
      const stand = id();
      await store.upsertRecruiter(stand, {
        recruiterId: "r1",
        paused: false,
        languages: ["nl", "fr"],
        seen: NOW,
      });
      await store.upsertRecruiter(stand, {
        recruiterId: "r2",
        paused: true,
        languages: [],
        seen: NOW,
      });
      await store.upsertRecruiter(stand, {
        recruiterId: "r2",
        paused: false,
        languages: [],
        seen: NOW + 1,
      });
      await store.removeRecruiter(stand, "r1");
      expect((await store.standSnapshot(stand)).recruiters).toEqual([
        { recruiterId: "r2", paused: false, languages: [], seen: NOW + 1 },
      ]);
    });

    it("never hands one candidate to two recruiters calling at the same instant", async () => {
      const { store, peers } = await factory.create(4);
      const stand = id();
      const candidates = Array.from({ length: 30 }, () => id());
      for (const candidate of candidates) await join(store, stand, candidate);
      const callers = [store, ...peers];
      const results = await Promise.all(
        Array.from({ length: 60 }, (_, index) =>
          call(callers[index % callers.length]!, stand, { recruiterId: `r${index}` }),
        ),
      );
      const calledIds = results.flatMap((result) =>
        result.status === "called" ? [result.candidateId] : [],
      );
      expect(calledIds).toHaveLength(30);
      expect(new Set(calledIds).size).toBe(30);
      expect(results.filter((result) => result.status === "empty")).toHaveLength(30);
      const snapshot = await store.standSnapshot(stand);
      expect(snapshot.entries.every((entry) => entry.state === "called")).toBe(true);
      expect(new Set(snapshot.entries.map((entry) => entry.recruiterId)).size).toBe(30);
    });

    it("loses and duplicates nothing when joins and leaves race with calls", async () => {
      const { store, peers } = await factory.create(3);
      const stand = id();
      const candidates = Array.from({ length: 40 }, () => id());
      const leavers = new Set(candidates.filter((_, index) => index % 4 === 0));
      const clients = [store, ...peers];
      const pick = (index: number) => clients[index % clients.length]!;
      const operations: Promise<unknown>[] = [];
      candidates.forEach((candidate, index) => {
        operations.push(
          join(pick(index), stand, candidate).then(async () => {
            if (leavers.has(candidate)) await pick(index + 1).leave(stand, candidate);
          }),
        );
        if (index % 2 === 0)
          operations.push(call(pick(index + 2), stand, { recruiterId: `r${index}` }));
      });
      const callResults = (await Promise.all(operations)).filter(
        (result): result is { status: string; candidateId?: string } =>
          typeof result === "object" && result !== null && "status" in result,
      );
      const called = callResults.flatMap((result) =>
        result.status === "called" && result.candidateId ? [result.candidateId] : [],
      );
      expect(new Set(called).size).toBe(called.length);

      const snapshot = await store.standSnapshot(stand);
      const present = snapshot.entries.map((entry) => entry.candidateId);
      expect(new Set(present).size).toBe(present.length);
      expect(new Set(snapshot.entries.map((entry) => entry.ticket)).size).toBe(present.length);
      expect(present.sort()).toEqual(
        candidates.filter((candidate) => !leavers.has(candidate)).sort(),
      );
      for (const entry of snapshot.entries) {
        const mine = await store.candidateSnapshot(entry.candidateId);
        expect(mine.entries.map((own) => own.standId)).toEqual([stand]);
        expect(mine.busy === null).toBe(entry.state === "waiting");
      }
      for (const leaver of leavers) {
        expect(await store.candidateSnapshot(leaver)).toEqual({ entries: [], busy: null });
      }
    });
  });
}
