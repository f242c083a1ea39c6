/**
 * Live interview rooms: the HTTP bodies that start and end an interview, and
 * the mediasoup signalling over Socket.io (join, transports, produce/consume,
 * pause, chat, leave). WebRTC parameter objects are checked for their outer
 * shape only; mediasoup validates the details and answers bad ones with an
 * error that becomes a `validation_failed` ack.
 */
import { z } from "zod";
import { noResult } from "./ack.js";

export const interviewIdSchema = z.uuid();

// ---- HTTP ------------------------------------------------------------------

export const INTERVIEW_STATUSES = ["live", "ended"] as const;

export const interviewSchema = z.object({
  id: z.uuid(),
  standId: z.uuid(),
  recruiterId: z.uuid(),
  candidateId: z.uuid().nullable(),
  vacancyId: z.uuid().nullable(),
  status: z.enum(INTERVIEW_STATUSES),
  startedAt: z.iso.datetime({ offset: true }),
  /**
   * When the interview is planned to end (its start plus the stand's interview
   * length, or a booked slot's own); both sides count down to it, and nothing
   * ends the call there. Null for interviews recorded before there were timers.
   */
  plannedEndsAt: z.iso.datetime({ offset: true }).nullable(),
  endedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type Interview = z.infer<typeof interviewSchema>;

/** Per-peer counts of open mediasoup objects, for operators and tests. */
export const mediaPeerCountsSchema = z.object({
  userId: z.uuid(),
  /** False once the peer left; its counts must then be zero. */
  present: z.boolean(),
  transports: z.number().int(),
  producers: z.number().int(),
  consumers: z.number().int(),
});
export const mediaRoomDiagnosticsSchema = z.object({
  interviewId: z.uuid(),
  /** The server process owning the live session (its `system:hello` serverId). */
  processId: z.string(),
  workerPid: z.number().int(),
  peers: z.array(mediaPeerCountsSchema),
});
export type MediaRoomDiagnostics = z.infer<typeof mediaRoomDiagnosticsSchema>;

// ---- WebRTC parameter shapes ----------------------------------------------

const codecSchema = z.looseObject({
  mimeType: z.string().max(64),
  clockRate: z.number().int().positive(),
  channels: z.number().int().optional(),
  payloadType: z.number().int().optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
});

export const rtpCapabilitiesSchema = z.looseObject({
  codecs: z.array(codecSchema.extend({ kind: z.enum(["audio", "video"]) })).max(100),
  headerExtensions: z.array(z.looseObject({})).max(100).optional(),
});

export const rtpParametersSchema = z.looseObject({
  mid: z.string().max(32).optional(),
  codecs: z.array(codecSchema).min(1).max(20),
  headerExtensions: z.array(z.looseObject({})).max(50).optional(),
  encodings: z.array(z.looseObject({})).max(10).optional(),
  rtcp: z.looseObject({}).optional(),
});

export const dtlsParametersSchema = z.object({
  role: z.enum(["auto", "client", "server"]).optional(),
  fingerprints: z
    .array(z.object({ algorithm: z.string().max(16), value: z.string().max(256) }))
    .min(1)
    .max(10),
});

export const iceParametersSchema = z.looseObject({
  usernameFragment: z.string(),
  password: z.string(),
  iceLite: z.boolean().optional(),
});
export const iceCandidateSchema = z.looseObject({
  foundation: z.string(),
  priority: z.number(),
  address: z.string(),
  protocol: z.enum(["udp", "tcp"]),
  port: z.number().int(),
  type: z.string(),
});

// ---- room state ------------------------------------------------------------

export const MEDIA_KINDS = ["audio", "video"] as const;
export const mediaKindSchema = z.enum(MEDIA_KINDS);
/** What a producer carries; the UI shows a screen share apart from the camera. */
export const TRACK_SOURCES = ["microphone", "camera", "screen"] as const;
export const trackSourceSchema = z.enum(TRACK_SOURCES);
export type TrackSource = z.infer<typeof trackSourceSchema>;

export const INTERVIEW_ROLES = ["recruiter", "candidate", "adviser"] as const;
export const interviewRoleSchema = z.enum(INTERVIEW_ROLES);
export type InterviewRole = z.infer<typeof interviewRoleSchema>;

export const remoteProducerSchema = z.object({
  producerId: z.string(),
  userId: z.uuid(),
  kind: mediaKindSchema,
  source: trackSourceSchema,
  paused: z.boolean(),
});
export type RemoteProducer = z.infer<typeof remoteProducerSchema>;

export const roomPeerSchema = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  role: interviewRoleSchema,
});
export type RoomPeer = z.infer<typeof roomPeerSchema>;

/**
 * `GET /api/interviews/:id`: the interview as one of its participants sees
 * it — their own part and the other side by display name (they talk by
 * video, so each may know whom they talk to; nothing else about them).
 */
export const participantInterviewSchema = z.object({
  interview: interviewSchema,
  role: interviewRoleSchema,
  /** The other participant; null when the candidate's account was deleted since. */
  counterpart: z
    .object({ userId: z.uuid(), role: interviewRoleSchema, displayName: z.string() })
    .nullable(),
});
export type ParticipantInterview = z.infer<typeof participantInterviewSchema>;

export const chatMessageSchema = z.object({
  id: z.string(),
  userId: z.uuid(),
  displayName: z.string(),
  text: z.string(),
  sentAt: z.number(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

// ---- client → server -------------------------------------------------------

const inRoom = { interviewId: interviewIdSchema };
const id = z.string().min(1).max(64);

export const interviewJoinSchema = z.object(inRoom);
/**
 * A TURN (or STUN) server the browser may relay its media through, with
 * time-limited credentials (the TURN REST shared-secret scheme). Networks that
 * block UDP reach the media through TURN over TCP or TLS on port 443.
 */
export const iceServerSchema = z.object({
  urls: z.array(z.string().min(1).max(300)).min(1).max(8),
  username: z.string().max(200).optional(),
  credential: z.string().max(200).optional(),
});
export type IceServer = z.infer<typeof iceServerSchema>;

export const interviewJoinResultSchema = z.object({
  /** The joining user, so the client can tell its own chat messages apart. */
  userId: z.uuid(),
  role: interviewRoleSchema,
  routerRtpCapabilities: rtpCapabilitiesSchema,
  peers: z.array(roomPeerSchema),
  producers: z.array(remoteProducerSchema),
  chat: z.array(chatMessageSchema),
  /** TURN servers for this session (empty when none is configured: direct ICE only). */
  iceServers: z.array(iceServerSchema).default([]),
  /** `relay`: the browser sends media through TURN only (TURN_RELAY_ONLY). */
  iceTransportPolicy: z.enum(["all", "relay"]).default("all"),
  /**
   * The planned end (server epoch ms; null when the interview has none) and the
   * server's clock when it answered: the client counts down on its own clock
   * from their difference, so a skewed clock shows the right time left.
   */
  plannedEndsAt: z.number().nullable(),
  serverTime: z.number(),
});
export type InterviewJoinResult = z.infer<typeof interviewJoinResultSchema>;

export const createTransportSchema = z.object({
  ...inRoom,
  direction: z.enum(["send", "recv"]),
});
export const transportOptionsSchema = z.object({
  transportId: z.string(),
  iceParameters: iceParametersSchema,
  iceCandidates: z.array(iceCandidateSchema),
  dtlsParameters: dtlsParametersSchema,
});
export type TransportOptions = z.infer<typeof transportOptionsSchema>;

export const connectTransportSchema = z.object({
  ...inRoom,
  transportId: id,
  dtlsParameters: dtlsParametersSchema,
});
export const produceSchema = z.object({
  ...inRoom,
  transportId: id,
  kind: mediaKindSchema,
  source: trackSourceSchema,
  rtpParameters: rtpParametersSchema,
  paused: z.boolean().default(false),
});
export const consumeSchema = z.object({
  ...inRoom,
  transportId: id,
  producerId: id,
  rtpCapabilities: rtpCapabilitiesSchema,
});
export const consumerOptionsSchema = z.object({
  consumerId: z.string(),
  producerId: z.string(),
  userId: z.uuid(),
  kind: mediaKindSchema,
  source: trackSourceSchema,
  rtpParameters: rtpParametersSchema,
  producerPaused: z.boolean(),
});
export type ConsumerOptions = z.infer<typeof consumerOptionsSchema>;

export const consumerRefSchema = z.object({ ...inRoom, consumerId: id });
export const producerRefSchema = z.object({ ...inRoom, producerId: id });
export const pauseProducerSchema = z.object({ ...inRoom, producerId: id, paused: z.boolean() });
export const sendChatSchema = z.object({ ...inRoom, text: z.string().trim().min(1).max(2_000) });

export const interviewClientEvents = {
  "interview:join": { payload: interviewJoinSchema, result: interviewJoinResultSchema },
  "interview:createTransport": { payload: createTransportSchema, result: transportOptionsSchema },
  "interview:connectTransport": { payload: connectTransportSchema, result: noResult },
  "interview:produce": { payload: produceSchema, result: z.object({ producerId: z.string() }) },
  "interview:consume": { payload: consumeSchema, result: consumerOptionsSchema },
  "interview:resumeConsumer": { payload: consumerRefSchema, result: noResult },
  "interview:pauseProducer": { payload: pauseProducerSchema, result: noResult },
  "interview:closeProducer": { payload: producerRefSchema, result: noResult },
  "interview:chat": { payload: sendChatSchema, result: z.object({ message: chatMessageSchema }) },
  "interview:leave": { payload: interviewJoinSchema, result: noResult },
  "interview:end": { payload: interviewJoinSchema, result: noResult },
} as const;

// ---- server → client -------------------------------------------------------

export const peerJoinedSchema = z.object({ ...inRoom, peer: roomPeerSchema });
export const peerLeftSchema = z.object({ ...inRoom, userId: z.uuid() });
export const newProducerSchema = z.object({ ...inRoom, producer: remoteProducerSchema });
export const producerClosedSchema = z.object({ ...inRoom, producerId: z.string() });
export const producerPausedSchema = z.object({
  ...inRoom,
  producerId: z.string(),
  paused: z.boolean(),
});
export const chatReceivedSchema = z.object({ ...inRoom, message: chatMessageSchema });
/**
 * Join again to get new transports: the room's media was rebuilt (its worker
 * died), or the session moved to another process (its owner died or drained).
 */
export const roomReconnectSchema = z.object({
  ...inRoom,
  reason: z.enum(["media_restarted", "session_moved"]),
});
export const roomEndedSchema = z.object({ ...inRoom });

export const interviewServerEvents = {
  "interview:peerJoined": peerJoinedSchema,
  "interview:peerLeft": peerLeftSchema,
  "interview:newProducer": newProducerSchema,
  "interview:producerClosed": producerClosedSchema,
  "interview:producerPaused": producerPausedSchema,
  "interview:chat": chatReceivedSchema,
  "interview:reconnect": roomReconnectSchema,
  "interview:ended": roomEndedSchema,
} as const;
