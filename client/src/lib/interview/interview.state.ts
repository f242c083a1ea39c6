/**
 * The interview as the UI reads it: one state object (phase, room, what we
 * receive, and local media's fields) and the pure updates the manager applies
 * to it when the room changes.
 */
import type { ChatMessage, ErrorCode, RoomPeer, TrackSource } from "@crossfair/shared";
import { initialLocalMedia, type LocalMediaState } from "./interview.local-media.js";

export type InterviewPhase =
  "idle" | "ready" | "joining" | "live" | "reconnecting" | "left" | "ended" | "failed";

export interface RemoteTrack {
  producerId: string;
  userId: string;
  source: TrackSource;
  track: MediaStreamTrack;
  paused: boolean;
}

export interface InterviewState extends LocalMediaState {
  phase: InterviewPhase;
  /** Why the phase is `failed` (or why the last action failed). */
  error?: ErrorCode | "media_unsupported";
  role?: RoomPeer["role"];
  /** Our own user id, known once joined. */
  selfId?: string;
  peers: RoomPeer[];
  remote: RemoteTrack[];
  chat: ChatMessage[];
  /** ICE/DTLS state of the media transports (worst of send and receive). */
  media: "new" | "connecting" | "connected" | "disconnected" | "failed" | "closed";
}

export function initialState(): InterviewState {
  return {
    ...initialLocalMedia(),
    phase: "idle",
    peers: [],
    remote: [],
    chat: [],
    media: "new",
  };
}

export function upsertPeer(peers: RoomPeer[], peer: RoomPeer): RoomPeer[] {
  return [...peers.filter((p) => p.userId !== peer.userId), peer];
}

/** Chat from a rejoin overlaps what we have; keep each message once, in order. */
export function mergeChat(current: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  const seen = new Set(current.map((message) => message.id));
  return [...current, ...incoming.filter((message) => !seen.has(message.id))].sort(
    (a, b) => a.sentAt - b.sentAt,
  );
}
