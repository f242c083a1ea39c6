/**
 * The in-process store's data model, laid out per fair like the Redis keys
 * (keys.ts), and the few steps every change is made of: moving an entry
 * between states (which keeps the counts and the waiting line and notes the
 * tickets that entered or left it), taking an entry out, and a no-show. The
 * store (queue.memory.ts) composes them into operations and commits each.
 */
import { TicketLine } from "./queue.memory-line.js";
import type {
  CandidateSnapshot,
  OutboxRecord,
  QueueEntry,
  RecruiterPresence,
  StandCounts,
  StandEntry,
  StandView,
} from "./queue.store.js";

export interface Stand {
  open: boolean;
  version: number;
  entries: Map<string, QueueEntry>;
  /** Every entry by ticket, and the `waiting` ones (where positions are counted). */
  line: TicketLine;
  waiting: TicketLine;
  called: number;
  interviewing: number;
  recruiters: Map<string, RecruiterPresence>;
  /** Newest first. */
  durations: number[];
}

export interface Fair {
  stands: Map<string, Stand>;
  candidateStands: Map<string, Set<string>>;
  /** `booked`: a booked slot's call, which keeps its place while the candidate is away. */
  busy: Map<string, { standId: string; state: "called" | "interviewing"; booked?: boolean }>;
  /** candidateId → last seen, for candidates with a place at this fair. */
  presence: Map<string, number>;
  /** "standId|candidateId" → deadline of an open call. */
  callDeadlines: Map<string, number>;
  /** recruiterId → "standId|candidateId" of their open call or interview. */
  recruiterBusy: Map<string, string>;
  ticket: number;
}

/** One operation's effects, committed at its end: tickets moved per touched stand, outbox records. */
export interface Change {
  stands: Map<string, [number, 1 | -1][]>;
  records: OutboxRecord[];
}

export const MAX_DURATIONS = 20;

export const member = (standId: string, candidateId: string) => `${standId}|${candidateId}`;

export const copyEntry = (entry: QueueEntry): QueueEntry => ({
  ...entry,
  languages: [...entry.languages],
});

export const newChange = (): Change => ({ stands: new Map(), records: [] });

export const newStand = (): Stand => ({
  open: true,
  version: 0,
  entries: new Map(),
  line: new TicketLine(),
  waiting: new TicketLine(),
  called: 0,
  interviewing: 0,
  recruiters: new Map(),
  durations: [],
});

export const newFair = (): Fair => ({
  stands: new Map(),
  candidateStands: new Map(),
  busy: new Map(),
  presence: new Map(),
  callDeadlines: new Map(),
  recruiterBusy: new Map(),
  ticket: 0,
});

export function standOf(fair: Fair, standId: string): Stand {
  let stand = fair.stands.get(standId);
  if (!stand) fair.stands.set(standId, (stand = newStand()));
  return stand;
}

export const outboxEvent = (
  type: Extract<OutboxRecord, { kind: "event" }>["type"],
  standId: string,
  candidateId: string | null,
  extra: { recruiterId?: string; data?: Record<string, unknown> } = {},
): OutboxRecord => ({ kind: "event", type, standId, candidateId, ...extra });

/** Compares two members of a sorted set the way Redis orders ties (by member). */
export const byScoreThenMember = ([a, x]: [string, number], [b, y]: [string, number]) =>
  x - y || (a < b ? -1 : a > b ? 1 : 0);

/** Moves an entry to `next` (null: out of the stand), keeping counts and the waiting line. */
export function transition(
  change: Change,
  standId: string,
  stand: Stand,
  entry: QueueEntry,
  next: QueueEntry["state"] | null,
): void {
  const moved = change.stands.get(standId) ?? [];
  change.stands.set(standId, moved);
  const previous = stand.entries.has(entry.candidateId) ? entry.state : null;
  if (previous === next) return;
  if (previous === "called") stand.called -= 1;
  if (previous === "interviewing") stand.interviewing -= 1;
  if (previous === "waiting" && stand.waiting.delete(entry.ticket)) moved.push([entry.ticket, -1]);
  if (next === null) {
    stand.entries.delete(entry.candidateId);
    stand.line.delete(entry.ticket);
    return;
  }
  if (previous === null) {
    stand.entries.set(entry.candidateId, entry);
    stand.line.add(entry.ticket, entry.candidateId);
  }
  entry.state = next;
  if (next === "called") stand.called += 1;
  if (next === "interviewing") stand.interviewing += 1;
  if (next === "waiting") {
    stand.waiting.add(entry.ticket, entry.candidateId);
    moved.push([entry.ticket, 1]);
  }
}

function freeRecruiter(fair: Fair, entry: QueueEntry, key: string): void {
  if (entry.recruiterId !== undefined && fair.recruiterBusy.get(entry.recruiterId) === key) {
    fair.recruiterBusy.delete(entry.recruiterId);
  }
}

/** Takes an entry out with everything that hangs off it; presence goes with the last place. */
export function removeEntry(fair: Fair, change: Change, standId: string, entry: QueueEntry): void {
  const { candidateId } = entry;
  transition(change, standId, standOf(fair, standId), entry, null);
  const key = member(standId, candidateId);
  fair.callDeadlines.delete(key);
  freeRecruiter(fair, entry, key);
  if (fair.busy.get(candidateId)?.standId === standId) fair.busy.delete(candidateId);
  const stands = fair.candidateStands.get(candidateId);
  stands?.delete(standId);
  if (!stands || stands.size === 0) {
    fair.candidateStands.delete(candidateId);
    fair.presence.delete(candidateId);
  }
}

/**
 * A declined or unanswered call: the first time back to the same ticket, the
 * second time out. A place made for a booking alone goes at once.
 */
export function noShow(
  fair: Fair,
  change: Change,
  standId: string,
  entry: QueueEntry,
  type: "decline" | "no_show",
): "returned" | "removed" {
  const { candidateId, bookingId } = entry;
  change.records.push(
    outboxEvent(type, standId, candidateId, bookingId ? { data: { bookingId } } : {}),
  );
  entry.noShows += 1;
  if (entry.noShows >= 2 || entry.bookedOnly) {
    removeEntry(fair, change, standId, entry);
    const data = { reason: "no_show" };
    change.records.push(outboxEvent("removed", standId, candidateId, { data }));
    return "removed";
  }
  const key = member(standId, candidateId);
  fair.callDeadlines.delete(key);
  freeRecruiter(fair, entry, key);
  fair.busy.delete(candidateId);
  transition(change, standId, standOf(fair, standId), entry, "waiting");
  delete entry.callDeadline;
  delete entry.recruiterId;
  delete entry.bookingId;
  delete entry.plannedEndsAt;
  return "returned";
}

// ---- reads ----

export function standCounts(stand: Stand): StandCounts {
  return {
    open: stand.open,
    version: stand.version,
    queueLength: stand.entries.size,
    waiting: stand.waiting.size,
    called: stand.called,
    interviewing: stand.interviewing,
  };
}

export function standView(stand: Stand, candidateId?: string): StandView {
  const entry = candidateId === undefined ? undefined : stand.entries.get(candidateId);
  return {
    ...standCounts(stand),
    recruiters: [...stand.recruiters.values()].map((recruiter) => ({
      ...recruiter,
      languages: [...recruiter.languages],
    })),
    recentDurationsMs: [...stand.durations],
    mine: entry ? { entry: copyEntry(entry), ahead: stand.waiting.rank(entry.ticket) } : null,
  };
}

/** The first `limit` entries (all without one) in ticket order, as staff see them. */
export function standEntries(fair: Fair, standId: string, stand: Stand, limit?: number) {
  return stand.line.head(limit).map((candidateId): StandEntry => {
    const busy = fair.busy.get(candidateId);
    return {
      ...copyEntry(stand.entries.get(candidateId)!),
      frozen: busy !== undefined && busy.standId !== standId,
      lastSeen: fair.presence.get(candidateId) ?? 0,
    };
  });
}

/** A candidate's places at the fair, in ticket order, and where they are busy. */
export function candidateOf(fair: Fair, candidateId: string): CandidateSnapshot {
  const entries = [...(fair.candidateStands.get(candidateId) ?? [])]
    .flatMap((standId) => {
      const entry = fair.stands.get(standId)?.entries.get(candidateId);
      return entry ? [{ ...copyEntry(entry), standId }] : [];
    })
    .sort((a, b) => a.ticket - b.ticket);
  const busy = fair.busy.get(candidateId);
  return { entries, busy: busy ? { ...busy } : null };
}
