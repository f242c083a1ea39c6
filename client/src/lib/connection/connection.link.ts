/**
 * The realtime link the feature managers (queue, staff console, interview)
 * talk through: typed requests answered by acks, typed server events, and a
 * signal on every (re)connection and drop. Both directions are checked against the shared schemas, so
 * a manager only ever sees well-formed data. Narrow on purpose: unit tests
 * drive the managers with a small fake, and the real socket.io socket is
 * adapted in one place (`socketLink`).
 */
import {
  ackErrorSchema,
  clientEventSchemas,
  ErrorCode,
  serverEventSchemas,
  type Ack,
  type ClientEventName,
  type ClientEventPayload,
  type ClientEventResult,
  type ServerEventName,
  type ServerEventPayload,
} from "@crossfair/shared";

export interface RealtimeLink {
  readonly connected: boolean;
  request<E extends ClientEventName>(
    event: E,
    payload: ClientEventPayload<E>,
  ): Promise<Ack<ClientEventResult<E>>>;
  /** Subscribes to a server event; returns the unsubscribe. */
  on<E extends ServerEventName>(
    event: E,
    listener: (payload: ServerEventPayload<E>) => void,
  ): () => void;
  /** Called on every (re)connection, after which server-side subscriptions must be renewed. */
  onConnect(listener: () => void): () => void;
  /** Called with true on every (re)connection and false on every drop. */
  onConnection(listener: (connected: boolean) => void): () => void;
}

/** What `socketLink` needs from a socket.io-client socket. */
export interface LinkSocket {
  readonly connected: boolean;
  on(event: string, listener: (...args: never[]) => void): unknown;
  off(event: string, listener: (...args: never[]) => void): unknown;
  timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> };
}

export const REQUEST_TIMEOUT_MS = 10_000;

export function socketLink(socket: LinkSocket, timeoutMs = REQUEST_TIMEOUT_MS): RealtimeLink {
  return {
    get connected() {
      return socket.connected;
    },
    async request<E extends ClientEventName>(event: E, payload: ClientEventPayload<E>) {
      let answer: unknown;
      try {
        answer = await socket.timeout(timeoutMs).emitWithAck(event, payload);
      } catch {
        // socket.io rejects on timeout; to the caller a lost link is the same.
        return unavailable(`no answer to ${event}`);
      }
      return parseAck(event, answer);
    },
    on(event, listener) {
      const schema = serverEventSchemas[event];
      const checked = (payload: unknown) => {
        const parsed = schema.safeParse(payload);
        if (parsed.success) listener(parsed.data as Parameters<typeof listener>[0]);
        else console.warn(`ignored a malformed ${event} event`, parsed.error.issues[0]);
      };
      socket.on(event, checked);
      return () => socket.off(event, checked);
    },
    onConnect(listener) {
      const connected = () => listener();
      socket.on("connect", connected);
      return () => socket.off("connect", connected);
    },
    onConnection(listener) {
      const up = () => listener(true);
      const down = () => listener(false);
      socket.on("connect", up);
      socket.on("disconnect", down);
      return () => {
        socket.off("connect", up);
        socket.off("disconnect", down);
      };
    },
  };
}

/** Checks an ack against the shared schemas; a server of another shape is reported, not trusted. */
export function parseAck<E extends ClientEventName>(
  event: E,
  answer: unknown,
): Ack<ClientEventResult<E>> {
  const failed = ackErrorSchema.safeParse(answer);
  if (failed.success) return failed.data;
  const result = clientEventSchemas[event].result.safeParse(answer);
  if (
    result.success &&
    typeof answer === "object" &&
    answer !== null &&
    "ok" in answer &&
    answer.ok === true
  ) {
    return { ok: true, ...(result.data as ClientEventResult<E>) };
  }
  return {
    ok: false,
    code: ErrorCode.internal,
    message: `unexpected answer to ${event}`,
  };
}

function unavailable(message: string): { ok: false; code: ErrorCode; message: string } {
  return { ok: false, code: ErrorCode.unavailable, message };
}
