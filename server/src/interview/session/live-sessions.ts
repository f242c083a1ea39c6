/**
 * Live sessions across server processes. A session (today an interview's
 * call) is placed on one owning process, the least loaded that is alive, has
 * a media worker and is not draining; its router and transports live there
 * (InterviewRooms). A socket on any process reaches the session through this
 * front: calls run locally on the owner, or are relayed to it over Redis, and
 * the owner's events reach the members' sockets through the Socket.io adapter.
 *
 * On every heartbeat each process announces its load and reads the others'.
 * Sessions whose owner stopped answering move: their members here are told to
 * reconnect, and the next join places the session anew. The owner drops
 * members whose socket's process died, records that its sessions had someone
 * present, and any process ends sessions nobody has been in for the idle time.
 */
import {
  ErrorCode,
  type InterviewRole,
  type MediaRoomDiagnostics,
  type RoomPeer,
} from "@crossfair/shared";
import type { Logger } from "pino";
import { AppError } from "../../plugins/errors.js";
import type { LiveInterviews } from "../interview.live.js";
import type { InterviewRooms, RoomJoinResult, RoomNotifier } from "../interview.rooms.js";
import {
  runOnOwner,
  type SessionCall,
  type SignalEvent,
  type SignalPayload,
} from "./session.calls.js";
import type { ProcessLoad, SessionDirectory } from "./session.directory.js";
import { OwnerUnreachable, type SessionRelay } from "./session.relay.js";

export interface LiveSessionsOptions {
  processId: string;
  rooms: InterviewRooms;
  directory: SessionDirectory;
  /** Absent in the embedded default: one process owns every session. */
  relay: SessionRelay | null;
  notifier: RoomNotifier;
  live: LiveInterviews;
  /** Ends an interview nobody has been in for `idleEndMs` (the queue entry is repaired after). */
  endAbandoned(interviewId: string): Promise<void>;
  /** Live interviews started before then that have no live copy (see InterviewService). */
  findOrphans(before: number): Promise<string[]>;
  workers(): number;
  heartbeatMs: number;
  idleEndMs: number;
  log: Logger;
  clock?: () => number;
}

/** A process unseen for this many beats is dead. */
const BEATS_TO_DEATH = 3;
/** The idle sweep runs every few beats; presence is recorded on every beat. */
const BEATS_PER_SWEEP = 5;
/** Orphans (a database query) are looked for less often. */
const BEATS_PER_ORPHAN_SWEEP = 30;

interface SocketMemberships {
  userId: string;
  /** sessionId → its owner when this socket joined. */
  sessions: Map<string, string>;
}

export class LiveSessions {
  readonly #options: LiveSessionsOptions;
  readonly #clock: () => number;
  #alive = new Map<string, ProcessLoad>();
  /** Sessions this process placed on another since the last beat (its load is that much higher). */
  readonly #placedSinceBeat = new Map<string, number>();
  readonly #sockets = new Map<string, SocketMemberships>();
  #draining = false;
  #beats = 0;
  #timer: NodeJS.Timeout | undefined;
  #beating: Promise<void> | undefined;

  constructor(options: LiveSessionsOptions) {
    this.#options = options;
    this.#clock = options.clock ?? Date.now;
    options.rooms.onRoomClosed((sessionId) => {
      void options.directory.release(sessionId, options.processId).catch(() => undefined);
    });
  }

  get processId(): string {
    return this.#options.processId;
  }

  /** The processes seen alive at the last heartbeat (this one included once it beat). */
  aliveProcesses(): string[] {
    return [...this.#alive.keys()];
  }

  async start(): Promise<void> {
    this.#options.relay?.serve((call) => runOnOwner(this.#options.rooms, call as SessionCall));
    await this.beat();
    this.#timer = setInterval(() => void this.beat(), this.#options.heartbeatMs);
    this.#timer.unref();
  }

  async join(
    sessionId: string,
    peer: RoomPeer & { role: InterviewRole },
    socketId: string,
  ): Promise<RoomJoinResult> {
    const call: SessionCall = { op: "join", sessionId, peer, socketId, holder: this.processId };
    const { owner, value } = await this.#run(sessionId, call, true);
    const memberships = this.#sockets.get(socketId) ?? { userId: peer.userId, sessions: new Map() };
    memberships.sessions.set(sessionId, owner);
    this.#sockets.set(socketId, memberships);
    return value as RoomJoinResult;
  }

  async signal<E extends SignalEvent>(
    sessionId: string,
    userId: string,
    socketId: string,
    event: E,
    payload: SignalPayload<E>,
  ): Promise<unknown> {
    const call: SessionCall = { op: "signal", sessionId, userId, socketId, event, payload };
    return (await this.#run(sessionId, call, false)).value;
  }

  async leave(sessionId: string, userId: string, socketId: string): Promise<void> {
    this.#sockets.get(socketId)?.sessions.delete(sessionId);
    await this.#run(sessionId, { op: "leave", sessionId, userId, socketId }, false).catch(
      (error: unknown) => {
        if (!(error instanceof AppError)) throw error;
      },
    );
  }

  /** A socket here dropped: it leaves every session it had joined (the client rejoins). */
  disconnected(socketId: string): void {
    const memberships = this.#sockets.get(socketId);
    if (!memberships) return;
    this.#sockets.delete(socketId);
    for (const sessionId of memberships.sessions.keys()) {
      void this.leave(sessionId, memberships.userId, socketId).catch((error: unknown) =>
        this.#options.log.warn({ err: error, sessionId }, "could not leave a session"),
      );
    }
  }

  /** The interview ended: its owner tells every member and closes the session. */
  async end(sessionId: string): Promise<void> {
    await this.#run(sessionId, { op: "end", sessionId }, false).catch((error: unknown) => {
      // No owner (nobody joined) or an owner that died: there is nothing left to close.
      if (!(error instanceof AppError)) throw error;
    });
  }

  async diagnostics(sessionId: string): Promise<MediaRoomDiagnostics | null> {
    const local = this.#options.rooms.diagnostics(sessionId);
    if (local) return local;
    const answer = await this.#run(sessionId, { op: "diagnostics", sessionId }, false).catch(
      () => null,
    );
    return (answer?.value as MediaRoomDiagnostics | null | undefined) ?? null;
  }

  /**
   * Shutting down: takes no new session, lets its own finish for up to
   * `timeoutMs`, then moves the rest (their members reconnect elsewhere).
   */
  async drain(timeoutMs: number): Promise<void> {
    this.#draining = true;
    await this.beat();
    const { rooms } = this.#options;
    const deadline = this.#clock() + timeoutMs;
    while (rooms.size > 0 && this.#clock() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    if (rooms.size > 0) {
      this.#options.log.info({ sessions: rooms.size }, "moving the live sessions still here");
    }
    rooms.evacuate("session_moved");
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.#beating;
    await this.#options.relay?.close();
    await this.#options.directory.withdraw(this.processId).catch(() => undefined);
  }

  /** One heartbeat: announce, learn who is alive, move what died, record presence, sweep. */
  beat(): Promise<void> {
    this.#beating ??= this.#beat().finally(() => (this.#beating = undefined));
    return this.#beating;
  }

  async #beat(): Promise<void> {
    const { directory, rooms, log } = this.#options;
    const now = this.#clock();
    try {
      await directory.announce({
        processId: this.processId,
        sessions: rooms.size,
        workers: this.#options.workers(),
        draining: this.#draining,
        seenAt: now,
      });
      await this.#readAlive(now);
      this.#placedSinceBeat.clear();
      this.#moveSessionsOfTheDead();
      rooms.dropMembersHeldOutside(new Set(this.#alive.keys()));
      const present = rooms.occupiedSessions();
      if (present.length > 0) await this.#options.live.touch(present, now);
      this.#beats += 1;
      if (this.#beats % BEATS_PER_SWEEP === 0) await this.#endAbandoned(now);
      if (this.#beats % BEATS_PER_ORPHAN_SWEEP === 0) await this.#endOrphans(now);
    } catch (error) {
      log.warn({ err: error }, "live sessions heartbeat failed");
    }
  }

  async #readAlive(now: number): Promise<void> {
    const processes = await this.#options.directory.processes(
      now,
      this.#options.heartbeatMs * BEATS_TO_DEATH,
    );
    this.#alive = new Map(processes.map((load) => [load.processId, load]));
  }

  /** Members here of sessions whose owner died rejoin, which places the session anew. */
  #moveSessionsOfTheDead(): void {
    for (const [socketId, memberships] of this.#sockets) {
      for (const [sessionId, owner] of memberships.sessions) {
        if (this.#alive.has(owner)) continue;
        memberships.sessions.delete(sessionId);
        this.#options.log.warn({ sessionId, owner }, "a session's process died; moving it");
        this.#options.notifier.send(socketId, "interview:reconnect", {
          interviewId: sessionId,
          reason: "session_moved",
        });
      }
    }
  }

  async #endAbandoned(now: number): Promise<void> {
    const idle = await this.#options.live.idleSince(now - this.#options.idleEndMs);
    const occupied = new Set(this.#options.rooms.occupiedSessions());
    for (const interviewId of idle) {
      if (occupied.has(interviewId)) continue;
      this.#options.log.info({ interviewId }, "ending an interview nobody is in");
      await this.#options
        .endAbandoned(interviewId)
        .catch((error: unknown) =>
          this.#options.log.warn({ err: error, interviewId }, "could not end an idle interview"),
        );
    }
  }

  async #endOrphans(now: number): Promise<void> {
    const orphans = await this.#options.findOrphans(now - this.#options.idleEndMs);
    for (const interviewId of orphans) {
      // Someone is in its call (a row-only interview is joinable): not abandoned.
      if ((await this.#options.directory.owner(interviewId)) !== null) continue;
      this.#options.log.warn({ interviewId }, "ending a live interview that has no live copy");
      await this.#options
        .endAbandoned(interviewId)
        .catch((error: unknown) =>
          this.#options.log.warn({ err: error, interviewId }, "could not end an orphan"),
        );
    }
  }

  /** Runs the call at the session's owner; `place` (a join) places or moves it first. */
  async #run(
    sessionId: string,
    call: SessionCall,
    place: boolean,
  ): Promise<{ owner: string; value: unknown }> {
    let owner = await this.#owner(sessionId, place);
    try {
      return { owner, value: await this.#runAt(owner, call) };
    } catch (error) {
      if (!(error instanceof OwnerUnreachable) || !place) throw error;
      // The owner died since the last beat: the join places the session again, once.
      await this.#readAlive(this.#clock());
      if (this.#alive.has(owner)) throw error;
      owner = await this.#place(sessionId, owner);
      return { owner, value: await this.#runAt(owner, call) };
    }
  }

  #runAt(owner: string, call: SessionCall): Promise<unknown> {
    if (owner === this.processId) return runOnOwner(this.#options.rooms, call);
    const { relay } = this.#options;
    if (!relay) throw new OwnerUnreachable(owner);
    return relay.request(owner, call);
  }

  async #owner(sessionId: string, place: boolean): Promise<string> {
    const owner = await this.#options.directory.owner(sessionId);
    if (owner !== null && (await this.#isAlive(owner))) return owner;
    if (!place) throw new AppError(ErrorCode.forbidden, "join the interview first");
    return this.#place(sessionId, owner ?? undefined);
  }

  async #isAlive(processId: string): Promise<boolean> {
    if (processId === this.processId || this.#alive.has(processId)) return true;
    // Perhaps a process that started since the last beat: ask before taking its session.
    await this.#readAlive(this.#clock());
    return this.#alive.has(processId);
  }

  /**
   * The least loaded live process with media that is not draining, this one on
   * a tie (and as a last resort).
   */
  async #place(sessionId: string, replacing?: string): Promise<string> {
    const load = (p: ProcessLoad) =>
      (p.sessions + (this.#placedSinceBeat.get(p.processId) ?? 0)) / p.workers;
    const candidates = [...this.#alive.values()]
      .filter((p) => !p.draining && p.workers > 0 && p.processId !== replacing)
      // Equal load: this process first (no relay hop for its socket), then a stable order.
      .sort(
        (a, b) =>
          load(a) - load(b) ||
          Number(b.processId === this.processId) - Number(a.processId === this.processId) ||
          a.processId.localeCompare(b.processId),
      );
    const chosen = candidates[0]?.processId ?? this.processId;
    if (chosen === this.processId && this.#options.workers() === 0) {
      throw new AppError(ErrorCode.unavailable, "video is disabled");
    }
    const owner = await this.#options.directory.claim(sessionId, chosen, replacing);
    if (owner === chosen && chosen !== this.processId) {
      this.#placedSinceBeat.set(chosen, (this.#placedSinceBeat.get(chosen) ?? 0) + 1);
    }
    return owner;
  }
}
