/**
 * The live group session's state as the page shows it, and the pure rules
 * the manager applies to it: the order of questions (pinned first, then by
 * votes, then oldest), merging a changed question or chat message, and the
 * stage's tiles (a shared screen large, then the speakers' cameras).
 */
import type {
  ErrorCode,
  RaisedHand,
  StageMember,
  TrackSource,
  WebinarChatMessage,
  WebinarJoinResult,
  WebinarQuestion,
  WebinarRole,
  WebinarStatus,
} from "@crossfair/shared";
import { initialLocalMedia, type LocalMediaState } from "../interview/interview.local-media.js";

/**
 *   idle ─join()→ joining → lobby (scheduled) ─start→ live ─end→ ended
 *                               └───────────────────────┘
 *   a dropped link → reconnecting → (joined again) ; leave() → left ; refused → failed
 */
export type WebinarPhase =
  "idle" | "joining" | "lobby" | "live" | "reconnecting" | "ended" | "left" | "failed";

/** A stream we receive: a speaker's camera, microphone or screen, or a promoted viewer's voice. */
export interface StageTrack {
  producerId: string;
  userId: string;
  source: TrackSource;
  kind: "audio" | "video";
  track: MediaStreamTrack;
  paused: boolean;
}

/** A caption line from the `webinar:caption` hook (no source sends them yet). */
export interface CaptionLine {
  userId: string;
  text: string;
  final: boolean;
}

export interface WebinarState extends LocalMediaState {
  phase: WebinarPhase;
  role: WebinarRole | undefined;
  selfId: string | undefined;
  status: WebinarStatus | undefined;
  /** Server epoch ms; `clockOffsetMs` is the server's clock minus ours at the join. */
  startsAt: number | undefined;
  endsAt: number | undefined;
  clockOffsetMs: number;
  stage: StageMember[];
  remote: StageTrack[];
  questions: WebinarQuestion[];
  myVotes: string[];
  chat: WebinarChatMessage[];
  hands: RaisedHand[];
  handRaised: boolean;
  promoted: boolean;
  blocked: boolean;
  viewerCount: number;
  caption: CaptionLine | null;
  /** What the page's polite live region says last (a new question, who is speaking now). */
  announcement: Announcement | null;
  media: "new" | "connecting" | "connected" | "disconnected" | "failed" | "closed";
  error: ErrorCode | "media_unsupported" | undefined;
}

/** Announcements as data, so the page words them in its language. */
export type Announcement =
  | { kind: "question"; seq: number; displayName: string; text: string }
  | { kind: "stage"; seq: number; names: string[] };

export function initialWebinarState(): WebinarState {
  return {
    ...initialLocalMedia(),
    phase: "idle",
    role: undefined,
    selfId: undefined,
    status: undefined,
    startsAt: undefined,
    endsAt: undefined,
    clockOffsetMs: 0,
    stage: [],
    remote: [],
    questions: [],
    myVotes: [],
    chat: [],
    hands: [],
    handRaised: false,
    promoted: false,
    blocked: false,
    viewerCount: 0,
    caption: null,
    announcement: null,
    media: "new",
    error: undefined,
  };
}

/** Pinned first, then the most votes, then the oldest. */
export function sortQuestions(questions: WebinarQuestion[]): WebinarQuestion[] {
  return [...questions].sort(
    (a, b) => Number(b.pinned) - Number(a.pinned) || b.votes - a.votes || a.askedAt - b.askedAt,
  );
}

/** Puts a new or changed question in its place. */
export function upsertQuestion(
  questions: WebinarQuestion[],
  question: WebinarQuestion,
): WebinarQuestion[] {
  return sortQuestions([...questions.filter((q) => q.id !== question.id), question]);
}

/** The chat's latest messages, oldest first; a changed one replaces its earlier copy. */
export const CHAT_KEPT = 200;
export function upsertChat(
  chat: WebinarChatMessage[],
  messages: WebinarChatMessage[],
): WebinarChatMessage[] {
  const byId = new Map(chat.map((message) => [message.id, message]));
  for (const message of messages) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => a.sentAt - b.sentAt).slice(-CHAT_KEPT);
}

export interface StageTile {
  key: string;
  userId: string;
  displayName: string;
  source: "camera" | "screen";
  track: MediaStreamTrack | null;
  /** The large tile (a shared screen, or the only camera): it asks for the top layer. */
  large: boolean;
}

/**
 * The stage's video tiles: a shared screen first and large; every speaker's
 * camera (a placeholder while it is off or not there yet). With no screen,
 * a lone speaker's camera is large.
 */
export function stageTiles(state: Pick<WebinarState, "stage" | "remote">): StageTile[] {
  const nameOf = (userId: string) =>
    state.stage.find((member) => member.userId === userId)?.displayName ?? "";
  const video = state.remote.filter((r) => r.kind === "video" && !r.paused);
  const screens = video.filter((r) => r.source === "screen");
  const speakers = state.stage.filter((member) => member.kind === "speaker");
  const tiles: StageTile[] = screens.map((screen) => ({
    key: screen.producerId,
    userId: screen.userId,
    displayName: nameOf(screen.userId),
    source: "screen",
    track: screen.track,
    large: true,
  }));
  const loneCamera = screens.length === 0 && speakers.length === 1;
  for (const speaker of speakers) {
    const camera = video.find((r) => r.userId === speaker.userId && r.source === "camera");
    tiles.push({
      key: camera?.producerId ?? `placeholder-${speaker.userId}`,
      userId: speaker.userId,
      displayName: speaker.displayName,
      source: "camera",
      track: camera?.track ?? null,
      large: loneCamera,
    });
  }
  return tiles;
}

/** The simulcast layer a tile asks for: the top one for a large tile, the middle one otherwise. */
export function layerFor(tile: Pick<StageTile, "large">, smallTiles: number): number {
  if (tile.large) return 2;
  return smallTiles > 2 ? 0 : 1;
}

/** The camera as three simulcast layers: a quarter, half and full resolution. */
export const CAMERA_LAYERS: RTCRtpEncodingParameters[] = [
  { rid: "r0", scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { rid: "r1", scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { rid: "r2", scaleResolutionDownBy: 1, maxBitrate: 1_200_000 },
];

/** The state a join answers: the phase its status means, and everything it carries. */
export function stateFromJoin(joined: WebinarJoinResult, now: number): Partial<WebinarState> {
  const phase: WebinarPhase =
    joined.status === "live" ? "live" : joined.status === "scheduled" ? "lobby" : "ended";
  return {
    phase,
    role: joined.role,
    selfId: joined.userId,
    status: joined.status,
    startsAt: joined.startsAt,
    endsAt: joined.endsAt,
    clockOffsetMs: joined.serverTime - now,
    stage: joined.stage,
    remote: [],
    questions: sortQuestions(joined.questions),
    myVotes: joined.myVotes,
    chat: upsertChat([], joined.chat),
    hands: joined.hands,
    handRaised: joined.handRaised,
    promoted: joined.promoted,
    blocked: joined.blocked,
    viewerCount: joined.viewerCount,
    error: undefined,
  };
}
