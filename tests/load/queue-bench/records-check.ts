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
