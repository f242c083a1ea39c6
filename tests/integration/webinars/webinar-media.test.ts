// A group session's media on one process with two real mediasoup workers: the
// stage sends to the origin router, viewers receive on edge routers fed by
// pipeToRouter across both workers, rights are enforced where media is made,
// and the end closes every router.
import { randomBytes, randomUUID } from "node:crypto";
import { ErrorCode } from "@crossfair/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  opusRtpParameters,
  OPUS_PT,
  sendRtp,
  VP8_PT,
  vp8SimulcastRtpParameters,
  type RtpSender,
} from "../../support/rtp-sender.js";
import {
  openRouters,
  packetsOf,
  producePlain,
  receive,
  startMediaHost,
  type MediaHost,
  type RtpCapabilities,
} from "../../support/webinar-media.js";

const webinarId = randomUUID();
const member = (name: string) => ({
  webinarId,
  userId: randomUUID(),
  socketId: `socket-${name}`,
  displayName: name,
});
const speaker = member("speaker");
const viewers = [member("v1"), member("v2"), member("v3")];
const promoted = member("promoted");

let host: MediaHost;
let rtpCapabilities: RtpCapabilities;
const senders: RtpSender[] = [];

async function expectCode(work: Promise<unknown>, code: string) {
  await expect(work).rejects.toMatchObject({ code });
}

beforeAll(async () => {
  host = await startMediaHost({ processId: "solo", workers: 2, viewersPerRouter: 1 });
});

afterAll(async () => {
  for (const sender of senders) await sender.stop();
  await host?.close();
});

describe("a group session on one process", () => {
  it("places the origin on a worker and answers its capabilities and producers", async () => {
    const joined = await host.media.join({ ...speaker, rights: "all" });
    rtpCapabilities = joined.routerRtpCapabilities;
    expect(rtpCapabilities.codecs?.map((c) => c.mimeType)).toContain("audio/opus");
    expect(joined.producers).toEqual([]);
    for (const viewer of viewers) await host.media.join({ ...viewer, rights: "none" });
    await host.media.join({ ...promoted, rights: "audio" });
    expect(host.media.local(webinarId).origin).toBeDefined();
  });

  it("carries the speaker's stream to viewers on routers across both workers", async () => {
    const { producerId, target: plain } = await producePlain(host.media, speaker, {
      kind: "audio",
      source: "microphone",
      rtpParameters: opusRtpParameters(1111),
    });
    senders.push(sendRtp(plain, [{ ssrc: 1111, payloadType: OPUS_PT }]));
    expect(host.notices).toContainEqual(
      expect.objectContaining({
        to: `webinar:${webinarId}`,
        event: "webinar:newProducer",
        payload: expect.objectContaining({
          producer: expect.objectContaining({ producerId, kind: "audio", userId: speaker.userId }),
        }),
      }),
    );

    for (const viewer of viewers) {
      const consumer = await receive(host.media, viewer, producerId, rtpCapabilities);
      expect(consumer).toMatchObject({ producerId, userId: speaker.userId, kind: "audio" });
      await host.media.signal(viewer, "webinar:resumeConsumer", {
        webinarId,
        consumerId: consumer.consumerId,
      });
    }

    // One viewer per router: the origin router and two fed routers, on both workers.
    const { fanout, origin } = host.media.local(webinarId);
    const edges = fanout!.edges;
    expect(edges).toHaveLength(3);
    expect(edges.every((edge) => edge.viewers === 1)).toBe(true);
    expect(new Set(edges.map((edge) => edge.host.worker.pid)).size).toBe(2);
    expect(edges.filter((edge) => edge.router === origin!.router)).toHaveLength(1);

    // The stream really arrives at every fed router's copy of the producer.
    const copies = await Promise.all(
      edges.filter((edge) => edge.fed.has(producerId)).map((edge) => edge.fed.get(producerId)!),
    );
    expect(copies).toHaveLength(2);
    await expect
      .poll(async () => Math.min(...(await Promise.all(copies.map(packetsOf)))), {
        timeout: 5_000,
      })
      .toBeGreaterThan(10);
  });

  it("takes a speaker's stream encrypted as a browser sends it (SRTP)", async () => {
    const plain = await host.media.openPlainSendTransport(speaker, true);
    const key = randomBytes(28).toString("base64");
    await host.media.connectPlainSendTransport(speaker, plain.transportId, {
      cryptoSuite: "AEAD_AES_128_GCM",
      keyBase64: key,
    });
    const { producerId } = await producePlain(host.media, speaker, {
      kind: "audio",
      source: "microphone",
      rtpParameters: opusRtpParameters(4441),
      transportId: plain.transportId,
    });
    senders.push(sendRtp(plain, [{ ssrc: 4441, payloadType: OPUS_PT }], key));
    const producer = host.media.local(webinarId).origin!.producer(producerId);
    await expect.poll(() => packetsOf(producer), { timeout: 5_000 }).toBeGreaterThan(10);
    producer.close();
  });

  it("gives a viewer the simulcast layer it prefers and ranks screen above camera", async () => {
    const { producerId, target: plain } = await producePlain(host.media, speaker, {
      kind: "video",
      source: "screen",
      rtpParameters: vp8SimulcastRtpParameters([2221, 2222, 2223]),
    });
    senders.push(
      sendRtp(
        plain,
        [2221, 2222, 2223].map((ssrc) => ({ ssrc, payloadType: VP8_PT, video: true })),
      ),
    );
    const viewer = viewers[2]!;
    const options = await receive(host.media, viewer, producerId, rtpCapabilities);
    await host.media.signal(viewer, "webinar:preferLayers", {
      webinarId,
      consumerId: options.consumerId,
      spatialLayer: 0,
      temporalLayer: 1,
    });
    const consumer = host.media
      .local(webinarId)
      .fanout!.consumers()
      .find((c) => c.id === options.consumerId)!;
    expect(consumer.type).toBe("simulcast");
    expect(consumer.preferredLayers).toEqual({ spatialLayer: 0, temporalLayer: 1 });
    expect(consumer.priority).toBe(3);
    await expectCode(
      host.media.signal(viewer, "webinar:preferLayers", {
        webinarId,
        consumerId: "nope",
        spatialLayer: 0,
      }),
      ErrorCode.notFound,
    );
  });

  it("lets nobody send beyond their rights", async () => {
    const viewer = viewers[0]!;
    await expectCode(
      host.media.signal(viewer, "webinar:createTransport", { webinarId, direction: "send" }),
      ErrorCode.notSpeaker,
    );
    await expectCode(host.media.openPlainSendTransport(viewer), ErrorCode.notSpeaker);

    const plain = await host.media.openPlainSendTransport(promoted);
    const produce = (kind: "audio" | "video") =>
      host.media.signal(promoted, "webinar:produce", {
        webinarId,
        transportId: plain.transportId,
        kind,
        source: kind === "audio" ? "microphone" : "camera",
        rtpParameters:
          kind === "audio"
            ? opusRtpParameters(3331)
            : vp8SimulcastRtpParameters([3332, 3333, 3334]),
        paused: false,
      }) as Promise<{ producerId: string }>;
    await expectCode(produce("video"), ErrorCode.notSpeaker);
    const { producerId } = await produce("audio");

    // A viewer hears the promoted viewer, until they are demoted.
    const heard = await receive(host.media, viewer, producerId, rtpCapabilities);
    const { fanout } = host.media.local(webinarId);
    const consumer = fanout!.consumers().find((c) => c.id === heard.consumerId)!;

    await host.media.setRights(webinarId, promoted.userId, "none");
    expect(host.notices).toContainEqual(
      expect.objectContaining({
        event: "webinar:producerClosed",
        payload: { webinarId, producerId },
      }),
    );
    await expect.poll(() => consumer.closed).toBe(true);
    await expectCode(produce("audio"), ErrorCode.notSpeaker);
  });

  it("pauses a producer for everyone and tells the session", async () => {
    const producers = host.media.local(webinarId).origin!.producers();
    const audio = producers.find((p) => p.kind === "audio")!;
    await host.media.signal(speaker, "webinar:pauseProducer", {
      webinarId,
      producerId: audio.producerId,
      paused: true,
    });
    expect(host.notices).toContainEqual(
      expect.objectContaining({
        event: "webinar:producerPaused",
        payload: { webinarId, producerId: audio.producerId, paused: true },
      }),
    );
    const consumers = host.media
      .local(webinarId)
      .fanout!.consumers()
      .filter((c) => c.producerId === audio.producerId);
    expect(consumers.length).toBeGreaterThan(0);
    await expect.poll(() => consumers.every((c) => c.producerPaused)).toBe(true);
    // Another member cannot pause what is not theirs.
    await expectCode(
      host.media.signal(viewers[1]!, "webinar:pauseProducer", {
        webinarId,
        producerId: audio.producerId,
        paused: false,
      }),
      ErrorCode.notFound,
    );
  });

  it("closes a leaving member's transports, and everything at the end", async () => {
    const viewer = viewers[1]!;
    const { fanout } = host.media.local(webinarId);
    const before = fanout!.consumers().length;
    await host.media.leave(viewer);
    expect(fanout!.consumers().length).toBeLessThan(before);
    await expectCode(
      host.media.signal(viewer, "webinar:createTransport", { webinarId, direction: "recv" }),
      ErrorCode.forbidden,
    );

    expect(await openRouters(host.pool)).toBeGreaterThan(0);
    await host.media.end(webinarId);
    expect(host.media.local(webinarId)).toEqual({
      origin: undefined,
      pipesTo: [],
      fanout: undefined,
    });
    await expect.poll(() => openRouters(host.pool)).toBe(0);
  });
});

describe("a group session whose worker dies", () => {
  const restarting = randomUUID();
  const speakerHere = { ...speaker, webinarId: restarting };
  const viewerHere = { ...viewers[0]!, webinarId: restarting };

  it("tells every member to reconnect when the origin's worker dies, and opens anew", async () => {
    await host.media.join({ ...speakerHere, rights: "all" });
    await host.media.join({ ...viewerHere, rights: "none" });
    await host.media.signal(viewerHere, "webinar:createTransport", {
      webinarId: restarting,
      direction: "recv",
    });
    const { origin } = host.media.local(restarting);
    const replaced = host.pool.waitForReplacement(10_000);
    process.kill(origin!.host.worker.pid, "SIGKILL");
    await expect
      .poll(() =>
        host.notices.some(
          (n) =>
            n.event === "webinar:reconnect" &&
            n.to === `webinar:${restarting}` &&
            n.payload.reason === "media_restarted",
        ),
      )
      .toBe(true);
    expect(host.media.local(restarting).origin).toBeUndefined();
    expect(host.media.local(restarting).fanout).toBeUndefined();
    expect(await replaced).toBe(true);

    const rejoined = await host.media.join({ ...viewerHere, rights: "none" });
    expect(rejoined.producers).toEqual([]);
    expect(host.media.local(restarting).origin!.router.closed).toBe(false);
    await host.media.end(restarting);
    await expect.poll(() => openRouters(host.pool)).toBe(0);
  });
});
