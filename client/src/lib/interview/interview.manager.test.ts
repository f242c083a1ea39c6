import { describe, expect, it, vi } from "vitest";
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

const ID = "6f1c8f0e-8a4b-4d3e-9a55-0c1d2e3f4a5b";
const ME = "11111111-1111-4111-8111-111111111111";
const OTHER = "22222222-2222-4222-8222-222222222222";

type Handler = (payload: unknown) => unknown;

/** A fake server link: answers requests from a table and lets tests push events. */
function fakeLink(overrides: Partial<Record<ClientEventName, Handler>> = {}) {
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
  const link: InterviewLink & { connected: boolean } = {
    connected: true,
    async request(event, payload) {
      requests.push({ event, payload });
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
  };
}

const track = (kind: string) =>
  ({
    kind,
    enabled: true,
    stop: vi.fn(),
    getSettings: () => ({ deviceId: `${kind}-1` }),
  }) as unknown as MediaStreamTrack;

function fakeDevices(refuseVideo = false): MediaDevicesLike {
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
function fakeDevice() {
  const producers: (ProducerLike & { paused: boolean; closed: boolean })[] = [];
  const transports: TransportLike[] = [];
  const makeTransport = (id: string): TransportLike => {
    const handlers = new Map<string, (...args: never[]) => void>();
    const transport: TransportLike = {
      id,
      on(event: string, listener: (...args: never[]) => void) {
        handlers.set(event, listener);
      },
      async produce({ track, appData }) {
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

function setup(options: { refuseVideo?: boolean; link?: ReturnType<typeof fakeLink> } = {}) {
  const server = options.link ?? fakeLink();
  const devices: ReturnType<typeof fakeDevice>[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
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
  });
  return { manager, server, devices, timers };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("InterviewManager", () => {
  it("previews, joins, sends microphone and camera and receives the other side", async () => {
    const { manager, server } = setup();
    expect(manager.state.phase).toBe("idle");
    await manager.preview();
    expect(manager.state).toMatchObject({
      phase: "ready",
      microphone: "granted",
      camera: "granted",
    });
    expect(manager.state.audioInputs).toEqual([{ deviceId: "audio-1", label: "Mic" }]);

    await manager.join();
    expect(manager.state.phase).toBe("live");
    expect(manager.state.role).toBe("candidate");
    expect(manager.state.peers.map((p) => p.userId)).toEqual([OTHER]);
    expect(
      server.requests
        .filter((r) => r.event === "interview:produce")
        .map((r) => (r.payload as { source: string }).source),
    ).toEqual(["microphone", "camera"]);
    expect(manager.state.remote).toMatchObject([{ producerId: "remote-cam", source: "camera" }]);
    expect(server.count("interview:resumeConsumer")).toBe(1);
    await expect(manager.stats()).resolves.toMatchObject({ videoFramesDecoded: 12 });
  });

  it("goes on audio-only when the camera is refused", async () => {
    const { manager, server } = setup({ refuseVideo: true });
    await manager.preview();
    expect(manager.state).toMatchObject({
      camera: "denied",
      microphone: "granted",
      localVideo: null,
    });
    await manager.join();
    expect(manager.state.phase).toBe("live");
    expect(server.requests.filter((r) => r.event === "interview:produce")).toHaveLength(1);
  });

  it("mutes and turns the camera off by pausing the producers on both sides", async () => {
    const { manager, server, devices } = setup();
    await manager.preview();
    await manager.join();
    await manager.toggleMicrophone();
    await manager.toggleCamera();
    expect(manager.state).toMatchObject({ micMuted: true, cameraOff: true });
    expect(manager.state.localAudio?.enabled).toBe(false);
    expect(devices[0]?.producers.map((p) => p.paused)).toEqual([true, true]);
    expect(
      server.requests.filter((r) => r.event === "interview:pauseProducer").map((r) => r.payload),
    ).toEqual([
      { interviewId: ID, producerId: "p-1", paused: true },
      { interviewId: ID, producerId: "p-2", paused: true },
    ]);
    await manager.toggleMicrophone();
    expect(manager.state.micMuted).toBe(false);
    expect(devices[0]?.producers[0]?.paused).toBe(false);
  });

  it("follows the room: new producers, closed producers, peers leaving and chat", async () => {
    const { manager, server } = setup();
    await manager.preview();
    await manager.join();
    server.emit("interview:newProducer", {
      interviewId: ID,
      producer: {
        producerId: "remote-mic",
        userId: OTHER,
        kind: "audio",
        source: "microphone",
        paused: false,
      },
    });
    await settle();
    expect(manager.state.remote.map((r) => r.producerId)).toEqual(["remote-cam", "remote-mic"]);
    server.emit("interview:producerClosed", { interviewId: ID, producerId: "remote-cam" });
    expect(manager.state.remote.map((r) => r.producerId)).toEqual(["remote-mic"]);
    // Events of another interview are none of ours.
    server.emit("interview:peerLeft", { interviewId: OTHER, userId: OTHER });
    expect(manager.state.peers).toHaveLength(1);

    server.emit("interview:chat", {
      interviewId: ID,
      message: { id: "m0", userId: OTHER, displayName: "Recruiter", text: "Hello", sentAt: 0 },
    });
    expect(await manager.sendChat("  Bonjour ")).toBe(true);
    expect(manager.state.chat.map((m) => m.text)).toEqual(["Hello", "Bonjour"]);
    expect(await manager.sendChat("   ")).toBe(false);

    server.emit("interview:peerLeft", { interviewId: ID, userId: OTHER });
    expect(manager.state.peers).toEqual([]);
    expect(manager.state.remote).toEqual([]);
  });

  it("consumes producers announced while its transports were still being built", async () => {
    let announced = false;
    const server: ReturnType<typeof fakeLink> = fakeLink({
      "interview:createTransport": (payload) => {
        if (!announced) {
          announced = true;
          server.emit("interview:newProducer", {
            interviewId: ID,
            producer: {
              producerId: "early-mic",
              userId: OTHER,
              kind: "audio",
              source: "microphone",
              paused: false,
            },
          });
        }
        return {
          transportId: `t-${(payload as { direction: string }).direction}`,
          iceParameters: {},
          iceCandidates: [],
          dtlsParameters: {},
        };
      },
    });
    const { manager } = setup({ link: server });
    await manager.join();
    expect(manager.state.remote.map((r) => r.producerId).sort()).toEqual([
      "early-mic",
      "remote-cam",
    ]);
  });

  it("rejoins after the link drops and comes back within the window", async () => {
    const { manager, server, devices, timers } = setup();
    await manager.preview();
    await manager.join();
    server.setConnected(false);
    expect(manager.state.phase).toBe("reconnecting");
    expect(timers).toHaveLength(1);
    expect(timers[0]?.ms).toBe(30_000);
    server.setConnected(true);
    await vi.waitFor(() => expect(manager.state.phase).toBe("live"));
    expect(server.count("interview:join")).toBe(2);
    // A fresh device and transports; the same local tracks are sent again.
    expect(devices).toHaveLength(2);
    expect(server.count("interview:produce")).toBe(4);
    expect(timers).toHaveLength(0);
  });

  it("gives up when the link stays down for the whole window", async () => {
    const { manager, server, timers } = setup();
    await manager.preview();
    await manager.join();
    server.setConnected(false);
    timers[0]?.fn();
    expect(manager.state).toMatchObject({ phase: "failed", error: "unavailable" });
    server.setConnected(true);
    await settle();
    expect(server.count("interview:join")).toBe(1);
  });

  it("rebuilds its media when the server restarted the room", async () => {
    const { manager, server } = setup();
    await manager.preview();
    await manager.join();
    server.emit("interview:reconnect", { interviewId: ID, reason: "media_restarted" });
    expect(manager.state.phase).toBe("reconnecting");
    await vi.waitFor(() => expect(manager.state.phase).toBe("live"));
    expect(server.count("interview:createTransport")).toBe(4);
  });

  it("fails with the server's code when joining is refused", async () => {
    const server = fakeLink({ "interview:join": () => ({ code: "forbidden" }) });
    const { manager } = setup({ link: server });
    await manager.join();
    expect(manager.state).toMatchObject({ phase: "failed", error: "forbidden" });
  });

  it("leaves: tells the server, closes the transports and keeps the preview tracks", async () => {
    const { manager, server, devices } = setup();
    await manager.preview();
    await manager.join();
    await manager.leave();
    expect(manager.state.phase).toBe("left");
    expect(server.count("interview:leave")).toBe(1);
    for (const transport of devices[0]?.transports ?? [])
      expect(transport.close).toHaveBeenCalled();
    server.emit("interview:chat", {
      interviewId: ID,
      message: { id: "late", userId: OTHER, displayName: "R", text: "late", sentAt: 9 },
    });
    expect(manager.state.chat).toEqual([]);
    manager.dispose();
    expect(manager.state.localAudio?.stop).toHaveBeenCalled();
  });

  it("ends when the interview is ended by the recruiter", async () => {
    const { manager, server } = setup();
    await manager.join();
    server.emit("interview:ended", { interviewId: ID });
    expect(manager.state.phase).toBe("ended");
  });
});
