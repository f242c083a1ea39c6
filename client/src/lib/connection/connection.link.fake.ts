/**
 * An in-memory RealtimeLink for manager unit tests: requests wait in a list
 * until the test answers them, and server events are fired by hand.
 */
import type {
  Ack,
  ClientEventName,
  ClientEventPayload,
  ClientEventResult,
  ServerEventName,
  ServerEventPayload,
} from "@crossfair/shared";
import type { RealtimeLink } from "./connection.link.js";

export interface PendingRequest<E extends ClientEventName = ClientEventName> {
  event: E;
  payload: ClientEventPayload<E>;
  answer(ack: Ack<ClientEventResult<E>>): void;
}

export class FakeLink implements RealtimeLink {
  connected = true;
  readonly requests: PendingRequest[] = [];
  readonly #listeners = new Map<string, Set<(payload: never) => void>>();
  readonly #connectListeners = new Set<() => void>();

  request<E extends ClientEventName>(
    event: E,
    payload: ClientEventPayload<E>,
  ): Promise<Ack<ClientEventResult<E>>> {
    return new Promise((answer) => {
      this.requests.push({ event, payload, answer } as unknown as PendingRequest);
    });
  }

  on<E extends ServerEventName>(
    event: E,
    listener: (payload: ServerEventPayload<E>) => void,
  ): () => void {
    const set = this.#listeners.get(event) ?? new Set();
    set.add(listener as (payload: never) => void);
    this.#listeners.set(event, set);
    return () => set.delete(listener as (payload: never) => void);
  }

  onConnect(listener: () => void): () => void {
    this.#connectListeners.add(listener);
    return () => this.#connectListeners.delete(listener);
  }

  /** Up on every reconnect; these fakes never drop, so `false` is not sent. */
  onConnection(listener: (connected: boolean) => void): () => void {
    return this.onConnect(() => listener(true));
  }

  /** Delivers a server event to every subscriber. */
  fire<E extends ServerEventName>(event: E, payload: ServerEventPayload<E>): void {
    for (const listener of this.#listeners.get(event) ?? []) {
      (listener as (payload: ServerEventPayload<E>) => void)(payload);
    }
  }

  /** A fresh connection after a drop. */
  reconnect(): void {
    this.connected = true;
    for (const listener of this.#connectListeners) listener();
  }

  /** Removes and returns the requests of one event, oldest first. */
  take<E extends ClientEventName>(event: E): PendingRequest<E>[] {
    const taken = this.requests.filter((request) => request.event === event);
    for (const request of taken) this.requests.splice(this.requests.indexOf(request), 1);
    return taken as unknown as PendingRequest<E>[];
  }

  /** The only pending request of `event`; fails the test when there is not exactly one. */
  one<E extends ClientEventName>(event: E): PendingRequest<E> {
    const taken = this.take(event);
    if (taken.length !== 1) throw new Error(`expected one ${event} request, got ${taken.length}`);
    return taken[0] as PendingRequest<E>;
  }

  listenerCount(): number {
    let total = this.#connectListeners.size;
    for (const set of this.#listeners.values()) total += set.size;
    return total;
  }
}

/** Lets pending promise callbacks run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
}

/**
 * `{ ok: true }` for events whose result is `z.object({})`: zod infers that as
 * `Record<string, never>`, which `{ ok: true }` cannot satisfy in the type system.
 */
export const OK_EMPTY = { ok: true } as unknown as Ack<Record<string, never>>;
