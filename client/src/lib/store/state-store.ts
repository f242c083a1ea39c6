/**
 * The plumbing every client manager shares: a Svelte-readable store of one
 * state value with a synchronous snapshot of it, and `LatestRequest`, which
 * lets a late answer be ignored once a newer request (or a close, or a reset)
 * has superseded it. Managers extend `StateStore` and keep only their rules.
 */
import { writable, type Readable, type Writable } from "svelte/store";

/**
 * A readable store whose value only its subclass changes. `state` is public
 * (a synchronous read of what `subscribe` already shows) because pages and
 * tests read it between events; `set` and `update` stay with the manager.
 */
export abstract class StateStore<S extends object> implements Readable<S> {
  readonly #store: Writable<S>;
  #state: S;
  readonly subscribe: Readable<S>["subscribe"];

  protected constructor(initial: S) {
    this.#state = initial;
    this.#store = writable(initial);
    this.subscribe = this.#store.subscribe;
  }

  /** The current value, the one subscribers last saw. */
  get state(): S {
    return this.#state;
  }

  /** Replaces the state and tells subscribers. */
  protected set(next: S): void {
    this.#state = next;
    this.#store.set(next);
  }

  /** Changes some fields of the state, or derives the next state from it. */
  protected update(change: Partial<S> | ((state: S) => S)): void {
    this.set(typeof change === "function" ? change(this.#state) : { ...this.#state, ...change });
  }
}

/** One request's ticket: it stays the latest until another starts or they are cancelled. */
export interface RequestToken {
  isLatest(): boolean;
}

/**
 * The stale-request guard: `start()` before asking, `token.isLatest()` before
 * applying the answer. `cancel()` (on close or reset) makes every token so far stale.
 * `current` is the latest token without superseding it, for work that belongs
 * to the latest request (a save made on the page that load opened).
 */
export class LatestRequest {
  #latest: RequestToken = this.#mint();

  /** Starts a request that supersedes all earlier ones. */
  start(): RequestToken {
    this.#latest = this.#mint();
    return this.#latest;
  }

  /** The latest request's token; the same object until `start` or `cancel`. */
  get current(): RequestToken {
    return this.#latest;
  }

  /** Drops every request so far: their answers will not be applied. */
  cancel(): void {
    this.#latest = this.#mint();
  }

  #mint(): RequestToken {
    const token: RequestToken = { isLatest: () => this.#latest === token };
    return token;
  }
}
