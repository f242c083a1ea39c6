/**
 * Owns which stands this client watches and what it knows of each one's
 * line: a stand is watched while its page is open (counted, so one page
 * closing does not end another's watch) or while the candidate is queued
 * there. Reads each stand with `queue:watch` (first look, a new ticket, a
 * return to waiting, a lost version, a reconnect), routes `queue:delta` to the
 * stand's `StandLine`, and unwatches a stand nobody needs any more.
 */
import {
  ErrorCode,
  type MyQueue,
  type StandQueueCounts,
  type StandQueueView,
} from "@crossfair/shared";
import type { RealtimeLink } from "../connection/connection.link.js";
import { LatestRequest, type RequestToken } from "../store/state-store.js";
import { StandLine, type LineTimers } from "./stand-line.js";

/** Failures worth another read of a stand whose line has a gap; others would only repeat. */
const RETRIED = new Set<string>([ErrorCode.unavailable, ErrorCode.rateLimited]);

export interface StandWatchesOptions {
  /** Something shown changed: counts or someone's place. */
  onChange: () => void;
  gapMs?: number;
  timers?: LineTimers;
}

export class StandWatches {
  readonly #link: RealtimeLink;
  readonly #options: StandWatchesOptions;
  readonly #lines = new Map<string, StandLine>();
  /** Stand pages open on screen, counted. */
  readonly #viewed = new Map<string, number>();
  /** The candidate's places, by stand. */
  #queued = new Map<string, MyQueue>();
  /**
   * The generation in which each stand was last read. A read of an older generation (before a
   * reconnect or a change of user) no longer counts: its answer is dropped, so the stand must
   * be read again, or the place would show no position until the next lost version.
   */
  readonly #readIn = new Map<string, RequestToken>();
  /** A generation is the latest token; a reconnect or a change of user cancels it. */
  readonly #generations = new LatestRequest();
  readonly #detach: (() => void)[];

  constructor(link: RealtimeLink, options: StandWatchesOptions) {
    this.#link = link;
    this.#options = options;
    this.#detach = [
      link.on("queue:delta", (delta) => {
        const line = this.#lines.get(delta.standId);
        if (!line) return;
        line.delta(delta);
        options.onChange();
      }),
    ];
  }

  /** Latest counts of every watched stand known so far. */
  counts(): Record<string, StandQueueCounts> {
    const counts: Record<string, StandQueueCounts> = {};
    for (const [standId, line] of this.#lines) if (line.counts) counts[standId] = line.counts;
    return counts;
  }

  countsOf(standId: string): StandQueueCounts | null {
    return this.#lines.get(standId)?.counts ?? null;
  }

  /** Waiting entries ahead of `entry`'s ticket, when known for that very ticket. */
  aheadOf(entry: MyQueue): number | null {
    const line = this.#lines.get(entry.standId);
    return line && line.ticket === entry.ticket ? line.ahead : null;
  }

  /** A stand page opened; returns its close. */
  view(standId: string): () => void {
    this.#viewed.set(standId, (this.#viewed.get(standId) ?? 0) + 1);
    this.#watch(standId);
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      const left = (this.#viewed.get(standId) ?? 1) - 1;
      if (left > 0) {
        this.#viewed.set(standId, left);
        return;
      }
      this.#viewed.delete(standId);
      this.#release(standId);
      this.#options.onChange();
    };
  }

  /**
   * The candidate's places changed. A new ticket, or a return to waiting (a
   * no-show put back, ready after a snooze), reads the stand again: the line's
   * base may predate the change. `view`, the stand's view the server read right
   * after the change that answered one of these places, stands in for that read.
   */
  track(places: readonly MyQueue[], view?: StandQueueView): void {
    const previous = this.#queued;
    this.#queued = new Map(places.map((entry) => [entry.standId, entry]));
    for (const entry of places) {
      const line = this.#lineOf(entry.standId);
      const newTicket = line.setTicket(entry.ticket);
      const backInLine =
        entry.state === "waiting" && previous.get(entry.standId)?.state !== "waiting";
      if (!newTicket && !backInLine) this.#watch(entry.standId);
      else if (view?.standId === entry.standId && this.#link.connected) {
        this.#readIn.set(entry.standId, this.#generations.current);
        line.view(view, line.startRead());
      } else this.#read(entry.standId);
    }
    for (const standId of previous.keys()) {
      if (!this.#queued.has(standId)) this.#release(standId);
    }
  }

  /** A change of user: answers of earlier reads no longer count. */
  invalidate(): void {
    this.#generations.cancel();
  }

  /** A fresh connection: the server forgot our watches, and pushes may have been lost. */
  reconnected(): void {
    this.#generations.cancel();
    this.#readIn.clear();
    for (const [standId, line] of this.#lines) {
      line.reset();
      this.#read(standId);
    }
  }

  destroy(): void {
    for (const detach of this.#detach) detach();
    for (const line of this.#lines.values()) line.dispose();
    this.#generations.cancel();
  }

  /** Makes sure the stand is watched (read once) in this generation. */
  #watch(standId: string): void {
    this.#lineOf(standId);
    if (this.#readIn.get(standId) !== this.#generations.current) this.#read(standId);
  }

  /** One `queue:watch`: subscribes to the stand and rebases its line on the answer. */
  #read(standId: string): void {
    const line = this.#lines.get(standId);
    if (!line || !this.#link.connected) return;
    const generation = this.#generations.current;
    this.#readIn.set(standId, generation);
    const token = line.startRead();
    void this.#link.request("queue:watch", { standId }).then((result) => {
      if (!generation.isLatest() || this.#lines.get(standId) !== line) return;
      if (result.ok) line.view(result.update, token);
      else {
        const latest = line.readFailed(token, RETRIED.has(result.code));
        // A failed watch may have left the room on the server: the next look reads again.
        if (latest && this.#readIn.get(standId) === generation) this.#readIn.delete(standId);
      }
      this.#options.onChange();
    });
  }

  #lineOf(standId: string): StandLine {
    let line = this.#lines.get(standId);
    if (!line) {
      const { gapMs, timers } = this.#options;
      line = new StandLine({ gapMs, timers, onGap: () => this.#read(standId) });
      this.#lines.set(standId, line);
    }
    return line;
  }

  /** Stops watching a stand nobody looks at and the candidate is not queued at. */
  #release(standId: string): void {
    const line = this.#lines.get(standId);
    if (!line) return;
    const queued = this.#queued.has(standId);
    if (!queued) line.setTicket(null);
    if (queued || this.#viewed.has(standId)) return;
    line.dispose();
    this.#lines.delete(standId);
    this.#readIn.delete(standId);
    if (this.#link.connected) void this.#link.request("queue:unwatch", { standId });
  }
}
