/**
 * Live group sessions (webinars): joining, the stage's media (speakers send,
 * viewers only receive, a viewer a speaker promoted sends audio), questions
 * with votes and moderation, chat, raised hands, and the session's end.
 *
 * Rooms a server emits to: every member of the session; its staff (speakers
 * and moderators: stand staff and fair admins), who see hidden items and
 * raised hands; one user (`webinar:you`).
 */
import { z } from "zod";
import { noResult } from "./ack.js";
import {
  consumerOptionsSchema,
  createTransportSchema as interviewCreateTransportSchema,
  dtlsParametersSchema,
  iceServerSchema,
  mediaKindSchema,
  rtpCapabilitiesSchema,
  rtpParametersSchema,
  trackSourceSchema,
  transportOptionsSchema,
} from "./interview.js";
import { webinarStatusSchema } from "../api/webinars.js";

export const webinarIdSchema = z.uuid();
const inSession = { webinarId: webinarIdSchema };
const id = z.string().min(1).max(64);

/**
 * `speaker`: named by the stand's admin, sends camera, microphone and screen.
 * `moderator`: the stand's other staff and the fair's admins; moderate, never on stage unless a speaker.
 * `viewer`: receives only; sends audio only while promoted.
 */
export const WEBINAR_ROLES = ["speaker", "moderator", "viewer"] as const;
export const webinarRoleSchema = z.enum(WEBINAR_ROLES);
export type WebinarRole = z.infer<typeof webinarRoleSchema>;

/** Speakers and promoted viewers, the people who may be heard. */
export const stageMemberSchema = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  /** `promoted`: a viewer a speaker brought on stage, audio only. */
  kind: z.enum(["speaker", "promoted"]),
});
export type StageMember = z.infer<typeof stageMemberSchema>;

export const webinarProducerSchema = z.object({
  producerId: z.string(),
  userId: z.uuid(),
  kind: mediaKindSchema,
  source: trackSourceSchema,
  paused: z.boolean(),
});
export type WebinarProducer = z.infer<typeof webinarProducerSchema>;

export const QUESTION_STATUSES = ["open", "answered"] as const;
export const webinarQuestionSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  displayName: z.string(),
  text: z.string(),
  askedAt: z.number(),
  votes: z.number().int(),
  status: z.enum(QUESTION_STATUSES),
  pinned: z.boolean(),
  /** Hidden by a moderator: only the session's staff see it. */
  hidden: z.boolean(),
});
export type WebinarQuestion = z.infer<typeof webinarQuestionSchema>;

export const webinarChatMessageSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  displayName: z.string(),
  text: z.string(),
  sentAt: z.number(),
  hidden: z.boolean(),
});
export type WebinarChatMessage = z.infer<typeof webinarChatMessageSchema>;

export const raisedHandSchema = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  raisedAt: z.number(),
});
export type RaisedHand = z.infer<typeof raisedHandSchema>;

export const QUESTION_MAX_CHARS = 500;
export const WEBINAR_CHAT_MAX_CHARS = 1_000;

// ---- client → server -------------------------------------------------------

export const webinarRefSchema = z.object(inSession);

export const webinarJoinResultSchema = z.object({
  userId: z.uuid(),
  role: webinarRoleSchema,
  status: webinarStatusSchema,
  /** Server epoch ms, and the server's clock when it answered (the client counts from their difference). */
  startsAt: z.number(),
  endsAt: z.number(),
  serverTime: z.number(),
  routerRtpCapabilities: rtpCapabilitiesSchema,
  iceServers: z.array(iceServerSchema).default([]),
  iceTransportPolicy: z.enum(["all", "relay"]).default("all"),
  stage: z.array(stageMemberSchema),
  producers: z.array(webinarProducerSchema),
  /** Visible questions (staff: hidden ones too), pinned first, then by votes. */
  questions: z.array(webinarQuestionSchema),
  /** The questions this user voted for. */
  myVotes: z.array(z.uuid()),
  /** The latest chat messages, oldest first (staff: hidden ones too). */
  chat: z.array(webinarChatMessageSchema),
  /** Raised hands: staff see all, a viewer an empty list (its own is `handRaised`). */
  hands: z.array(raisedHandSchema),
  handRaised: z.boolean(),
  promoted: z.boolean(),
  blocked: z.boolean(),
  viewerCount: z.number().int(),
});
export type WebinarJoinResult = z.infer<typeof webinarJoinResultSchema>;

export const webinarCreateTransportSchema = interviewCreateTransportSchema
  .omit({ interviewId: true })
  .extend(inSession);
export const webinarConnectTransportSchema = z.object({
  ...inSession,
  transportId: id,
  dtlsParameters: dtlsParametersSchema,
});
export const webinarProduceSchema = z.object({
  ...inSession,
  transportId: id,
  kind: mediaKindSchema,
  source: trackSourceSchema,
  rtpParameters: rtpParametersSchema,
  paused: z.boolean().default(false),
});
export const webinarConsumeSchema = z.object({
  ...inSession,
  transportId: id,
  producerId: id,
  rtpCapabilities: rtpCapabilitiesSchema,
});
export const webinarConsumerRefSchema = z.object({ ...inSession, consumerId: id });
/**
 * The most a viewer wants of a simulcast stream (a small player needs the low
 * layer); the server still lowers it when the viewer's bandwidth is short.
 */
export const webinarPreferLayersSchema = z.object({
  ...inSession,
  consumerId: id,
  spatialLayer: z.number().int().min(0).max(2),
  temporalLayer: z.number().int().min(0).max(2).optional(),
});
export const webinarProducerRefSchema = z.object({ ...inSession, producerId: id });
export const webinarPauseProducerSchema = z.object({
  ...inSession,
  producerId: id,
  paused: z.boolean(),
});

export const webinarAskSchema = z.object({
  ...inSession,
  text: z.string().trim().min(1).max(QUESTION_MAX_CHARS),
});
export const webinarVoteSchema = z.object({
  ...inSession,
  questionId: z.uuid(),
  voted: z.boolean(),
});
export const QUESTION_ACTIONS = ["hide", "show", "answer", "reopen", "pin", "unpin"] as const;
export const webinarModerateQuestionSchema = z.object({
  ...inSession,
  questionId: z.uuid(),
  action: z.enum(QUESTION_ACTIONS),
});
export const webinarChatSchema = z.object({
  ...inSession,
  text: z.string().trim().min(1).max(WEBINAR_CHAT_MAX_CHARS),
});
export const webinarModerateChatSchema = z.object({
  ...inSession,
  messageId: z.uuid(),
  action: z.enum(["hide", "show"]),
});
export const webinarBlockSchema = z.object({
  ...inSession,
  userId: z.uuid(),
  blocked: z.boolean(),
});
export const webinarRaiseHandSchema = z.object({ ...inSession, raised: z.boolean() });
export const webinarPromoteSchema = z.object({
  ...inSession,
  userId: z.uuid(),
  promoted: z.boolean(),
});

export const webinarClientEvents = {
  "webinar:join": { payload: webinarRefSchema, result: webinarJoinResultSchema },
  "webinar:leave": { payload: webinarRefSchema, result: noResult },
  /** A speaker or moderator opens the session (from 15 minutes before its start). */
  "webinar:start": { payload: webinarRefSchema, result: noResult },
  /** A speaker or moderator ends it for everyone. */
  "webinar:end": { payload: webinarRefSchema, result: noResult },
  "webinar:createTransport": {
    payload: webinarCreateTransportSchema,
    result: transportOptionsSchema,
  },
  "webinar:connectTransport": { payload: webinarConnectTransportSchema, result: noResult },
  "webinar:produce": {
    payload: webinarProduceSchema,
    result: z.object({ producerId: z.string() }),
  },
  "webinar:consume": { payload: webinarConsumeSchema, result: consumerOptionsSchema },
  "webinar:resumeConsumer": { payload: webinarConsumerRefSchema, result: noResult },
  "webinar:preferLayers": { payload: webinarPreferLayersSchema, result: noResult },
  "webinar:pauseProducer": { payload: webinarPauseProducerSchema, result: noResult },
  "webinar:closeProducer": { payload: webinarProducerRefSchema, result: noResult },
  "webinar:ask": {
    payload: webinarAskSchema,
    result: z.object({ question: webinarQuestionSchema }),
  },
  "webinar:vote": {
    payload: webinarVoteSchema,
    result: z.object({ question: webinarQuestionSchema }),
  },
  "webinar:moderateQuestion": {
    payload: webinarModerateQuestionSchema,
    result: z.object({ question: webinarQuestionSchema }),
  },
  "webinar:chat": {
    payload: webinarChatSchema,
    result: z.object({ message: webinarChatMessageSchema }),
  },
  "webinar:moderateChat": {
    payload: webinarModerateChatSchema,
    result: z.object({ message: webinarChatMessageSchema }),
  },
  "webinar:block": { payload: webinarBlockSchema, result: noResult },
  "webinar:raiseHand": { payload: webinarRaiseHandSchema, result: noResult },
  "webinar:promote": { payload: webinarPromoteSchema, result: noResult },
} as const;

// ---- server → client -------------------------------------------------------

export const webinarStateSchema = z.object({
  ...inSession,
  status: webinarStatusSchema,
  stage: z.array(stageMemberSchema),
});
export const webinarViewersSchema = z.object({ ...inSession, count: z.number().int() });
export const webinarNewProducerSchema = z.object({ ...inSession, producer: webinarProducerSchema });
export const webinarProducerClosedSchema = z.object({ ...inSession, producerId: z.string() });
export const webinarProducerPausedSchema = z.object({
  ...inSession,
  producerId: z.string(),
  paused: z.boolean(),
});
/** A new or changed question (votes, status, pin; to staff also hidden ones). */
export const webinarQuestionEventSchema = z.object({
  ...inSession,
  question: webinarQuestionSchema,
});
/** A question hidden from viewers: they drop it. */
export const webinarQuestionRemovedSchema = z.object({ ...inSession, questionId: z.uuid() });
export const webinarChatEventSchema = z.object({ ...inSession, message: webinarChatMessageSchema });
export const webinarChatRemovedSchema = z.object({ ...inSession, messageId: z.uuid() });
/** To staff: the raised hands, oldest first. */
export const webinarHandsSchema = z.object({ ...inSession, hands: z.array(raisedHandSchema) });
/** To one user: their own standing changed. */
export const webinarYouSchema = z.object({
  ...inSession,
  promoted: z.boolean(),
  blocked: z.boolean(),
  handRaised: z.boolean(),
});
/**
 * Captions are out of scope; this is their hook: a caption source (a speaker's
 * client or a server-side recogniser) would send lines here and the page
 * renders them in its caption track.
 */
export const webinarCaptionSchema = z.object({
  ...inSession,
  userId: z.uuid(),
  text: z.string().max(500),
  final: z.boolean(),
});
export const webinarReconnectSchema = z.object({
  ...inSession,
  reason: z.enum(["media_restarted", "session_moved"]),
});

export const webinarServerEvents = {
  "webinar:state": webinarStateSchema,
  "webinar:viewers": webinarViewersSchema,
  "webinar:newProducer": webinarNewProducerSchema,
  "webinar:producerClosed": webinarProducerClosedSchema,
  "webinar:producerPaused": webinarProducerPausedSchema,
  "webinar:question": webinarQuestionEventSchema,
  "webinar:questionRemoved": webinarQuestionRemovedSchema,
  "webinar:chat": webinarChatEventSchema,
  "webinar:chatRemoved": webinarChatRemovedSchema,
  "webinar:hands": webinarHandsSchema,
  "webinar:you": webinarYouSchema,
  "webinar:caption": webinarCaptionSchema,
  "webinar:reconnect": webinarReconnectSchema,
  "webinar:ended": webinarRefSchema,
} as const;
