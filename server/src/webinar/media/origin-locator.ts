/**
 * Where each group session's origin is, across processes: the heartbeat that
 * announces this process (how many origins it holds) and learns who is alive,
 * and the placement of an origin on its first join, or anew when its process
 * died (the claim then names the dead owner, so exactly one process takes it).
 */
import { ErrorCode } from "@crossfair/shared";
import { AppError } from "../../plugins/errors.js";
import type { ProcessLoad, SessionDirectory } from "../../interview/session/session.directory.js";
import { OwnerUnreachable } from "../../interview/session/session.relay.js";
import { chooseOriginProcess } from "./broadcast-placement.js";

/** A process unseen for this many beats is dead. */
const BEATS_TO_DEATH = 3;

export interface OriginLocatorOptions {
  processId: string;
  directory: SessionDirectory;
  heartbeatMs: number;
  /** Live media workers here: without any, this process takes no origin. */
  workers(): number;
  clock: () => number;
}

export class OriginLocator {
  #alive = new Map<string, ProcessLoad>();

  constructor(private readonly options: OriginLocatorOptions) {}

  /** The processes alive at the last look, this one included. */
  alive(): Set<string> {
    return new Set([...this.#alive.keys(), this.options.processId]);
  }

  /** One heartbeat: tells the others this process's load and reads theirs. */
  async announce(origins: number): Promise<void> {
    const now = this.options.clock();
    await this.options.directory.announce({
      processId: this.options.processId,
      sessions: origins,
      workers: this.options.workers(),
      draining: false,
      seenAt: now,
    });
    await this.#readAlive(now);
  }

  /**
   * Runs `run` at the session's origin process; with `place` (a join) the
   * origin is placed first if it has none, and once more if it turns out dead.
   */
  async atOrigin(
    webinarId: string,
    place: boolean,
    run: (owner: string) => Promise<unknown>,
  ): Promise<{ owner: string; value: unknown }> {
    let owner = await this.#owner(webinarId, place);
    try {
      return { owner, value: await run(owner) };
    } catch (error) {
      if (!(error instanceof OwnerUnreachable) || !place) throw error;
      await this.#readAlive(this.options.clock());
      if (this.#alive.has(owner)) throw error;
      owner = await this.#place(webinarId, owner);
      return { owner, value: await run(owner) };
    }
  }

  async release(webinarId: string): Promise<void> {
    await this.options.directory.release(webinarId, this.options.processId);
  }

  async withdraw(): Promise<void> {
    await this.options.directory.withdraw(this.options.processId);
  }

  async #readAlive(now: number): Promise<void> {
    const processes = await this.options.directory.processes(
      now,
      this.options.heartbeatMs * BEATS_TO_DEATH,
    );
    this.#alive = new Map(processes.map((load) => [load.processId, load]));
  }

  async #owner(webinarId: string, place: boolean): Promise<string> {
    const owner = await this.options.directory.owner(webinarId);
    if (owner !== null && (await this.#isAlive(owner))) return owner;
    if (!place) throw new AppError(ErrorCode.forbidden, "join the session first");
    return this.#place(webinarId, owner ?? undefined);
  }

  async #isAlive(processId: string): Promise<boolean> {
    if (processId === this.options.processId || this.#alive.has(processId)) return true;
    // Perhaps a process that started since the last beat: look before taking its session.
    await this.#readAlive(this.options.clock());
    return this.#alive.has(processId);
  }

  async #place(webinarId: string, replacing?: string): Promise<string> {
    const { processId } = this.options;
    const chosen =
      chooseOriginProcess([...this.#alive.values()], processId, replacing) ?? processId;
    if (chosen === processId && this.options.workers() === 0) {
      throw new AppError(ErrorCode.unavailable, "video is disabled");
    }
    return this.options.directory.claim(webinarId, chosen, replacing);
  }
}
