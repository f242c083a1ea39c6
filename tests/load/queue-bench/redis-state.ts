/**
 * Reads the live queue state straight from Redis at the end of the run, with
 * the server's own key names (server/src/queue/keys.ts; lua/lib.lua is the
 * reference for what each key holds), and checks it against what the clients
 * were told: places lost or unexpected, candidates called or interviewing at
 * two stands, calls stuck past their deadline, and the consistency of the
 * keys with each other. Also deletes the run's keys.
 */
import { Redis } from "ioredis";
import { queueKeys, type QueueKeys } from "@crossfair/server/queue/keys";
import type { InvariantTracker } from "./tracker.js";

/** The stand entry as lib.lua encodes it: ticket, state, languages, no-shows, joined, skips, deadline, recruiter, interview. */
interface RawEntry {
  t: number;
  s: "waiting" | "snoozed" | "called" | "interviewing";
  l?: string;
  n?: number;
  j?: number;
  k?: number;
  d?: number;
  r?: string;
  i?: string;
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
  /** Keys that disagree with each other (see `checkStand` and `checkFair`). */
  inconsistent: string[];
}

const STUCK_MARGIN_MS = 3_000;

/** The server's queue keys for a run's `REDIS_KEY_PREFIX` (server/src/app.ts adds `:q`). */
export const benchQueueKeys = (prefix: string): QueueKeys => queueKeys(`${prefix}:q`);

type Results = [Error | null, unknown][];

/** `ZRANGE … WITHSCORES` as member → score. */
function scores(reply: unknown): Map<string, number> {
  const list = (Array.isArray(reply) ? reply : []) as string[];
  const map = new Map<string, number>();
  for (let index = 0; index + 1 < list.length; index += 2)
    map.set(list[index]!, Number(list[index + 1]));
  return map;
}

function value(results: Results, index: number, what: string): unknown {
  const [error, reply] = results[index] ?? [new Error("no reply"), null];
  if (error) throw new Error(`reading ${what}: ${error.message}`);
  return reply;
}

export async function checkFinalState(
  redisUrl: string,
  prefix: string,
  fairId: string,
  standIds: string[],
  candidateIds: string[],
  tracker: InvariantTracker,
): Promise<FinalState> {
  const keys = benchQueueKeys(prefix);
  const fair = keys.fair(fairId);
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
    const bad = (detail: string) => state.inconsistent.push(detail);

    const fairReads = (await redis
      .pipeline()
      .hgetall(fair.candidateStands)
      .hgetall(fair.busy)
      .zrange(fair.callDeadlines, 0, -1, "WITHSCORES")
      .hgetall(fair.recruiterBusy)
      .exec()) as Results;
    const candidateStands = value(fairReads, 0, "candidateStands") as Record<string, string>;
    const busy = value(fairReads, 1, "busy") as Record<string, string>;
    const callDeadlines = scores(value(fairReads, 2, "callDeadlines"));
    const recruiterBusy = value(fairReads, 3, "recruiterBusy") as Record<string, string>;

    /** candidateId → standId → entry, over every stand. */
    const actual = new Map<string, Map<string, RawEntry>>();
    const standReads = redis.pipeline();
    for (const standId of standIds) {
      const stand = keys.stand(fairId, standId);
      standReads.hgetall(stand.entries);
      standReads.zrange(stand.queue, 0, -1, "WITHSCORES");
      standReads.zrange(stand.waiting, 0, -1, "WITHSCORES");
      standReads.hmget(stand.meta, "called", "interviewing");
    }
    const standResults = ((await standReads.exec()) ?? []) as Results;
    standIds.forEach((standId, index) => {
      const raw = value(standResults, index * 4, `entries of ${standId}`) as Record<string, string>;
      const queue = scores(value(standResults, index * 4 + 1, `queue of ${standId}`));
      const waiting = scores(value(standResults, index * 4 + 2, `waiting of ${standId}`));
      const meta = value(standResults, index * 4 + 3, `meta of ${standId}`) as (string | null)[];
      const count = { called: 0, interviewing: 0 };
      for (const [candidateId, json] of Object.entries(raw)) {
        const entry = JSON.parse(json) as RawEntry;
        const where = `${standId}/${candidateId}`;
        state.entries += 1;
        let mine = actual.get(candidateId);
        if (!mine) actual.set(candidateId, (mine = new Map()));
        mine.set(standId, entry);
        if (queue.get(candidateId) !== entry.t)
          bad(`${where}: queue ZSET ticket ${queue.get(candidateId)} ≠ entry ${entry.t}`);
        const inWaiting = waiting.get(candidateId);
        if (
          (entry.s === "waiting") !== (inWaiting !== undefined) ||
          (inWaiting !== undefined && inWaiting !== entry.t)
        ) {
          bad(`${where}: ${entry.s} entry, waiting ZSET ${inWaiting ?? "without it"}`);
        }
        const member = `${standId}|${candidateId}`;
        if (entry.s === "called" || entry.s === "interviewing") {
          count[entry.s] += 1;
          if (entry.r && recruiterBusy[entry.r] !== member) {
            bad(
              `${where}: ${entry.s} by ${entry.r}, recruiterBusy says ${recruiterBusy[entry.r] ?? "nothing"}`,
            );
          }
          const marker = busy[candidateId];
          const parsed = marker ? (JSON.parse(marker) as { st?: string; s?: string }) : null;
          if (parsed?.st !== standId || parsed.s !== entry.s) {
            bad(`${where}: ${entry.s} entry, busy marker ${marker ?? "missing"}`);
          }
        }
        if (entry.s === "interviewing") state.interviewing += 1;
        if (entry.s === "called") {
          if (callDeadlines.get(member) !== entry.d) {
            bad(
              `${where}: called until ${entry.d}, callDeadlines ${callDeadlines.get(member) ?? "without it"}`,
            );
          }
          if ((entry.d ?? 0) < now - STUCK_MARGIN_MS) {
            state.stuckCalled.push(
              `${candidateId} at ${standId}, deadline ${now - (entry.d ?? 0)} ms ago`,
            );
          }
        }
      }
      for (const candidateId of queue.keys()) {
        if (!(candidateId in raw)) bad(`${standId}/${candidateId}: ticket without entry`);
      }
      for (const candidateId of waiting.keys()) {
        if (!(candidateId in raw)) bad(`${standId}/${candidateId}: waiting ticket without entry`);
      }
      if (Number(meta[0] ?? 0) !== count.called || Number(meta[1] ?? 0) !== count.interviewing) {
        bad(
          `${standId}: meta counts called ${meta[0]}, interviewing ${meta[1]}; entries ${count.called}, ${count.interviewing}`,
        );
      }
    });

    // The fair's keys must point at entries that exist, in the state they claim.
    const entryAt = (member: string) => {
      const [standId = "", candidateId = ""] = member.split("|");
      return actual.get(candidateId)?.get(standId);
    };
    for (const member of callDeadlines.keys()) {
      if (entryAt(member)?.s !== "called") bad(`callDeadlines ${member}: no called entry`);
    }
    for (const [recruiterId, member] of Object.entries(recruiterBusy)) {
      const entry = entryAt(member);
      if (
        !entry ||
        (entry.s !== "called" && entry.s !== "interviewing") ||
        (entry.r && entry.r !== recruiterId)
      ) {
        bad(
          `recruiterBusy ${recruiterId} → ${member}: ${entry ? `${entry.s} by ${entry.r}` : "no entry"}`,
        );
      }
    }
    for (const [candidateId, marker] of Object.entries(busy)) {
      const { st = "", s = "" } = JSON.parse(marker) as { st?: string; s?: string };
      if (actual.get(candidateId)?.get(st)?.s !== s)
        bad(`${candidateId}: busy marker ${s}@${st} without such entry`);
    }
    for (const [candidateId, csv] of Object.entries(candidateStands)) {
      const mine = actual.get(candidateId);
      for (const standId of csv.split(",").filter(Boolean)) {
        if (!mine?.has(standId))
          bad(`${candidateId}: candidateStands names ${standId} without entry`);
      }
    }

    for (const candidateId of candidateIds) {
      const listed = new Set((candidateStands[candidateId] ?? "").split(",").filter(Boolean));
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
        if (!listed.has(standId)) bad(`${candidateId}: ${standId} not in candidateStands`);
        if (expected.has(standId)) continue;
        const doubt = tracker.doubt(candidateId, standId);
        if (doubt === "internal")
          state.committedDespiteError.push(`${candidateId} joined ${standId}`);
        else if (doubt === "no_ack") tracker.noAckChanges += 1;
        else state.unexpected.push(`${candidateId} at ${standId}`);
      }
      const busyAt = [...mine].filter(
        ([, entry]) => entry.s === "called" || entry.s === "interviewing",
      );
      if (busyAt.length > 1) {
        state.doubleBusy.push(
          `${candidateId}: ${busyAt.map(([standId, entry]) => `${entry.s}@${standId}`).join(", ")}`,
        );
      }
    }
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
