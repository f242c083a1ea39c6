/**
 * The seam between a group session's live state (`live/`: who is in, their
 * role, questions, hands, the stage) and its media (`media/`: the origin
 * router the stage sends to, the routers viewers receive from, across
 * workers and processes). The live layer checks who may do what and calls
 * this; the media layer tells the session's members about producers itself
 * (`webinar:newProducer`, `webinar:producerClosed`, `webinar:producerPaused`
 * to `webinarRoom(webinarId)`).
 */
import type {
  ClientEventPayload,
  ClientEventResult,
  IceServer,
  WebinarProducer,
} from "@crossfair/shared";
import type { types as ms } from "mediasoup";

/** What a member may send: viewers nothing, a promoted viewer audio, a speaker everything. */
export type SendRights = "none" | "audio" | "all";

export interface WebinarMember {
  webinarId: string;
  userId: string;
  /** The member's socket; its transports close when it leaves or disconnects. */
  socketId: string;
}

export interface WebinarMediaJoin {
  routerRtpCapabilities: ms.RtpCapabilities;
  producers: WebinarProducer[];
  iceServers: IceServer[];
  iceTransportPolicy: "all" | "relay";
}

export const WEBINAR_SIGNAL_EVENTS = [
  "webinar:createTransport",
  "webinar:connectTransport",
  "webinar:produce",
  "webinar:consume",
  "webinar:resumeConsumer",
  "webinar:preferLayers",
  "webinar:pauseProducer",
  "webinar:closeProducer",
] as const;
export type WebinarSignalEvent = (typeof WEBINAR_SIGNAL_EVENTS)[number];

export interface WebinarMedia {
  /** Places the session's media (once, across processes) and readies it for this member. */
  join(
    member: WebinarMember & { displayName: string; rights: SendRights },
  ): Promise<WebinarMediaJoin>;
  /**
   * One media request of a joined member. Sending beyond the member's rights
   * answers `not_speaker`; an unknown transport, producer or consumer `not_found`.
   */
  signal<E extends WebinarSignalEvent>(
    member: WebinarMember,
    event: E,
    payload: ClientEventPayload<E>,
  ): Promise<ClientEventResult<E>>;
  /** Changes what a member may send, wherever their media is; lowering closes what they may no longer send. */
  setRights(webinarId: string, userId: string, rights: SendRights): Promise<void>;
  /** The member's socket left the session: its transports close. */
  leave(member: WebinarMember): Promise<void>;
  /** The session ended: all its media closes, in every process. */
  end(webinarId: string): Promise<void>;
  close(): Promise<void>;
}

/** Every member of a session, on any process (the Socket.io adapter spans them). */
export const webinarRoom = (webinarId: string) => `webinar:${webinarId}`;
/** The session's speakers and moderators: hidden items, raised hands. */
export const webinarStaffRoom = (webinarId: string) => `webinar:${webinarId}:staff`;
