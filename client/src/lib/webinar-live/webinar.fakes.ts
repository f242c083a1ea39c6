/**
 * Fakes for the group session manager's tests: the interview's fake link
 * (answers from a table, events pushed by the test) answering the
 * `webinar:` events, and its fake devices and mediasoup-client Device.
 * Test-only.
 */
import type { ClientEventName, WebinarJoinResult, WebinarQuestion } from "@crossfair/shared";
import { fakeDevice, fakeDevices, fakeLink } from "../interview/interview.fakes.js";
import { WebinarManager } from "./webinar.manager.js";

export const WEBINAR = "7a1c8f0e-8a4b-4d3e-9a55-0c1d2e3f4a5b";
export const ME = "11111111-1111-4111-8111-111111111111";
export const SPEAKER = "22222222-2222-4222-8222-222222222222";
export const VIEWER = "33333333-3333-4333-8333-333333333333";
export const SERVER_TIME = 1_800_000_000_000;

export function question(overrides: Partial<WebinarQuestion> = {}): WebinarQuestion {
  return {
    id: "44444444-4444-4444-8444-444444444444",
    userId: VIEWER,
    displayName: "Viewer",
    text: "What about tax?",
    askedAt: 1,
    votes: 0,
    status: "open",
    pinned: false,
    hidden: false,
    ...overrides,
  };
}

export function joinResult(overrides: Partial<WebinarJoinResult> = {}): WebinarJoinResult {
  return {
    userId: ME,
    role: "viewer",
    status: "live",
    startsAt: SERVER_TIME - 60_000,
    endsAt: SERVER_TIME + 3_600_000,
    serverTime: SERVER_TIME,
    routerRtpCapabilities: { codecs: [] },
    iceServers: [],
    iceTransportPolicy: "all",
    stage: [{ userId: SPEAKER, displayName: "Speaker", kind: "speaker" }],
    producers: [
      { producerId: "cam", userId: SPEAKER, kind: "video", source: "camera", paused: false },
      { producerId: "mic", userId: SPEAKER, kind: "audio", source: "microphone", paused: false },
    ],
    questions: [],
    myVotes: [],
    chat: [],
    hands: [],
    handRaised: false,
    promoted: false,
    blocked: false,
    viewerCount: 3,
    ...overrides,
  } as WebinarJoinResult;
}

type Handler = (payload: unknown) => unknown;

export function setupWebinar(
  join: Partial<WebinarJoinResult> = {},
  overrides: Partial<Record<ClientEventName, Handler>> = {},
) {
  let producerCount = 0;
  const server = fakeLink({
    "webinar:join": () => joinResult(join),
    "webinar:createTransport": (payload) => ({
      transportId: `t-${(payload as { direction: string }).direction}`,
      iceParameters: {},
      iceCandidates: [],
      dtlsParameters: {},
    }),
    "webinar:produce": () => ({ producerId: `p-${++producerCount}` }),
    "webinar:consume": (payload) => {
      const { producerId } = payload as { producerId: string };
      return {
        consumerId: `c-${producerId}`,
        producerId,
        userId: SPEAKER,
        kind: producerId === "mic" ? "audio" : "video",
        source: producerId === "mic" ? "microphone" : "camera",
        rtpParameters: { codecs: [] },
        producerPaused: false,
      };
    },
    "webinar:ask": (payload) => ({
      question: question({
        id: "55555555-5555-4555-8555-555555555555",
        userId: ME,
        text: (payload as { text: string }).text,
      }),
    }),
    ...overrides,
  });
  const devices: ReturnType<typeof fakeDevice>[] = [];
  const manager = new WebinarManager({
    webinarId: WEBINAR,
    link: server.link,
    devices: fakeDevices(),
    createDevice: () => {
      const made = fakeDevice();
      devices.push(made);
      return made.device;
    },
    clock: { now: () => SERVER_TIME, every: () => () => undefined },
  });
  const sent = (event: ClientEventName) =>
    server.requests.filter((r) => r.event === event).map((r) => r.payload);
  return { manager, server, devices, sent };
}

export { settle } from "../interview/interview.fakes.js";
