/**
 * The interview manager's view of the realtime connection: typed requests
 * answered by acks, typed server events, and whether the link is up. Narrow
 * on purpose, so unit tests drive the manager with a small fake, and the
 * real socket.io socket is adapted in one place (`socketLink`).
 */
import type {
  Ack,
  ClientEventName,
  ClientEventPayload,
  ClientEventResult,
  ServerEventName,
  ServerEventPayload,
} from "@crossfair/shared";
import { REQUEST_TIMEOUT_MS, type LinkSocket } from "../connection/connection.link.js";

export type InterviewRequest = <E extends ClientEventName>(
  event: E,
  payload: ClientEventPayload<E>,
) => Promise<Ack<ClientEventResult<E>>>;

export interface InterviewLink {
  readonly connected: boolean;
  request: InterviewRequest;
  /** Subscribes to a server event; returns the unsubscribe. */
  on<E extends ServerEventName>(
    event: E,
    listener: (payload: ServerEventPayload<E>) => void,
  ): () => void;
  /** Called with true on every (re)connection and false on every drop. */
  onConnection(listener: (connected: boolean) => void): () => void;
}

/** What `socketLink` needs from a socket.io-client socket. */
/** The same narrow socket the connection link uses. */
export type RawSocket = LinkSocket;

export function socketLink(socket: RawSocket): InterviewLink {
  return {
    get connected() {
      return socket.connected;
    },
    async request(event, payload) {
      try {
        return (await socket.timeout(REQUEST_TIMEOUT_MS).emitWithAck(event, payload)) as Awaited<
          ReturnType<InterviewRequest>
        >;
      } catch {
        // socket.io rejects on timeout; a lost link is the same to the caller.
        return { ok: false, code: "unavailable", message: `no answer to ${event}` };
      }
    },
    on(event, listener) {
      const fn = listener as (...args: never[]) => void;
      socket.on(event, fn);
      return () => socket.off(event, fn);
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
