/**
 * How the Redis queue scripts encode entries, counts and deltas (compact JSON,
 * see keys.ts), and their decoding into the store's types.
 */
import type { Language } from "@crossfair/shared";
import type {
  QueueEntry,
  RecruiterPresence,
  StandCounts,
  StandDelta,
  StandEntry,
  StandRef,
  StandSnapshot,
} from "./queue.store.js";

/** An entry as stored: {t: ticket, s: state, l: languages csv, n: no-shows, j: joined, k: skips, d, r, i, b, o, p}. */
export interface RawEntry {
  t: number;
  s: QueueEntry["state"];
  l: string;
  n: number;
  j: number;
  k?: number;
  d?: number;
  r?: string;
  i?: string;
  /** The booking a booked call is for; `o` when the place exists for it alone. */
  b?: string;
  o?: number;
  /** A booked call's planned interview end. */
  p?: number;
}

/** Counts as scripts return them: o open, v version, n length, w waiting, c called, i interviewing. */
export interface RawCounts {
  o: boolean;
  v: number;
  n: number;
  w: number;
  c: number;
  i: number;
}

export interface RawDelta extends RawCounts {
  ch: unknown;
}

export interface RawStandRead extends RawCounts {
  rs?: unknown;
  du?: unknown;
  me?: RawEntry;
  ahead?: number;
  es?: unknown;
}

/** cjson encodes an empty Lua table as `{}`. */
export const asArray = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

export function toEntry(candidateId: string, raw: RawEntry): QueueEntry {
  const entry: QueueEntry = {
    candidateId,
    ticket: raw.t,
    state: raw.s,
    languages: raw.l ? (raw.l.split(",") as Language[]) : [],
    noShows: raw.n ?? 0,
    joinedAt: raw.j,
    skips: raw.k ?? 0,
  };
  if (raw.d !== undefined) entry.callDeadline = raw.d;
  if (raw.r !== undefined) entry.recruiterId = raw.r;
  if (raw.i !== undefined) entry.interviewId = raw.i;
  if (raw.b !== undefined) entry.bookingId = raw.b;
  if (raw.o) entry.bookedOnly = true;
  if (raw.p !== undefined) entry.plannedEndsAt = raw.p;
  return entry;
}

function toCounts(raw: RawCounts): StandCounts {
  return {
    open: raw.o,
    version: raw.v,
    queueLength: raw.n,
    waiting: raw.w,
    called: raw.c,
    interviewing: raw.i,
  };
}

export function toDelta(ref: StandRef, raw: RawDelta): StandDelta {
  return {
    fairId: ref.fairId,
    standId: ref.standId,
    ...toCounts(raw),
    changes: asArray<[number, 1 | -1]>(raw.ch),
  };
}

/** Every read shape at once; the store returns the part its method promises. */
export function parseStandRead(raw: RawStandRead, candidateId?: string): StandSnapshot {
  const recruiters: RecruiterPresence[] = asArray<{
    id: string;
    p: boolean;
    l: unknown;
    seen: number;
  }>(raw.rs).map((recruiter) => ({
    recruiterId: recruiter.id,
    paused: recruiter.p,
    languages: asArray<Language>(recruiter.l),
    seen: recruiter.seen,
  }));
  const entries: StandEntry[] = asArray<RawEntry & { c: string; f: number; seen: number }>(
    raw.es,
  ).map((entry) => ({ ...toEntry(entry.c, entry), frozen: entry.f === 1, lastSeen: entry.seen }));
  return {
    ...toCounts(raw),
    recruiters,
    recentDurationsMs: asArray<string | number>(raw.du).map(Number),
    mine:
      candidateId && raw.me ? { entry: toEntry(candidateId, raw.me), ahead: raw.ahead ?? 0 } : null,
    entries,
  };
}
