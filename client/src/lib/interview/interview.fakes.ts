/**
 * Fakes for the interview manager's unit tests: a server link answering from
 * a table, media devices that may refuse the camera, and a mediasoup-client
 * Device whose transports call back like the real ones. Test-only.
 */
import { vi } from "vitest";
import type {
  Ack,
  ClientEventName,
  ClientEventResult,
  ServerEventName,
  ServerEventPayload,
} from "@crossfair/shared";
import type { MediaDevicesLike } from "./interview.devices.js";
import type { InterviewLink } from "./interview.link.js";
import { InterviewManager } from "./interview.manager.js";
import type { ConsumerLike, DeviceLike, ProducerLike, TransportLike } from "./interview.media.js";

export const ID = "6f1c8f0e-8a4b-4d3e-9a55-0c1d2e3f4a5b";
const ME = "11111111-1111-4111-8111-111111111111";
export const OTHER = "22222222-2222-4222-8222-222222222222";

/** The fake server's clock at every answer. */
export const SERVER_TIME = 1_800_000_000_000;

type Handler = (payload: unknown) => unknown;

/** A fake server link: answers requests from a table and lets tests push events. */
export function fakeLink(overrides: Partial<Record<ClientEventName, Handler>> = {}) {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const connection = new Set<(up: boolean) => void>();
  const requests: { event: ClientEventName; payload: unknown }[] = [];
  let producerCount = 0;
  const answers: Partial<Record<ClientEventName, Handler>> = {
    "interview:join": () => ({
      userId: ME,
      role: "candidate",
      routerRtpCapabilities: { codecs: [] },
      peers: [{ userId: OTHER, displayName: "Recruiter", role: "recruiter" }],
      producers: [
        { producerId: "remote-cam", userId: OTHER, kind: "video", source: "camera", paused: false },
      ],
      chat: [],
      // The fake server's clock stands still: ten minutes left at every join.
      plannedEndsAt: SERVER_TIME + 10 * 60_000,
      serverTime: SERVER_TIME,
    }),
    "interview:createTransport": (payload) => ({
      transportId: `t-${(payload as { direction: string }).direction}`,
      iceParameters: {},
      iceCandidates: [],
      dtlsParameters: {},
    }),
    "interview:produce": () => ({ producerId: `p-${++producerCount}` }),
    "interview:consume": (payload) => ({
      consumerId: `c-${(payload as { producerId: string }).producerId}`,
      producerId: (payload as { producerId: string }).producerId,
      userId: OTHER,
      kind: "video",
      source: "camera",
      rtpParameters: { codecs: [] },
      producerPaused: false,
    }),
    "interview:chat": (payload) => ({
      message: {
        id: "m1",
        userId: ME,
        displayName: "Me",
        text: (payload as { text: string }).text,
        sentAt: 1,
      },
    }),
    ...overrides,
  };
  const refusals: { event: ClientEventName; code: string }[] = [];
  const link: InterviewLink & { connected: boolean } = {
    connected: true,
    async request(event, payload) {
      requests.push({ event, payload });
      const refusal = refusals.findIndex((r) => r.event === event);
      if (refusal >= 0) {
        const code = refusals.splice(refusal, 1)[0]?.code;
        return { ok: false, code, message: code } as unknown as Ack<never>;
      }
      const answer = answers[event];
      const result = answer ? await answer(payload) : {};
      if (result && typeof result === "object" && "code" in result) {
        return { ok: false, ...(result as { code: never }) } as Ack<never>;
      }
      return { ok: true, ...(result as object) } as Ack<ClientEventResult<typeof event>>;
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
    onConnection(listener) {
      connection.add(listener);
      return () => connection.delete(listener);
    },
  };
  return {
    link,
    requests,
    emit<E extends ServerEventName>(event: E, payload: ServerEventPayload<E>) {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
    setConnected(up: boolean) {
      link.connected = up;
      for (const listener of connection) listener(up);
    },
    count: (event: ClientEventName) => requests.filter((r) => r.event === event).length,
    /** The next request of `event` is refused with `code` (then answers resume). */
    refuseNext(event: ClientEventName, code: string) {
      refusals.push({ event, code });
    },
  };
}

const track = (kind: string) =>
  ({
    kind,
    enabled: true,
    stop: vi.fn(),
    getSettings: () => ({ deviceId: `${kind}-1` }),
  }) as unknown as MediaStreamTrack;

export function fakeDevices(refuseVideo = false): MediaDevicesLike {
  return {
    async getUserMedia(constraints) {
      if (constraints.video && refuseVideo) {
        throw Object.assign(new Error("no"), { name: "NotAllowedError" });
      }
      const kind = constraints.audio ? "audio" : "video";
      const t = track(kind);
      return {
        getAudioTracks: () => (kind === "audio" ? [t] : []),
        getVideoTracks: () => (kind === "video" ? [t] : []),
      } as unknown as MediaStream;
    },
    async enumerateDevices() {
      return [{ kind: "audioinput", deviceId: "audio-1", label: "Mic" }] as MediaDeviceInfo[];
    },
  };
}

/** A fake mediasoup-client Device whose transports call back like the real ones. */
export function fakeDevice() {
  const producers: (ProducerLike & {
    paused: boolean;
    closed: boolean;
    kind: string;
    source: unknown;
    encodings: RTCRtpEncodingParameters[] | undefined;
  })[] = [];
  const transports: TransportLike[] = [];
  const makeTransport = (id: string): TransportLike => {
    const handlers = new Map<string, (...args: never[]) => void>();
    const transport: TransportLike = {
      id,
      on(event: string, listener: (...args: never[]) => void) {
        handlers.set(event, listener);
      },
      async produce({ track, appData, encodings }) {
        const produce = handlers.get("produce") as unknown as (
          params: unknown,
          done: (r: { id: string }) => void,
          fail: (e: Error) => void,
        ) => void;
        const producerId = await new Promise<string>((resolve, reject) =>
          produce(
            { kind: track.kind, rtpParameters: {}, appData },
            ({ id }) => resolve(id),
            reject,
          ),
        );
        const producer = {
          id: producerId,
          kind: track.kind,
          source: appData.source,
          encodings,
          paused: false,
          closed: false,
          pause() {
            this.paused = true;
          },
          resume() {
            this.paused = false;
          },
          close() {
            this.closed = true;
          },
          replaceTrack: vi.fn(async () => undefined),
        };
        producers.push(producer);
        return producer;
      },
      async consume({ id }): Promise<ConsumerLike> {
        return {
          id,
          track: track("video"),
          close: vi.fn(),
          getStats: async () => ({
            forEach: (fn) =>
              fn({ type: "inbound-rtp", kind: "video", framesDecoded: 12, packetsReceived: 40 }),
          }),
        };
      },
      close: vi.fn(),
    } as TransportLike;
    transports.push(transport);
    return transport;
  };
  const device: DeviceLike = {
    rtpCapabilities: { codecs: [] },
    load: vi.fn(async () => undefined),
    createSendTransport: (options) => makeTransport(options.id),
    createRecvTransport: (options) => makeTransport(options.id),
  };
  return { device, producers, transports };
}

export function setup(options: { refuseVideo?: boolean; link?: ReturnType<typeof fakeLink> } = {}) {
  const server = options.link ?? fakeLink();
  const devices: ReturnType<typeof fakeDevice>[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  // The browser's clock, a minute behind the server's; it moves when the test says.
  let now = SERVER_TIME - 60_000;
  const ticks = new Set<() => void>();
  const advanceClock = (ms: number) => {
    now += ms;
    for (const tick of ticks) tick();
  };
  const manager = new InterviewManager({
    interviewId: ID,
    link: server.link,
    devices: fakeDevices(options.refuseVideo),
    createDevice: () => {
      const made = fakeDevice();
      devices.push(made);
      return made.device;
    },
    setTimer: (fn, ms) => timers.push({ fn, ms }),
    clearTimer: () => timers.splice(0),
    clock: {
      now: () => now,
      every: (fn) => {
        ticks.add(fn);
        return () => ticks.delete(fn);
      },
    },
  });
  return { manager, server, devices, timers, advanceClock };
}

export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
