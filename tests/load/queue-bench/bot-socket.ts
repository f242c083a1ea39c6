/**
 * One bot's connection. A `BotConnection` is what the client's own
 * `socketLink` sees as its socket; underneath it is a Socket.io socket typed
 * by the shared protocol (the session cookie in the handshake, websocket
 * only, no automatic reconnection: bots reconnect on purpose), rebuilt
 * against another server's URL at every reconnect, with the listeners moved
 * over, so the client's managers never notice which process they talk to.
 * Every request the managers make is timed from send to ack, and every
 * message received is counted and measured (bytes per event name).
 */
import { io, type Socket } from "socket.io-client";
import {
  ErrorCode,
  type Ack,
  type ClientEventName,
  type ClientEventPayload,
  type ClientEventResult,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from "@crossfair/shared";
import {
  parseAck,
  socketLink,
  type LinkSocket,
  type RealtimeLink,
} from "../../../client/src/lib/connection/connection.link.js";
import type { ServerPicker } from "./server-cluster.js";
import { between, now, sleep, type BenchStats } from "./stats.js";

export type BotSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Listener = (...args: never[]) => void;
/** The untyped view of a socket that listeners are moved between sockets with. */
type PlainSocket = { on(event: string, listener: Listener): unknown };

export const ACK_TIMEOUT_MS = 30_000;

function createBotSocket(
  baseUrl: string,
  cookie: string,
  stats: BenchStats,
  localAddress: string | undefined,
): BotSocket {
  const options: Parameters<typeof io>[1] & { localAddress?: string } = {
    transports: ["websocket"],
    reconnection: false,
    autoConnect: false,
    forceNew: true,
    timeout: 60_000,
    extraHeaders: { cookie },
  };
  // engine.io-client hands `localAddress` to ws: the soak cuts one source address's traffic.
  if (localAddress) options.localAddress = localAddress;
  const socket: BotSocket = io(baseUrl, options);
  socket.onAny((event: string, payload: unknown) => stats.recordPush(event, payload));
  // Bytes as received: the text of each socket.io packet (events and acks) that engine.io
  // hands up, WebSocket framing aside (the server compresses nothing: perMessageDeflate off).
  socket.io.on("open", () => {
    socket.io.engine.on("packet", (packet) => {
      if (packet.type === "message" && typeof packet.data === "string") {
        stats.recordPacket(packet.data);
      }
    });
  });
  return socket;
}

/** (Re)connects and resolves once the server's hello arrived (its handlers are registered). */
function connectBotSocket(socket: BotSocket, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      clearTimeout(timer);
      socket.off("system:hello", onHello);
      socket.off("connect_error", onError);
      if (error) reject(error);
      else resolve();
    };
    const onHello = () => done();
    const onError = (error: Error) => done(new Error(`connect failed: ${error.message}`));
    const timer = setTimeout(() => done(new Error(`no hello within ${timeoutMs} ms`)), timeoutMs);
    socket.on("system:hello", onHello);
    socket.on("connect_error", onError);
    socket.connect();
  });
}

export class BotConnection implements LinkSocket {
  #socket: BotSocket | null = null;
  #url = "";
  readonly #listeners = new Map<string, Set<Listener>>();
  readonly #onDrop = new Set<(reason: string) => void>();
  #lastHeardAt = Date.now();

  constructor(
    private readonly cookie: string,
    private readonly stats: BenchStats,
    /** The loopback address this bot's sockets leave from (127.0.0.1 when unset). */
    private readonly localAddress?: string,
  ) {}

  get connected(): boolean {
    return this.#socket?.connected ?? false;
  }

  /** When (epoch ms) the server's last event arrived: what was sent later may never have. */
  get lastHeardAt(): number {
    return this.#lastHeardAt;
  }

  /** The server this connection talks to (or last talked to). */
  get url(): string {
    return this.#url;
  }

  on(event: string, listener: Listener): this {
    let listeners = this.#listeners.get(event);
    if (!listeners) this.#listeners.set(event, (listeners = new Set()));
    listeners.add(listener);
    (this.#socket as PlainSocket | null)?.on(event, listener);
    return this;
  }

  off(event: string, listener: Listener): this {
    this.#listeners.get(event)?.delete(listener);
    (this.#socket as unknown as { off(e: string, l: Listener): unknown } | null)?.off(
      event,
      listener,
    );
    return this;
  }

  timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> } {
    const socket = this.#socket;
    if (!socket) return { emitWithAck: () => Promise.reject(new Error("no socket")) };
    return socket.timeout(ms) as unknown as {
      emitWithAck(event: string, payload: unknown): Promise<unknown>;
    };
  }

  /** Called when the server or the network closed the socket (not when the bot did). */
  onDrop(listener: (reason: string) => void): void {
    this.#onDrop.add(listener);
  }

  /** Opens a new socket to `url` (closing the old one) and resolves at the server's hello. */
  async connect(url: string, timeoutMs = 60_000): Promise<void> {
    this.#dispose();
    const socket = createBotSocket(url, this.cookie, this.stats, this.localAddress);
    for (const [event, listeners] of this.#listeners) {
      for (const listener of listeners) (socket as unknown as PlainSocket).on(event, listener);
    }
    socket.onAny(() => {
      if (this.#socket === socket) this.#lastHeardAt = Date.now();
    });
    socket.on("disconnect", (reason) => {
      if (this.#socket !== socket || reason === "io client disconnect") return;
      for (const listener of this.#onDrop) listener(reason);
    });
    this.#socket = socket;
    this.#url = url;
    await connectBotSocket(socket, timeoutMs);
  }

  disconnect(): void {
    this.#socket?.disconnect();
  }

  close(): void {
    this.#dispose();
  }

  #dispose(): void {
    const socket = this.#socket;
    this.#socket = null;
    if (!socket) return;
    socket.off();
    socket.close();
  }
}

/**
 * Opens a bot's connection on a random live server, trying others when one refuses (it
 * may be the one that was just killed); the error of the last attempt when all failed.
 */
export async function connectSomewhere<T>(
  open: (url: string) => Promise<T>,
  servers: ServerPicker,
): Promise<{ ok: true; value: T } | { ok: false; error: string }> {
  let error = "";
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      return { ok: true, value: await open(servers.random()) };
    } catch (failure) {
      error = (failure as Error).message;
      await sleep(between(200, 800));
    }
  }
  return { ok: false, error };
}

/** Names an operation for the figures; answers that differ in cost get their own line. */
function label<E extends ClientEventName>(event: E, payload: ClientEventPayload<E>): string {
  if (event === "queue:respond") {
    return (payload as ClientEventPayload<"queue:respond">).accept
      ? "queue:respond (accept)"
      : "queue:respond (decline)";
  }
  if (event === "queue:snooze") {
    return (payload as ClientEventPayload<"queue:snooze">).snoozed
      ? "queue:snooze (snooze)"
      : "queue:snooze (ready)";
  }
  return event;
}

const rawErrorCode = (answer: unknown): string | null =>
  typeof answer === "object" &&
  answer !== null &&
  (answer as { ok?: unknown }).ok === false &&
  typeof (answer as { code?: unknown }).code === "string"
    ? (answer as { code: string }).code
    : null;

/**
 * The client's link over a bot connection, with every request timed and counted. Requests
 * are sent as `socketLink` sends them (and checked by its `parseAck`); an error code the
 * shared schema does not know yet is passed on as itself rather than as `internal`, so a
 * server ahead of shared/ shows its codes in the figures and the bots treat them as plain
 * refusals.
 */
export function timedLink(connection: BotConnection, stats: BenchStats): RealtimeLink {
  const link = socketLink(connection, ACK_TIMEOUT_MS);
  return {
    get connected() {
      return link.connected;
    },
    on: (event, listener) => link.on(event, listener),
    onConnect: (listener) => link.onConnect(listener),
    onConnection: (listener) => link.onConnection(listener),
    async request<E extends ClientEventName>(
      event: E,
      payload: ClientEventPayload<E>,
    ): Promise<Ack<ClientEventResult<E>>> {
      const started = now();
      let raw: unknown;
      let timedOut = false;
      try {
        raw = await connection.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload);
      } catch {
        timedOut = true; // no ack: the same as the client's `unavailable`
      }
      let answer: Ack<ClientEventResult<E>> = timedOut
        ? { ok: false, code: ErrorCode.unavailable, message: `no answer to ${event}` }
        : parseAck(event, raw);
      const code = rawErrorCode(raw);
      if (!answer.ok && code && code !== answer.code) {
        stats.count(`acks with a code shared/ does not know: ${code}`);
        answer = { ok: false, code: code as ErrorCode, message: `${code} (unknown to shared/)` };
      }
      if (!timedOut) stats.recordAck();
      stats.recordOp(
        label(event, payload),
        now() - started,
        answer.ok ? "ok" : timedOut ? "timeout" : answer.code,
      );
      return answer;
    },
  };
}
