/**
 * This process's view of who is connected: candidates (for the reconnect
 * grace) and recruiters with an open stand console (for "active recruiters").
 * A heartbeat refreshes both in the shared store, so a process that dies
 * simply stops refreshing and its people fade out after the grace; a sweep
 * expires calls and graces (every process sweeps; the store makes it safe).
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
  readonly #consoles = new Map<string, { console: Console; sockets: number }>();
  #heartbeat: NodeJS.Timeout | undefined;
  #sweeper: NodeJS.Timeout | undefined;

  constructor(
    private readonly service: QueueService,
    private readonly log: Logger,
    private readonly heartbeatMs: number,
    private readonly sweepMs = 1_000,
  ) {}

  start(): void {
    this.#heartbeat = setInterval(() => void this.#beat(), this.heartbeatMs);
    this.#sweeper = setInterval(() => void this.#sweep(), this.sweepMs);
  }

  stop(): void {
    clearInterval(this.#heartbeat);
    clearInterval(this.#sweeper);
  }

  async candidateConnected(candidateId: string): Promise<void> {
    this.#candidates.set(candidateId, (this.#candidates.get(candidateId) ?? 0) + 1);
    await this.service.candidatesSeen([candidateId]);
  }

  /** The grace starts now: the last time seen is the moment of the disconnect. */
  async candidateDisconnected(candidateId: string): Promise<void> {
    const left = (this.#candidates.get(candidateId) ?? 1) - 1;
    if (left > 0) {
      this.#candidates.set(candidateId, left);
      await this.service.candidatesSeen([candidateId]);
    } else {
      this.#candidates.delete(candidateId);
      // Connected through another process too? Its next heartbeat marks them connected again.
      await this.service.candidateGone(candidateId);
    }
  }

  async consoleOpened(console: Console): Promise<void> {
    const key = `${console.standId}|${console.recruiterId}`;
    const known = this.#consoles.get(key);
    this.#consoles.set(key, { console, sockets: (known?.sockets ?? 0) + 1 });
    await this.service.staff.recruiterSeen(console.standId, console.recruiterId, console.languages);
  }

  async consoleClosed(standId: string, recruiterId: string): Promise<void> {
    const key = `${standId}|${recruiterId}`;
    const known = this.#consoles.get(key);
    if (!known) return;
    if (known.sockets > 1) {
      known.sockets -= 1;
      return;
    }
    this.#consoles.delete(key);
    await this.service.staff.recruiterGone(standId, recruiterId);
  }

  async #beat(): Promise<void> {
    try {
      await this.service.candidatesSeen([...this.#candidates.keys()]);
      for (const { console } of this.#consoles.values()) {
        await this.service.staff.recruiterSeen(
          console.standId,
          console.recruiterId,
          console.languages,
        );
      }
    } catch (error) {
      this.log.warn({ err: error }, "queue heartbeat failed");
    }
  }

  async #sweep(): Promise<void> {
    try {
      await this.service.sweep();
    } catch (error) {
      this.log.warn({ err: error }, "queue sweep failed");
    }
  }
}
