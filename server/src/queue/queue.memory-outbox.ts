/**
 * The in-process store's outbox: per fair, the entries appended with each
 * change, handed to consumers the way a Redis stream with one consumer group
 * does (new entries once, then pending ones re-claimed after they sat idle).
 * Ids are `${ms}-${seq}` like stream ids, from the wall clock but never
 * going backwards, so they are unique and increasing within a fair.
 */
import type { OutboxEntry, OutboxRecord, QueueOutbox } from "./queue.store.js";

interface Stored {
  entry: OutboxEntry;
  /** Who holds it and since when (wall clock), once handed out. */
  consumer?: string;
  deliveredAt?: number;
}

interface FairOutbox {
  /** Insertion order is id order. */
  entries: Map<string, Stored>;
  /** Ids never handed out, oldest first (the stream's `>` cursor). */
  unread: string[];
  lastMs: number;
  seq: number;
}

const copyEntry = (entry: OutboxEntry): OutboxEntry => structuredClone(entry);

export class MemoryOutbox implements QueueOutbox {
  readonly #fairs = new Map<string, FairOutbox>();

  /** Appends one change's records; called inside the change, so atomically with it. */
  append(fairId: string, at: number, records: OutboxRecord[]): void {
    if (records.length === 0) return;
    let fair = this.#fairs.get(fairId);
    if (!fair) {
      fair = { entries: new Map(), unread: [], lastMs: 0, seq: 0 };
      this.#fairs.set(fairId, fair);
    }
    const ms = Date.now();
    if (ms > fair.lastMs) {
      fair.lastMs = ms;
      fair.seq = 0;
    } else {
      fair.seq += 1;
    }
    const id = `${fair.lastMs}-${fair.seq}`;
    fair.entries.set(id, { entry: structuredClone({ fairId, id, at, records }) });
    fair.unread.push(id);
  }

  async fairs(): Promise<string[]> {
    return [...this.#fairs].filter(([, fair]) => fair.entries.size > 0).map(([fairId]) => fairId);
  }

  async read(
    fairId: string,
    consumer: string,
    count: number,
    claimIdleMs: number,
  ): Promise<OutboxEntry[]> {
    const fair = this.#fairs.get(fairId);
    if (!fair || count <= 0) return [];
    const now = Date.now();
    const out: OutboxEntry[] = [];
    // Like XAUTOCLAIM: any pending entry idle long enough, whoever held it
    // (a lone consumer whose commit failed gets its own entries back too).
    for (const stored of fair.entries.values()) {
      if (out.length >= count) break;
      if (stored.consumer === undefined) continue;
      if (now - (stored.deliveredAt ?? now) < claimIdleMs) continue;
      stored.consumer = consumer;
      stored.deliveredAt = now;
      out.push(copyEntry(stored.entry));
    }
    while (out.length < count && fair.unread.length > 0) {
      const stored = fair.entries.get(fair.unread.shift()!);
      if (!stored) continue;
      stored.consumer = consumer;
      stored.deliveredAt = now;
      out.push(copyEntry(stored.entry));
    }
    return out;
  }

  async ack(fairId: string, ids: readonly string[]): Promise<void> {
    const fair = this.#fairs.get(fairId);
    if (!fair) return;
    const acked = new Set(ids.filter((id) => fair.entries.delete(id)));
    if (acked.size > 0) fair.unread = fair.unread.filter((id) => !acked.has(id));
  }

  async lag(fairId: string, now: number): Promise<{ pending: number; oldestAgeMs: number | null }> {
    const fair = this.#fairs.get(fairId);
    const oldest = fair?.entries.values().next().value;
    return {
      pending: fair?.entries.size ?? 0,
      oldestAgeMs: oldest ? Math.max(0, now - oldest.entry.at) : null,
    };
  }
}
