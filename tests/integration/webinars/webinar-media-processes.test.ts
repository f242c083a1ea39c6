// A group session across two media hosts that find each other only through
// real Redis (directory, heartbeat, relay) and carry the stream over a real
// PipeTransport pair: the origin is placed once, send-side calls from the
// other host are relayed to it, viewers there receive on their own workers,
// pauses and closes follow, the end closes both, and a host that goes away
// makes the other's members reconnect and the next join place the session anew.
import { randomUUID } from "node:crypto";
import { ErrorCode } from "@crossfair/shared";
import { redisConnections, type RedisConnections } from "@crossfair/server/plugins/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { opusRtpParameters, OPUS_PT, sendRtp, type RtpSender } from "../../support/rtp-sender.js";
import { REDIS_TEST_URL, redisAvailable } from "../../support/services.js";
import {
  openRouters,
  packetsOf,
  producePlain,
  receive,
  startMediaHost,
  type MediaHost,
  type RtpCapabilities,
} from "../../support/webinar-media.js";

const available = await redisAvailable();
const silent = {
  info() {},
  warn() {},
  error() {},
  debug() {},
} as unknown as Parameters<typeof redisConnections>[1];

const webinarId = randomUUID();
const member = (name: string) => ({
  webinarId,
  userId: randomUUID(),
  socketId: `socket-${name}`,
  displayName: name,
});
const speakerA = member("speaker-a");
const speakerB = member("speaker-b");
const viewersB = [member("vb1"), member("vb2")];

let connections: RedisConnections;
let a: MediaHost;
let b: MediaHost;
let rtpCapabilities: RtpCapabilities;
const senders: RtpSender[] = [];

async function consumeAt(
  host: MediaHost,
  viewer: ReturnType<typeof member>,
  producerId: string,
): Promise<string> {
  return (await receive(host.media, viewer, producerId, rtpCapabilities)).consumerId;
}

const consumerAt = (host: MediaHost, consumerId: string) =>
  host.media
    .local(webinarId)
    .fanout!.consumers()
    .find((consumer) => consumer.id === consumerId)!;

describe.skipIf(!available)("a group session across two processes", () => {
  beforeAll(async () => {
    connections = redisConnections(REDIS_TEST_URL, silent);
    const redis = { connections, prefix: `test-${randomUUID()}:webinars` };
    a = await startMediaHost({ processId: "host-a", redis, viewersPerRouter: 1 });
    b = await startMediaHost({ processId: "host-b", redis, viewersPerRouter: 1 });
    await a.media.beat();
  });

  afterAll(async () => {
    for (const sender of senders) await sender.stop();
    await b?.close();
    await a?.close();
    await connections?.close();
  });

  it("places the origin once, on the process of the first join", async () => {
    const joined = await a.media.join({ ...speakerA, rights: "all" });
    rtpCapabilities = joined.routerRtpCapabilities;
    await b.media.join({ ...speakerB, rights: "all" });
    for (const viewer of viewersB) await b.media.join({ ...viewer, rights: "none" });
    expect(a.media.local(webinarId).origin).toBeDefined();
    expect(b.media.local(webinarId).origin).toBeUndefined();
  });

  it("pipes the stage's stream to the other process and across its workers", async () => {
    const { producerId, target: plain } = await producePlain(a.media, speakerA, {
      kind: "audio",
      source: "microphone",
      rtpParameters: opusRtpParameters(5551),
    });
    senders.push(sendRtp(plain, [{ ssrc: 5551, payloadType: OPUS_PT }]));
    for (const viewer of viewersB) await consumeAt(b, viewer, producerId);

    const edges = b.media.local(webinarId).fanout!.edges;
    expect(edges).toHaveLength(2);
    expect(new Set(edges.map((edge) => edge.host.worker.pid)).size).toBe(2);
    expect(edges.map((edge) => edge.router.appData.role).sort()).toEqual(["edge", "ingress"]);
    // The copy on B's second worker was piped there from B's ingress router: packets prove both hops.
    const copy = await edges.find((edge) => edge.fed.has(producerId))!.fed.get(producerId)!;
    expect(copy.id).toBe(producerId);
    await expect.poll(() => packetsOf(copy), { timeout: 5_000 }).toBeGreaterThan(10);
  });

  it("relays a speaker's send side to the origin, rights and pauses included", async () => {
    const { producerId } = await producePlain(b.media, speakerB, {
      kind: "audio",
      source: "microphone",
      rtpParameters: opusRtpParameters(6661),
    });
    expect(b.media.local(webinarId).origin).toBeUndefined();
    expect(
      a.media
        .local(webinarId)
        .origin!.producers()
        .map((p) => p.producerId),
    ).toContain(producerId);
    expect(a.notices).toContainEqual(
      expect.objectContaining({ event: "webinar:newProducer", to: `webinar:${webinarId}` }),
    );
    const consumerId = await consumeAt(b, viewersB[0]!, producerId);

    await b.media.signal(speakerB, "webinar:pauseProducer", {
      webinarId,
      producerId,
      paused: true,
    });
    await expect.poll(() => consumerAt(b, consumerId).producerPaused).toBe(true);
    await b.media.signal(speakerB, "webinar:pauseProducer", {
      webinarId,
      producerId,
      paused: false,
    });
    await expect.poll(() => consumerAt(b, consumerId).producerPaused).toBe(false);

    // A viewer's refusal reads the same through the relay.
    await expect(
      b.media.signal(viewersB[1]!, "webinar:createTransport", { webinarId, direction: "send" }),
    ).rejects.toMatchObject({ code: ErrorCode.notSpeaker });

    const consumer = consumerAt(b, consumerId);
    await b.media.setRights(webinarId, speakerB.userId, "audio");
    expect(consumer.closed).toBe(false);
    await b.media.signal(speakerB, "webinar:closeProducer", { webinarId, producerId });
    await expect.poll(() => consumer.closed).toBe(true);
  });

  it("closes the pipe once nobody is left on the other process", async () => {
    expect(a.media.local(webinarId).pipesTo).toEqual(["host-b"]);
    expect(await openRouters(b.pool)).toBeGreaterThan(0);
    for (const someone of [speakerB, ...viewersB]) await b.media.leave(someone);
    await expect.poll(() => a.media.local(webinarId).pipesTo).toEqual([]);
    await expect.poll(() => openRouters(b.pool)).toBe(0);
    await expect(
      b.media.signal(viewersB[0]!, "webinar:createTransport", { webinarId, direction: "recv" }),
    ).rejects.toMatchObject({ code: ErrorCode.forbidden });
  });

  it("ends everywhere: no router is left on either process", async () => {
    await b.media.join({ ...viewersB[0]!, rights: "none" });
    await b.media.signal(viewersB[0]!, "webinar:createTransport", {
      webinarId,
      direction: "recv",
    });
    expect(await openRouters(b.pool)).toBeGreaterThan(0);
    await b.media.end(webinarId);
    await expect.poll(() => openRouters(a.pool)).toBe(0);
    await expect.poll(() => openRouters(b.pool)).toBe(0);
    expect(b.media.local(webinarId).fanout).toBeUndefined();
  });

  it("moves a session whose origin process went away", async () => {
    const moving = randomUUID();
    const speaker = { ...speakerA, webinarId: moving };
    const viewer = { ...viewersB[0]!, webinarId: moving };
    await a.media.join({ ...speaker, rights: "all" });
    // Placed on the least loaded of the two: the other one keeps going.
    const [gone, staying] = a.media.local(moving).origin ? [a, b] : [b, a];
    expect(gone.media.local(moving).origin).toBeDefined();
    await staying.media.join({ ...viewer, rights: "none" });

    await gone.close();
    // The closed process's last word may still be read on the next beat: beat until it is not.
    await expect
      .poll(
        async () => {
          await staying.media.beat();
          return staying.notices;
        },
        { timeout: 10_000 },
      )
      .toContainEqual({
        to: viewer.socketId,
        event: "webinar:reconnect",
        payload: { webinarId: moving, reason: "session_moved" },
      });
    expect(staying.media.local(moving).fanout).toBeUndefined();

    await staying.media.join({ ...viewer, rights: "none" });
    expect(staying.media.local(moving).origin).toBeDefined();
    await staying.media.end(moving);
    await expect.poll(() => openRouters(staying.pool)).toBe(0);
  });
});
