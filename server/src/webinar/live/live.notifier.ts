/**
 * How a live session tells its members, over Socket.io rooms that span
 * processes (the Redis adapter): everyone in it, its staff only (hidden items,
 * raised hands), its viewers only (what staff see otherwise), or one person
 * in every tab. `ViewerCounts` sends the number of viewers at most once a
 * second per session and process, counted from the open attendance rows.
 */
import type { Logger } from "pino";
import type { ServerEventName, ServerEventPayload } from "@crossfair/shared";
import { userRoom } from "../../plugins/socket.js";
import type { AppSocketServer } from "../../plugins/socket.types.js";
import { webinarRoom, webinarStaffRoom } from "../webinar.media.js";

type Emit = <E extends ServerEventName>(event: E, payload: ServerEventPayload<E>) => void;

export interface LiveNotifier {
  all(webinarId: string): { emit: Emit };
  staff(webinarId: string): { emit: Emit };
  /** Members who are not staff. */
  viewers(webinarId: string): { emit: Emit };
  user(userId: string): { emit: Emit };
}

type Target = { emit(event: string, payload: unknown): unknown };

// The generic event name cannot be narrowed for socket.io's overloads.
function emitter(target: unknown): { emit: Emit } {
  return { emit: (event, payload) => void (target as Target).emit(event, payload) };
}

export function socketLiveNotifier(io: AppSocketServer): LiveNotifier {
  return {
    all: (webinarId) => emitter(io.to(webinarRoom(webinarId))),
    staff: (webinarId) => emitter(io.to(webinarStaffRoom(webinarId))),
    viewers: (webinarId) =>
      emitter(io.to(webinarRoom(webinarId)).except(webinarStaffRoom(webinarId))),
    user: (userId) => emitter(io.to(userRoom(userId))),
  };
}

const VIEWERS_EVERY_MS = 1_000;

export class ViewerCounts {
  readonly #due = new Map<string, NodeJS.Timeout>();
  readonly #sentAt = new Map<string, number>();
  #closed = false;

  constructor(
    private readonly count: (webinarId: string) => Promise<number>,
    private readonly notifier: LiveNotifier,
    private readonly log: Logger,
  ) {}

  /** Someone came or went: the count goes out within a second, once for all changes meanwhile. */
  changed(webinarId: string): void {
    if (this.#closed || this.#due.has(webinarId)) return;
    const wait = Math.max(0, (this.#sentAt.get(webinarId) ?? 0) + VIEWERS_EVERY_MS - Date.now());
    const timer = setTimeout(() => void this.#send(webinarId), wait);
    timer.unref();
    this.#due.set(webinarId, timer);
  }

  async #send(webinarId: string): Promise<void> {
    this.#due.delete(webinarId);
    this.#sentAt.set(webinarId, Date.now());
    try {
      const count = await this.count(webinarId);
      this.notifier.all(webinarId).emit("webinar:viewers", { webinarId, count });
    } catch (error) {
      this.log.warn({ err: error, webinarId }, "could not count a session's viewers");
    }
  }

  /** The session ended: nothing more to count. */
  forget(webinarId: string): void {
    clearTimeout(this.#due.get(webinarId));
    this.#due.delete(webinarId);
    this.#sentAt.delete(webinarId);
  }

  close(): void {
    this.#closed = true;
    for (const timer of this.#due.values()) clearTimeout(timer);
    this.#due.clear();
  }
}
