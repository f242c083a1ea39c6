/**
 * Every client-to-server socket event with who may send it. Allowed actors
 * must pass the authorization check: their ack is ok, or a failure about the
 * state of things (not in the queue, nobody waiting, unknown transport) but
 * never `unauthenticated`, `forbidden` or `internal`. Anyone else gets
 * `unauthenticated` (anonymous) or `forbidden`. One socket per actor lives
 * through the whole table, so joining a room in one row lets the next rows
 * act inside it, as a browser would.
 */
import type { ClientEventName } from "@crossfair/shared";
import {
  ALL,
  CANDIDATES,
  HOME_STAFF,
  HOME_STAFF_AND_ADMIN,
  SIGNED_IN,
  type Actor,
  type Fixtures,
} from "./actors.js";

export interface SocketAction {
  event: ClientEventName;
  allowed: readonly Actor[];
  payload: (fx: Fixtures, screening: { questionId: string; answer: string }[]) => unknown;
}

const PARTICIPANTS = ["candidate", "homeRecruiter"] as const;
/** A group session's members: its speaker (the home stand admin), moderators and viewers. */
const WEBINAR_MEMBERS = [...CANDIDATES, ...HOME_STAFF_AND_ADMIN] as const;

const home = (fx: Fixtures) => ({ standId: fx.homeStandId });
const room = (fx: Fixtures) => ({ interviewId: fx.interviewId });
const session = (fx: Fixtures) => ({ webinarId: fx.webinarId });
const unknownId = "00000000-0000-4000-8000-000000000000";
const fakeId = "0123456789abcdef";
const fingerprint = { algorithm: "sha-256", value: "AB:".repeat(31) + "AB" };
const opus = { mimeType: "audio/opus", clockRate: 48_000, channels: 2, payloadType: 100 };

export const SOCKET_ACTIONS: SocketAction[] = [
  { event: "system:ping", allowed: ALL, payload: () => ({ sentAt: Date.now() }) },
  { event: "queue:watch", allowed: ALL, payload: home },
  { event: "queue:unwatch", allowed: ALL, payload: home },
  // The fair hall's live figures are public: anonymous visitors browse the hall too.
  { event: "hall:watch", allowed: ALL, payload: (fx) => ({ fairId: fx.fairId }) },
  { event: "hall:unwatch", allowed: ALL, payload: (fx) => ({ fairId: fx.fairId }) },
  { event: "queue:mine", allowed: CANDIDATES, payload: () => ({}) },
  {
    event: "queue:join",
    allowed: CANDIDATES,
    payload: (fx, answers) => ({ ...home(fx), consentToShareProfile: true, answers }),
  },
  {
    event: "queue:snooze",
    allowed: CANDIDATES,
    payload: (fx) => ({ ...home(fx), snoozed: false }),
  },
  { event: "staff:console", allowed: HOME_STAFF_AND_ADMIN, payload: home },
  { event: "staff:open", allowed: HOME_STAFF, payload: (fx) => ({ ...home(fx), open: true }) },
  { event: "staff:pause", allowed: HOME_STAFF, payload: (fx) => ({ ...home(fx), paused: false }) },
  { event: "staff:callNext", allowed: HOME_STAFF, payload: home },
  {
    event: "queue:respond",
    allowed: CANDIDATES,
    payload: (fx) => ({ ...home(fx), accept: false }),
  },
  // Closing a console one never opened only leaves a room one is not in: harmless for anyone.
  { event: "staff:closeConsole", allowed: ALL, payload: home },
  { event: "queue:leave", allowed: CANDIDATES, payload: home },

  // Group sessions: joining first, so the rows after it act inside the session.
  { event: "webinar:join", allowed: WEBINAR_MEMBERS, payload: session },
  { event: "webinar:start", allowed: HOME_STAFF_AND_ADMIN, payload: session },
  {
    event: "webinar:createTransport",
    allowed: WEBINAR_MEMBERS,
    payload: (fx) => ({ ...session(fx), direction: "recv" }),
  },
  {
    event: "webinar:connectTransport",
    allowed: WEBINAR_MEMBERS,
    payload: (fx) => ({
      ...session(fx),
      transportId: fakeId,
      dtlsParameters: { role: "client", fingerprints: [fingerprint] },
    }),
  },
  // Live by now: a viewer is refused `not_speaker`, the speaker an unknown transport.
  {
    event: "webinar:produce",
    allowed: WEBINAR_MEMBERS,
    payload: (fx) => ({
      ...session(fx),
      transportId: fakeId,
      kind: "audio",
      source: "microphone",
      rtpParameters: { codecs: [opus], encodings: [{ ssrc: 1111 }] },
    }),
  },
  {
    event: "webinar:consume",
    allowed: WEBINAR_MEMBERS,
    payload: (fx) => ({
      ...session(fx),
      transportId: fakeId,
      producerId: fakeId,
      rtpCapabilities: { codecs: [{ ...opus, kind: "audio", preferredPayloadType: 100 }] },
    }),
  },
  {
    event: "webinar:resumeConsumer",
    allowed: WEBINAR_MEMBERS,
    payload: (fx) => ({ ...session(fx), consumerId: fakeId }),
  },
  {
    event: "webinar:preferLayers",
    allowed: WEBINAR_MEMBERS,
    payload: (fx) => ({ ...session(fx), consumerId: fakeId, spatialLayer: 0 }),
  },
  {
    event: "webinar:pauseProducer",
    allowed: WEBINAR_MEMBERS,
    payload: (fx) => ({ ...session(fx), producerId: fakeId, paused: true }),
  },
  {
    event: "webinar:closeProducer",
    allowed: WEBINAR_MEMBERS,
    payload: (fx) => ({ ...session(fx), producerId: fakeId }),
  },
  {
    event: "webinar:ask",
    allowed: WEBINAR_MEMBERS,
    payload: (fx) => ({ ...session(fx), text: "Quid du télétravail ?" }),
  },
  {
    event: "webinar:vote",
    allowed: WEBINAR_MEMBERS,
    payload: (fx) => ({ ...session(fx), questionId: unknownId, voted: true }),
  },
  {
    event: "webinar:moderateQuestion",
    allowed: HOME_STAFF_AND_ADMIN,
    payload: (fx) => ({ ...session(fx), questionId: unknownId, action: "pin" }),
  },
  {
    event: "webinar:chat",
    allowed: WEBINAR_MEMBERS,
    payload: (fx) => ({ ...session(fx), text: "Bonjour" }),
  },
  {
    event: "webinar:moderateChat",
    allowed: HOME_STAFF_AND_ADMIN,
    payload: (fx) => ({ ...session(fx), messageId: unknownId, action: "hide" }),
  },
  {
    event: "webinar:block",
    allowed: HOME_STAFF_AND_ADMIN,
    payload: (fx) => ({ ...session(fx), userId: fx.userIds.otherCandidate, blocked: false }),
  },
  {
    event: "webinar:raiseHand",
    allowed: CANDIDATES,
    payload: (fx) => ({ ...session(fx), raised: true }),
  },
  // Sending someone else back is the staff's (a promoted viewer may leave the stage itself:
  // no actor is the one sent back here).
  {
    event: "webinar:promote",
    allowed: HOME_STAFF_AND_ADMIN,
    payload: (fx) => ({
      ...session(fx),
      userId: "00000000-0000-4000-8000-000000000000",
      promoted: false,
    }),
  },
  // It ends the session for everyone; the first staff member to ask does, the rest find it over.
  { event: "webinar:end", allowed: HOME_STAFF_AND_ADMIN, payload: session },
  // Leaving a session one is not in changes nothing, as with interviews.
  { event: "webinar:leave", allowed: SIGNED_IN, payload: session },

  { event: "interview:join", allowed: PARTICIPANTS, payload: room },
  {
    event: "interview:createTransport",
    allowed: PARTICIPANTS,
    payload: (fx) => ({ ...room(fx), direction: "send" }),
  },
  {
    event: "interview:connectTransport",
    allowed: PARTICIPANTS,
    payload: (fx) => ({
      ...room(fx),
      transportId: fakeId,
      dtlsParameters: { role: "client", fingerprints: [fingerprint] },
    }),
  },
  {
    event: "interview:produce",
    allowed: PARTICIPANTS,
    payload: (fx) => ({
      ...room(fx),
      transportId: fakeId,
      kind: "audio",
      source: "microphone",
      rtpParameters: { codecs: [opus], encodings: [{ ssrc: 1111 }] },
    }),
  },
  {
    event: "interview:consume",
    allowed: PARTICIPANTS,
    payload: (fx) => ({
      ...room(fx),
      transportId: fakeId,
      producerId: fakeId,
      rtpCapabilities: { codecs: [{ ...opus, kind: "audio", preferredPayloadType: 100 }] },
    }),
  },
  {
    event: "interview:resumeConsumer",
    allowed: PARTICIPANTS,
    payload: (fx) => ({ ...room(fx), consumerId: fakeId }),
  },
  {
    event: "interview:pauseProducer",
    allowed: PARTICIPANTS,
    payload: (fx) => ({ ...room(fx), producerId: fakeId, paused: true }),
  },
  {
    event: "interview:closeProducer",
    allowed: PARTICIPANTS,
    payload: (fx) => ({ ...room(fx), producerId: fakeId }),
  },
  {
    event: "interview:chat",
    allowed: PARTICIPANTS,
    payload: (fx) => ({ ...room(fx), text: "Bonjour" }),
  },
  // Leaving a room one is not in changes nothing, so any signed-in user may ask.
  { event: "interview:leave", allowed: SIGNED_IN, payload: room },
  // Participants and the stand's staff may end it; last, because it closes the room.
  { event: "interview:end", allowed: [...PARTICIPANTS, "homeStandAdmin"], payload: room },
];
