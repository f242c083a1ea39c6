/**
 * Owns the realtime connection's state: whether the browser is connected to a
 * server that speaks our protocol version, which server that is, and the last
 * measured round-trip time. Components read it as a Svelte store and never
 * touch the socket's own events.
 */
import {
  PROTOCOL_VERSION,
  systemHelloSchema,
  type Ack,
  type ClientEventPayload,
  type ClientEventResult,
} from "@crossfair/shared";
import { LatestRequest, StateStore } from "../store/state-store.js";

export type ConnectionStatus =
  "connecting" | "connected" | "reconnecting" | "offline" | "incompatible";

export interface ConnectionState {
  status: ConnectionStatus;
  serverId?: string;
  latencyMs?: number;
}

/**
 * The part of a socket.io-client `Socket` the manager uses. Narrow on purpose:
 * the real typed socket satisfies it (see `connection.socket.ts`), and a test
 * can drive the manager with a few lines of fake emitter.
 */
type SocketEvent = "connect" | "disconnect" | "connect_error" | "system:hello";
type ManagerEvent = "reconnect_attempt" | "reconnect_failed";

export interface ConnectionSocket {
  /** True while socket.io will keep (re)connecting by itself. */
  readonly active: boolean;
  // The manager reads no listener arguments but the hello, so listeners are typed loosely:
  // one table can then attach and detach them all.
  on(event: SocketEvent, listener: (...args: never[]) => void): unknown;
  off(event: SocketEvent, listener: (...args: never[]) => void): unknown;
  readonly io: {
    on(event: ManagerEvent, listener: (...args: never[]) => void): unknown;
    off(event: ManagerEvent, listener: (...args: never[]) => void): unknown;
  };
  timeout(ms: number): {
    emitWithAck(
      event: "system:ping",
      payload: ClientEventPayload<"system:ping">,
    ): Promise<Ack<ClientEventResult<"system:ping">>>;
  };
  connect(): unknown;
  disconnect(): unknown;
}

export interface ConnectionManagerOptions {
  /** How often to measure latency while connected. */
  pingIntervalMs?: number;
  /** A ping not answered within this time is dropped (socket.io detects dead links itself). */
  pingTimeoutMs?: number;
  /** Monotonic clock for round-trip times; wall-clock jumps must not show as latency. */
  now?: () => number;
  /** The browser's own idea of being online (`navigator.onLine` and its events). */
  network?: NetworkSignal;
}

/**
 * socket.io notices a dead link only after its heartbeat times out (tens of
 * seconds); the browser knows at once when the network goes away.
 */
export interface NetworkSignal {
  isOnline(): boolean;
  /** Calls `listener` on every change; returns a function that stops it. */
  onChange(listener: (online: boolean) => void): () => void;
}

export const DEFAULT_PING_INTERVAL_MS = 15_000;
const DEFAULT_PING_TIMEOUT_MS = 5_000;

export class ConnectionManager extends StateStore<ConnectionState> {
  readonly #socket: ConnectionSocket;
  readonly #pingIntervalMs: number;
  readonly #pingTimeoutMs: number;
  readonly #now: () => number;
  #pingTimer: ReturnType<typeof setInterval> | undefined;
  /** Renewed on every (dis)connection so a late ping answer from an old link is ignored. */
  readonly #requests = new LatestRequest();
  /** Until the first good hello, a failed attempt is still "connecting", not "reconnecting". */
  #everConnected = false;
  /** A good hello arrived and no disconnect since: the socket itself is fine. */
  #linkUp = false;
  #networkOnline = true;
  #lastConnected: ConnectionState | undefined;
  readonly #detach: () => void;

  /** Store contract: `subscribe(fn)` calls fn at once and returns an unsubscribe. */

  constructor(socket: ConnectionSocket, options: ConnectionManagerOptions = {}) {
    super({ status: "connecting" });
    this.#socket = socket;
    this.#pingIntervalMs = options.pingIntervalMs ?? DEFAULT_PING_INTERVAL_MS;
    this.#pingTimeoutMs = options.pingTimeoutMs ?? DEFAULT_PING_TIMEOUT_MS;
    this.#now = options.now ?? (() => performance.now());

    // What the manager listens to, as one table, so detaching cannot miss one.
    const onSocket: [SocketEvent, (...args: never[]) => void][] = [
      ["connect", () => this.#onConnect()],
      ["disconnect", () => this.#onLinkLost()],
      ["connect_error", () => this.#onLinkLost()],
      ["system:hello", (hello: unknown) => this.#onHello(hello)],
    ];
    const onManager: [ManagerEvent, (...args: never[]) => void][] = [
      ["reconnect_attempt", () => this.#onReconnectAttempt()],
      ["reconnect_failed", () => this.set({ status: "offline" })],
    ];
    for (const [event, listener] of onSocket) socket.on(event, listener);
    for (const [event, listener] of onManager) socket.io.on(event, listener);
    const network = options.network;
    this.#networkOnline = network?.isOnline() ?? true;
    if (!this.#networkOnline) this.set({ status: "offline" });
    const stopNetwork = network?.onChange((online) => this.#onNetworkChange(online)) ?? (() => {});
    this.#detach = () => {
      for (const [event, listener] of onSocket) socket.off(event, listener);
      for (const [event, listener] of onManager) socket.io.off(event, listener);
      stopNetwork();
    };
  }

  /** Measures the round-trip time once; also run on a timer while connected. */
  async ping(): Promise<void> {
    if (this.state.status !== "connected") return;
    const generation = this.#requests.current;
    const started = this.#now();
    let answer: Ack<ClientEventResult<"system:ping">>;
    try {
      answer = await this.#socket
        .timeout(this.#pingTimeoutMs)
        .emitWithAck("system:ping", { sentAt: Date.now() });
    } catch {
      return; // Timed out: the socket's own heartbeat decides whether the link is dead.
    }
    if (!answer.ok || !generation.isLatest() || this.state.status !== "connected") {
      return;
    }
    this.set({ ...this.state, latencyMs: Math.max(0, Math.round(this.#now() - started)) });
  }

  /** Tries again after socket.io gave up, e.g. from an "offline" banner's button. */
  reconnect(): void {
    if (this.state.status !== "offline") return;
    this.set({ status: this.#retryingStatus() });
    this.#socket.connect();
  }

  /** Stops listening and closes the socket; the state stays as it was. */
  destroy(): void {
    this.#requests.cancel();
    this.#stopPinging();
    this.#detach();
    this.#socket.disconnect();
  }

  #onConnect(): void {
    this.#requests.cancel();
    // Connected at transport level only; "connected" waits for the hello, which
    // tells us the server speaks our protocol version.
    if (this.state.status === "incompatible" || !this.#networkOnline) return;
    this.set({ status: this.#retryingStatus() });
  }

  #onHello(payload: unknown): void {
    const hello = systemHelloSchema.safeParse(payload);
    if (!hello.success || hello.data.protocolVersion !== PROTOCOL_VERSION) {
      // Talking to a server of another version would fail in confusing ways;
      // stop here and let the UI ask for a reload.
      this.#stopPinging();
      this.set({ status: "incompatible", serverId: hello.data?.serverId });
      this.#socket.disconnect();
      return;
    }
    this.#everConnected = true;
    this.#linkUp = true;
    this.#lastConnected = { status: "connected", serverId: hello.data.serverId };
    if (!this.#networkOnline) return;
    this.set(this.#lastConnected);
    this.#startPinging();
  }

  #onLinkLost(): void {
    this.#linkUp = false;
    this.#requests.cancel();
    this.#stopPinging();
    if (this.state.status === "incompatible" || !this.#networkOnline) return;
    // `active` is false after a server-side kick or a refused handshake:
    // socket.io will not retry on its own then.
    this.set({ status: this.#socket.active ? this.#retryingStatus() : "offline" });
  }

  #onReconnectAttempt(): void {
    const status = this.state.status;
    if (status === "incompatible" || status === "connected" || !this.#networkOnline) return;
    this.set({ status: this.#retryingStatus() });
  }

  #onNetworkChange(online: boolean): void {
    this.#networkOnline = online;
    if (this.state.status === "incompatible") return;
    if (!online) {
      this.#stopPinging();
      this.set({ status: "offline" });
    } else if (this.#linkUp && this.#lastConnected) {
      // A short blip the socket survived: no new hello will come, so resume here.
      this.set(this.#lastConnected);
      this.#startPinging();
    } else {
      this.set({ status: this.#socket.active ? this.#retryingStatus() : "offline" });
    }
  }

  #retryingStatus(): "connecting" | "reconnecting" {
    return this.#everConnected ? "reconnecting" : "connecting";
  }

  #startPinging(): void {
    this.#stopPinging();
    void this.ping();
    this.#pingTimer = setInterval(() => void this.ping(), this.#pingIntervalMs);
  }

  #stopPinging(): void {
    if (this.#pingTimer !== undefined) clearInterval(this.#pingTimer);
    this.#pingTimer = undefined;
  }
}
