/**
 * Owns the fair hall's live queue figures: while the hall shows, the current
 * fair is watched (`hall:watch`, one room per fair rather than one per stand)
 * and its pushes (`hall:queues`, the changed stands only) are merged in,
 * keeping per stand the figures read last, so an answer and a push crossing
 * each other cannot bring back an older state. After a reconnect the watch is
 * asked again (the old connection's rooms are gone); leaving the hall
 * unwatches. Also the display rule of a card's line: closed, no queue, or how
 * many wait and for about how long. Plain TypeScript, tested without a DOM.
 */
import type { HallQueues, HallStandQueue } from "@crossfair/shared";
import type { RealtimeLink } from "../connection/connection.link.js";
import type { Translate } from "../i18n/i18n.setup.js";
import { waitMinutes } from "../queue/queue.view.js";
import { LatestRequest, StateStore } from "../store/state-store.js";

export interface HallQueuesState {
  /** The fair watched while the hall shows, else null. */
  fairId: string | null;
  /** Latest figures by stand; a stand not here has none yet (no line on its card). */
  stands: Readonly<Record<string, HallStandQueue>>;
}

const EMPTY: HallQueuesState = { fairId: null, stands: {} };

export class HallQueuesManager extends StateStore<HallQueuesState> {
  readonly #link: RealtimeLink;

  #fairId: string | null = null;
  #figures = new Map<string, HallStandQueue>();
  /** Which `view` call is current: an older one's stop must not end a newer watch. */
  readonly #views = new LatestRequest();
  /** Renewed on every (re)watch and stop, so a late answer of an old request is ignored. */
  readonly #requests = new LatestRequest();
  readonly #detach: (() => void)[];

  constructor(link: RealtimeLink) {
    super(EMPTY);
    this.#link = link;
    this.#detach = [
      link.on("hall:queues", (message) => this.#merge(message)),
      link.onConnect(() => {
        if (this.#fairId) this.#watch(this.#fairId);
      }),
    ];
  }

  /** Built fresh on each read: the watches and the call countdown change between emits. */
  override get state(): HallQueuesState {
    return this.#snapshot();
  }

  /** Watches a fair's figures while its hall is on screen; returns the stop. */
  view(fairId: string): () => void {
    const viewing = this.#views.start();
    if (fairId !== this.#fairId) {
      this.#stopWatching();
      this.#fairId = fairId;
      this.#emit();
      this.#watch(fairId);
    }
    return () => {
      if (!viewing.isLatest()) return;
      this.#views.cancel();
      this.#stopWatching();
      this.#emit();
    };
  }

  destroy(): void {
    for (const detach of this.#detach) detach();
  }

  #watch(fairId: string): void {
    const generation = this.#requests.start();
    // Not connected: the next connection asks.
    if (!this.#link.connected) return;
    void this.#link.request("hall:watch", { fairId }).then((answer) => {
      // Without an answer the cards simply show no figures; the next connection asks again.
      if (generation.isLatest() && answer.ok) this.#merge(answer);
    });
  }

  #stopWatching(): void {
    const fairId = this.#fairId;
    this.#requests.cancel();
    this.#fairId = null;
    this.#figures = new Map();
    if (fairId && this.#link.connected) void this.#link.request("hall:unwatch", { fairId });
  }

  #merge({ fairId, stands }: HallQueues): void {
    if (fairId !== this.#fairId) return;
    for (const figures of stands) {
      const known = this.#figures.get(figures.standId);
      if (!known || known.at <= figures.at) this.#figures.set(figures.standId, figures);
    }
    this.#emit();
  }

  #snapshot(): HallQueuesState {
    return { fairId: this.#fairId, stands: Object.fromEntries(this.#figures) };
  }

  #emit(): void {
    this.set(this.#snapshot());
  }
}

/** What a stand card says about its queue. */
export type StandQueueLine =
  | { kind: "closed" }
  | { kind: "empty" }
  | { kind: "waiting"; waiting: number; minutes: number | null };

export function standQueueLine(figures: HallStandQueue): StandQueueLine {
  if (!figures.open) return { kind: "closed" };
  if (figures.waiting === 0) return { kind: "empty" };
  return {
    kind: "waiting",
    waiting: figures.waiting,
    minutes: figures.waitEstimateMs === null ? null : waitMinutes(figures.waitEstimateMs),
  };
}

/** "4 waiting · about 12 min", "No queue — walk right in" or "Closed", in the UI language. */
export function standQueueLabel(t: Translate, line: StandQueueLine): string {
  if (line.kind === "closed") return t("stand.queue.closed");
  if (line.kind === "empty") return t("stand.queue.empty");
  return line.minutes === null
    ? t("stand.queue.waiting", { count: line.waiting })
    : t("stand.queue.waitingAbout", { count: line.waiting, minutes: line.minutes });
}
