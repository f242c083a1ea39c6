/**
 * Reads the live queue state straight from Redis at the end of the run, with
 * the server's own key names (server/src/queue/keys.ts), and checks it against
 * what the clients were told: places lost or unexpected, candidates called or
 * interviewing at two stands, calls stuck past their deadline, and the
 * internal consistency of the keys. Also deletes the run's keys.
 */
import { Redis } from "ioredis";
import { queueKeys } from "@crossfair/server/queue/keys";
import type { InvariantTracker } from "./tracker.js";

interface RawEntry {
  t: number;
  s: "waiting" | "snoozed" | "called" | "interviewing";
  d?: number;
  r?: string;
}

export interface FinalState {
  entries: number;
  lost: string[];
  unexpected: string[];
  /** Joins or leaves answered `internal` (or not at all) that took effect anyway. */
  committedDespiteError: string[];
  /** Candidates called or interviewing at more than one stand at once. */
  doubleBusy: string[];
  /** Entries still "called" although their deadline passed by more than the sweep margin. */
  stuckCalled: string[];
  interviewing: number;
  /** Keys that disagree with each other (order ZSET vs entries HASH vs candidate SET vs busy). */
  inconsistent: string[];
}

const STUCK_MARGIN_MS = 3_000;

export async function checkFinalState(
  redisUrl: string,
  prefix: string,
  standIds: string[],
  candidateIds: string[],
  tracker: InvariantTracker,
): Promise<FinalState> {
  const keys = queueKeys(`${prefix}:q`);
  const redis = new Redis(redisUrl, { lazyConnect: true });
  await redis.connect();
  try {
    const state: FinalState = {
      entries: 0,
      lost: [],
      unexpected: [],
      committedDespiteError: [],
      doubleBusy: [],
      stuckCalled: [],
      interviewing: 0,
      inconsistent: [],
    };
    const now = Date.now();
    const actual = new Map<string, Map<string, RawEntry>>();

    const standReads = redis.pipeline();
    for (const standId of standIds) {
      standReads.hgetall(keys.standEntries(standId));
      standReads.zrange(keys.standQueue(standId), 0, -1);
    }
    const standResults = (await standReads.exec()) ?? [];
    standIds.forEach((standId, index) => {
      const entries = (standResults[index * 2]?.[1] ?? {}) as Record<string, string>;
      const order = new Set((standResults[index * 2 + 1]?.[1] ?? []) as string[]);
      for (const [candidateId, json] of Object.entries(entries)) {
        const entry = JSON.parse(json) as RawEntry;
        state.entries += 1;
        if (!order.has(candidateId))
          state.inconsistent.push(`${standId}/${candidateId}: no ticket`);
        let mine = actual.get(candidateId);
        if (!mine) actual.set(candidateId, (mine = new Map()));
        mine.set(standId, entry);
        if (entry.s === "interviewing") state.interviewing += 1;
        if (entry.s === "called" && (entry.d ?? 0) < now - STUCK_MARGIN_MS) {
          state.stuckCalled.push(
            `${candidateId} at ${standId}, deadline ${now - (entry.d ?? 0)} ms ago`,
          );
        }
      }
      for (const candidateId of order) {
        if (!(candidateId in entries))
          state.inconsistent.push(`${standId}/${candidateId}: ticket without entry`);
      }
    });

    const candidateReads = redis.pipeline();
    for (const candidateId of candidateIds) {
      candidateReads.smembers(keys.candidateStands(candidateId));
      candidateReads.get(keys.candidateBusy(candidateId));
    }
    const candidateResults = (await candidateReads.exec()) ?? [];
    candidateIds.forEach((candidateId, index) => {
      const stands = new Set((candidateResults[index * 2]?.[1] ?? []) as string[]);
      const busyJson = candidateResults[index * 2 + 1]?.[1] as string | null;
      const mine = actual.get(candidateId) ?? new Map<string, RawEntry>();
      const expected = tracker.standsOf(candidateId);
      for (const standId of expected) {
        if (mine.has(standId)) continue;
        const doubt = tracker.doubt(candidateId, standId);
        if (doubt === "internal")
          state.committedDespiteError.push(`${candidateId} left ${standId}`);
        else if (doubt === "no_ack") tracker.noAckChanges += 1;
        else state.lost.push(`${candidateId} at ${standId}`);
      }
      for (const standId of mine.keys()) {
        if (expected.has(standId)) continue;
        const doubt = tracker.doubt(candidateId, standId);
        if (doubt === "internal")
          state.committedDespiteError.push(`${candidateId} joined ${standId}`);
        else if (doubt === "no_ack") tracker.noAckChanges += 1;
        else state.unexpected.push(`${candidateId} at ${standId}`);
        if (!stands.has(standId))
          state.inconsistent.push(`${candidateId}: ${standId} not in its stand set`);
      }
      for (const standId of stands) {
        if (!mine.has(standId))
          state.inconsistent.push(`${candidateId}: stand set names ${standId} without entry`);
      }
      const busyAt = [...mine].filter(
        ([, entry]) => entry.s === "called" || entry.s === "interviewing",
      );
      if (busyAt.length > 1) {
        state.doubleBusy.push(
          `${candidateId}: ${busyAt.map(([standId, entry]) => `${entry.s}@${standId}`).join(", ")}`,
        );
      }
      if (busyJson) {
        const busy = JSON.parse(busyJson) as { st: string; s: string };
        if (mine.get(busy.st)?.s !== busy.s) {
          state.inconsistent.push(
            `${candidateId}: busy marker ${busy.s}@${busy.st} disagrees with the entry`,
          );
        }
      } else if (busyAt.length > 0) {
        state.inconsistent.push(`${candidateId}: ${busyAt[0]?.[1].s} without busy marker`);
      }
    });
    return state;
  } finally {
    redis.disconnect();
  }
}

/** Deletes every key under the run's prefix (queue keys; the adapter only uses channels). */
export async function deleteKeys(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl, { lazyConnect: true });
  await redis.connect();
  let deleted = 0;
  try {
    let cursor = "0";
    do {
      const [next, found] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1_000);
      cursor = next;
      if (found.length > 0) deleted += await redis.del(...found);
    } while (cursor !== "0");
    return deleted;
  } finally {
    redis.disconnect();
  }
}
