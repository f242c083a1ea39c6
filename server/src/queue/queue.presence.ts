/**
 * This process's view of who is connected: candidates (for the reconnect
 * grace) and recruiters with an open stand console (for "active recruiters").
 * A heartbeat refreshes both in the shared store, so a process that dies
 * simply stops refreshing and its people fade out after the grace; a sweep
 * expires calls and graces (every process sweeps; the store makes it safe).
 * A console follows its owner's staff membership: someone removed from a
 * stand's staff stops counting as an active recruiter at once.
 *
 * While the store cannot be reached, nobody's mark is refreshed, so when it
 * comes back every mark looks older than the grace. Lapsed graces are
 * therefore expired only once the store has answered for a whole online
 * window again (every process's heartbeats have marked their people by then);
 * calls still expire meanwhile.
 */
import type { Language } from "@crossfair/shared";
import type { Logger } from "pino";
import type { QueueService } from "./queue.service.js";

interface Console {
  standId: string;
  recruiterId: string;
  languages: Language[];
}

export class QueuePresence {
  readonly #candidates = new Map<string, number>();
  /** Open consoles by stand and recruiter, with the sockets that hold each open. */
  readonly #consoles = new Map<string, { console: Console; sockets: Set<string> }>();
  #heartbeat: NodeJS.Timeout | undefined;
  #warming = false;
  #sweeper: NodeJS.Timeout | undefined;
  /** Since when beats and sweeps have reached the store without a break; null after a failure. */
  #healthySince: number | null = null;
  /** When a beat or sweep last went through. */
  #lastSuccess = 0;
  /** One beat and one sweep at a time: calls piled up in a dead connection would run late, with stale times. */
  #beating = false;
  #sweeping = false;

  /**
   * `onlineWindowMs` is the queue's (QueueTimings): every connected candidate
   * is marked within it. Its default is the same 2.5 heartbeats.
   */
  constructor(
    private readonly service: QueueService,
    private readonly log: Logger,
    private readonly heartbeatMs: number,
    private readonly onlineWindowMs = heartbeatMs * 2.5,
    private readonly sweepMs = 1_000,
  ) {}

  /** The start counts as a recovery: people connected elsewhere get a window to be marked. */
  start(): void {
    this.#healthySince = this.#lastSuccess = Date.now();
    this.#warm();
    this.#heartbeat = setInterval(() => void this.#beat(), this.heartbeatMs);
    this.#sweeper = setInterval(() => void this.#sweep(), this.sweepMs);
  }

  stop(): void {
    clearInterval(this.#heartbeat);
    clearInterval(this.#sweeper);
  }

  async candidateConnected(candidateId: string): Promise<void> {
    this.#candidates.set(candidateId, (this.#candidates.get(candidateId) ?? 0) + 1);
    await this.service.upkeep.candidatesSeen([candidateId]);
  }

  /** The grace starts now: the last time seen is the moment of the disconnect. */
  async candidateDisconnected(candidateId: string): Promise<void> {
    const left = (this.#candidates.get(candidateId) ?? 1) - 1;
    if (left > 0) {
      this.#candidates.set(candidateId, left);
      await this.service.upkeep.candidatesSeen([candidateId]);
    } else {
      this.#candidates.delete(candidateId);
      // Connected through another process too? Its next heartbeat marks them connected again.
      await this.service.upkeep.candidateGone(candidateId);
    }
  }

  /**
   * A socket opens a console. True when it was not yet open for that socket,
   * so the caller shows a view that counts the recruiter in.
   */
  async consoleOpened(console: Console, socketId: string): Promise<boolean> {
    const key = consoleKey(console.standId, console.recruiterId);
    const held = this.#consoles.get(key) ?? { console, sockets: new Set<string>() };
    if (held.sockets.has(socketId)) return false;
    held.sockets.add(socketId);
    this.#consoles.set(key, held);
    await this.service.staff.recruiterSeen(console.standId, console.recruiterId, console.languages);
    return true;
  }

  async consoleClosed(standId: string, recruiterId: string, socketId: string): Promise<void> {
    const key = consoleKey(standId, recruiterId);
    const held = this.#consoles.get(key);
    if (!held?.sockets.delete(socketId) || held.sockets.size > 0) return;
    this.#consoles.delete(key);
    await this.service.staff.recruiterGone(standId, recruiterId);
  }

  /**
   * A staff membership changed somewhere (any process). A console open here
   * for it closes when the person left the stand's staff, or takes the new
   * languages when they only changed those.
   */
  async membershipChanged(standId: string, recruiterId: string): Promise<void> {
    const key = consoleKey(standId, recruiterId);
    if (!this.#consoles.has(key)) return;
    const membership = await this.service.staff.membership(standId, recruiterId);
    const held = this.#consoles.get(key);
    if (!held) return;
    if (!membership) {
      this.#consoles.delete(key);
      await this.service.staff.recruiterGone(standId, recruiterId);
      return;
    }
    held.console.languages = membership.languages;
    await this.service.staff.recruiterSeen(standId, recruiterId, membership.languages);
  }

  /** The join caches' warm-up, beside the heartbeat; its failure is only logged. */
  #warm(): void {
    if (this.#warming) return;
    this.#warming = true;
    this.service.upkeep
      .warmCaches()
      .catch((error: unknown) => this.log.warn({ err: error }, "queue cache warm-up failed"))
      .finally(() => {
        this.#warming = false;
      });
  }

  async #beat(): Promise<void> {
    this.#warm();
    if (this.#beating) return;
    this.#beating = true;
    try {
      await this.service.upkeep.candidatesSeen([...this.#candidates.keys()]);
      for (const [key, { console }] of [...this.#consoles]) {
        if (!this.#consoles.has(key)) continue;
        await this.service.staff.recruiterSeen(
          console.standId,
          console.recruiterId,
          console.languages,
        );
        // Closed (or its owner removed) while this beat wrote: undo, or they would count again.
        if (!this.#consoles.has(key)) {
          await this.service.staff.recruiterGone(console.standId, console.recruiterId);
        }
      }
      this.#succeeded();
    } catch (error) {
      this.#failed();
      this.log.warn({ err: error }, "queue heartbeat failed");
    } finally {
      this.#beating = false;
    }
  }

  async #sweep(): Promise<void> {
    if (this.#sweeping) return;
    this.#sweeping = true;
    try {
      await this.service.upkeep.sweep({ absent: this.#marksFresh(Date.now()) });
      this.#succeeded();
    } catch (error) {
      this.#failed();
      this.log.warn({ err: error }, "queue sweep failed");
    } finally {
      this.#sweeping = false;
    }
  }

  /** Whether every connected candidate's mark has been refreshed since the store was last out of reach. */
  #marksFresh(now: number): boolean {
    return (
      this.#healthySince !== null &&
      now - this.#healthySince >= this.onlineWindowMs &&
      now - this.#lastSuccess <= this.onlineWindowMs
    );
  }

  #succeeded(): void {
    const now = Date.now();
    // A connection that hangs fails nothing; nothing getting through for a window is an outage too.
    if (this.#healthySince === null || now - this.#lastSuccess > this.onlineWindowMs) {
      this.log.info(
        { unreachableMs: now - this.#lastSuccess, holdMs: this.onlineWindowMs },
        "queue store reachable again: lapsed graces wait until every heartbeat has marked its people",
      );
      this.#healthySince = now;
    }
    this.#lastSuccess = now;
  }

  #failed(): void {
    this.#healthySince = null;
  }
}

function consoleKey(standId: string, recruiterId: string): string {
  return `${standId}|${recruiterId}`;
}
