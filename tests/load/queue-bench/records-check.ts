/**
 * "Records lost once the outbox has drained": what the bots were told was
 * done must be in PostgreSQL once the fair's outbox is empty, whichever
 * process made the change and whichever process (if any) died since.
 * - every join acked OK (one per ticket) has a `queue_events` row of type
 *   `join` for that candidate and stand;
 * - every accept acked with an interview id has an `interviews` row with
 *   that id and an `accept` event for that candidate and stand;
 * - every interview end answered OK has that interview's `ended_at` set.
 * Counted per candidate and stand, so a place joined twice needs two rows.
 */
import pg from "pg";
import type { InvariantTracker } from "./tracker.js";

const pairKey = (candidateId: string, standId: string) => `${candidateId}|${standId}`;

/** What the bots were told, as the records check needs it. */
export class RecordsLedger {
  /** candidate|stand → tickets of joins acked OK (an "already there" answer repeats a ticket). */
  readonly joins = new Map<string, Set<number>>();
  /** candidate|stand → interview ids of accepts acked OK. */
  readonly accepts = new Map<string, Set<string>>();
  /** Interviews whose end was answered OK. */
  readonly ends = new Set<string>();
  /** candidate|stand → the latest accepted interview and when its ack came. */
  readonly #latest = new Map<string, { interviewId: string; at: number }>();

  joined(candidateId: string, standId: string, ticket: number): void {
    add(this.joins, pairKey(candidateId, standId), ticket);
  }

  accepted(candidateId: string, standId: string, interviewId: string): void {
    add(this.accepts, pairKey(candidateId, standId), interviewId);
    this.#latest.set(pairKey(candidateId, standId), { interviewId, at: Date.now() });
  }

  /** The interview the candidate accepted at the stand since `since` (epoch ms), if any. */
  interviewSince(candidateId: string, standId: string, since: number): string | null {
    const latest = this.#latest.get(pairKey(candidateId, standId));
    return latest && latest.at >= since ? latest.interviewId : null;
  }

  ended(interviewId: string): void {
    this.ends.add(interviewId);
  }
}

function add<T>(map: Map<string, Set<T>>, key: string, value: T): void {
  let values = map.get(key);
  if (!values) map.set(key, (values = new Set()));
  values.add(value);
}

export interface RecordsCheck {
  checked: { joins: number; accepts: number; ends: number };
  missing: { joinEvents: number; interviews: number; acceptEvents: number; endedAt: number };
  /** Examples of what is missing, for the report. */
  examples: string[];
  /** `queue_events` rows of the fair: the event records that reached PostgreSQL. */
  eventRows: number;
  lost: number;
}

export async function checkRecords(
  databaseUrl: string,
  fairId: string,
  ledger: RecordsLedger,
): Promise<RecordsCheck> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const eventCounts = async (type: string) => {
      const { rows } = await client.query<{ candidate_id: string; stand_id: string; n: number }>(
        `select candidate_id, stand_id, count(*)::int as n from queue_events
          where fair_id = $1 and type = $2 group by candidate_id, stand_id`,
        [fairId, type],
      );
      return new Map(rows.map((row) => [pairKey(row.candidate_id, row.stand_id), row.n]));
    };
    const examples: string[] = [];
    const shortfall = (
      expected: Map<string, Set<unknown>>,
      rows: Map<string, number>,
      what: string,
    ) => {
      let missing = 0;
      for (const [pair, values] of expected) {
        const short = values.size - (rows.get(pair) ?? 0);
        if (short <= 0) continue;
        missing += short;
        if (examples.length < 10) examples.push(`${what} ×${short} for ${pair}`);
      }
      return missing;
    };
    const joinEvents = shortfall(ledger.joins, await eventCounts("join"), "join event");
    const acceptEvents = shortfall(ledger.accepts, await eventCounts("accept"), "accept event");

    const acceptedIds = [...ledger.accepts.values()].flatMap((ids) => [...ids]);
    const wanted = [...new Set([...acceptedIds, ...ledger.ends])];
    const { rows: interviewRows } = await client.query<{ id: string; ended: boolean }>(
      `select id, ended_at is not null as ended from interviews where id = any($1::uuid[])`,
      [wanted],
    );
    const ended = new Map(interviewRows.map((row) => [row.id, row.ended]));
    const interviews = acceptedIds.filter((id) => !ended.has(id));
    const notEnded = [...ledger.ends].filter((id) => ended.get(id) !== true);
    for (const id of interviews.slice(0, 5)) examples.push(`interviews row ${id}`);
    for (const id of notEnded.slice(0, 5)) examples.push(`ended_at of interview ${id}`);

    const { rows: counted } = await client.query<{ n: number }>(
      `select count(*)::int as n from queue_events where fair_id = $1`,
      [fairId],
    );
    const sum = (map: Map<string, Set<unknown>>) =>
      [...map.values()].reduce((total, values) => total + values.size, 0);
    const missing = {
      joinEvents,
      interviews: interviews.length,
      acceptEvents,
      endedAt: notEnded.length,
    };
    return {
      checked: { joins: sum(ledger.joins), accepts: acceptedIds.length, ends: ledger.ends.size },
      missing,
      examples,
      eventRows: counted[0]?.n ?? 0,
      lost: missing.joinEvents + missing.interviews + missing.acceptEvents + missing.endedAt,
    };
  } finally {
    await client.end();
  }
}

/** The reconnect grace the benches give their servers (the server's default). */
export const BENCH_RECONNECT_GRACE_S = 90;

/** What the durable records explain among the violations the bots saw. */
export async function explainByRecords(
  databaseUrl: string,
  fairId: string,
  tracker: InvariantTracker,
): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await explainMissingPlaces(client, fairId, tracker, BENCH_RECONNECT_GRACE_S * 1_000);
    await explainDoubleCalls(client, fairId, tracker);
  } finally {
    await client.end();
  }
}

/** Event types that end a place. */
const PLACE_ENDINGS = ["leave", "removed", "interview_end"];

/**
 * A place missing when its candidate came back (or when a leave or snooze
 * found it gone) is lost unless the durable records show the queue ended it
 * in that window, for a reason the rules allow: a second no-show, an
 * interview that ended, their own leave (in flight, or run twice when Redis
 * dropped the connection under it), or the reconnect grace lapsing (only if
 * they were away that long).
 * What the records explain leaves `tracker.lost`; what they do not stays, its
 * detail saying what the records show.
 */
async function explainMissingPlaces(
  client: pg.Client,
  fairId: string,
  tracker: InvariantTracker,
  graceMs: number,
): Promise<void> {
  const places = tracker.missingPlaces;
  if (places.length === 0) return;
  const { rows } = await client.query<{
    candidate_id: string;
    stand_id: string;
    type: string;
    reason: string | null;
    at: Date;
  }>(
    `select candidate_id, stand_id, type, data->>'reason' as reason, at from queue_events
        where fair_id = $1 and type = any($2::queue_event_type[])
          and candidate_id = any($3::uuid[])`,
    [fairId, PLACE_ENDINGS, [...new Set(places.map((place) => place.candidateId))]],
  );
  const endings = new Map<string, { type: string; reason: string | null; at: number }[]>();
  for (const row of rows) {
    const key = pairKey(row.candidate_id, row.stand_id);
    const list = endings.get(key) ?? [];
    list.push({ type: row.type, reason: row.reason, at: row.at.getTime() });
    endings.set(key, list);
  }
  for (const place of places) {
    // The server's clock and a late ack blur the edges by a second or two.
    const ending = endings
      .get(pairKey(place.candidateId, place.standId))
      ?.find((event) => event.at >= place.from - 2_000 && event.at <= place.to + 2_000);
    const awayS = Math.round((place.to - place.from) / 1000);
    const explanation = explain(ending, place.away, place.to - place.from, graceMs);
    if (explanation) tracker.explainLoss(place, explanation);
    else {
      place.violation.detail += ending
        ? ` (records: ${ending.type} ${ending.reason ?? ""} after ${awayS} s away)`
        : ` (no ending on record; away ${awayS} s)`;
    }
  }
}

function explain(
  ending: { type: string; reason: string | null } | undefined,
  away: boolean,
  awayMs: number,
  graceMs: number,
): string | null {
  if (!ending) return null;
  if (ending.type === "leave") {
    return away ? "left while away (a leave in flight)" : "left by this very leave (run twice)";
  }
  if (ending.reason === "no_show") {
    return away ? "removed as a no-show while away" : "removed as a no-show as the request went";
  }
  // The server last saw them at a heartbeat before they left, and its sweep may run late.
  if (ending.reason === "connection_lost") {
    return away && awayMs >= graceMs - 20_000 ? "reconnect grace lapsed while away" : null;
  }
  if (ending.type === "interview_end") return "interview ended meanwhile";
  return `removed (${ending.reason ?? "no reason"}) meanwhile`;
}

/**
 * A call made while the bots believed the candidate in an interview elsewhere
 * is a double call unless the records show the server had ended that
 * interview before the call: the server ends interviews nobody joined (the
 * bots never join the media) and those whose process died, and tells only the
 * queue. What the records explain leaves `tracker.doubleCalls`.
 */
async function explainDoubleCalls(
  client: pg.Client,
  fairId: string,
  tracker: InvariantTracker,
): Promise<void> {
  const calls = tracker.callsDuringInterviews;
  if (calls.length === 0) return;
  const { rows: ended } = await client.query<{ id: string; ended_at: Date | null }>(
    `select id, ended_at from interviews where id = any($1::uuid[])`,
    [calls.map((call) => call.interviewId)],
  );
  const endedAt = new Map(ended.map((row) => [row.id, row.ended_at?.getTime() ?? null]));
  const { rows: callRows } = await client.query<{
    candidate_id: string;
    stand_id: string;
    at: Date;
  }>(
    `select candidate_id, stand_id, at from queue_events
        where fair_id = $1 and type = 'call' and candidate_id = any($2::uuid[])`,
    [fairId, [...new Set(calls.map((call) => call.candidateId))]],
  );
  for (const call of calls) {
    // The call the bot saw: the latest one at that stand by the time it was seen.
    const callAt = callRows
      .filter(
        (row) =>
          row.candidate_id === call.candidateId &&
          row.stand_id === call.standId &&
          row.at.getTime() <= call.seenAt + 2_000,
      )
      .reduce((latest, row) => Math.max(latest, row.at.getTime()), -1);
    const end = endedAt.get(call.interviewId) ?? null;
    if (callAt >= 0 && end !== null && end <= callAt) {
      tracker.explainDoubleCall(call, "the server had ended the interview before the call");
    } else {
      call.violation.detail +=
        end === null
          ? " (records: the interview has no end)"
          : ` (records: interview ended ${callAt < 0 ? "?" : end - callAt} ms after the call)`;
    }
  }
}
