// The origin of a group session in a real separate process (forked, two
// mediasoup workers, real Redis): its stream reaches viewers on this process
// through the pipe, and when it is killed (no goodbye: SIGKILL) the heartbeat
// notices, this process's members are told to reconnect, and the next join
// places the session here. The other way round, a killed process holding a
// speaker's socket loses the speaker's producers at the origin here.
import { fork, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { redisConnections, type RedisConnections } from "@crossfair/server/plugins/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REDIS_TEST_URL, redisAvailable } from "../../support/services.js";
import type { HostAnswer, HostRequest } from "../../support/webinar-media-host.js";
import { openRouters, startMediaHost, type MediaHost } from "../../support/webinar-media.js";

const available = await redisAvailable();
const silent = { info() {}, warn() {}, error() {}, debug() {} } as unknown as Parameters<
  typeof redisConnections
>[1];
const hostFile = fileURLToPath(new URL("../../support/webinar-media-host.ts", import.meta.url));

const webinarId = randomUUID();
const speaker = { webinarId, userId: randomUUID(), socketId: "socket-speaker" };
const viewer = { webinarId, userId: randomUUID(), socketId: "socket-viewer", displayName: "v" };

let connections: RedisConnections;
let child: ChildProcess;
let here: MediaHost;
let nextId = 1;

type Unnumbered<R> = R extends unknown ? Omit<R, "id"> : never;

let prefix: string;

async function forkHost(processId: string): Promise<ChildProcess> {
  const forked = fork(hostFile, [], {
    execArgv: ["--import", "tsx"],
    // tsx is the server's dependency, as `pnpm start` runs it.
    cwd: fileURLToPath(new URL("../../../server", import.meta.url)),
    stdio: "inherit",
    env: {
      ...process.env,
      HOST_REDIS_URL: REDIS_TEST_URL,
      HOST_PROCESS_ID: processId,
      HOST_PREFIX: prefix,
      HOST_PORT_BASE: "47600",
    },
  });
  await new Promise<void>((resolve, reject) => {
    forked.once("message", () => resolve());
    forked.once("exit", (code) => reject(new Error(`the media host exited (${code})`)));
  });
  return forked;
}

function ask(request: Unnumbered<HostRequest>): Promise<unknown> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const listen = (answer: HostAnswer) => {
      if (answer.id !== id) return;
      child.off("message", listen);
      if (answer.ok) resolve(answer.value);
      else reject(Object.assign(new Error(answer.message), { code: answer.code }));
    };
    child.on("message", listen);
    child.send({ ...request, id } as HostRequest);
  });
}

describe.skipIf(!available)("a group session whose origin process is killed", () => {
  beforeAll(async () => {
    prefix = `test-${randomUUID()}:webinars`;
    child = await forkHost("origin-process");
    connections = redisConnections(REDIS_TEST_URL, silent);
    here = await startMediaHost({ processId: "edge-process", redis: { connections, prefix } });
  });

  afterAll(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await here?.close();
    await connections?.close();
  });

  it("receives the origin process's stream through the pipe", async () => {
    await ask({ kind: "join", member: speaker, rights: "all" });
    const { producerId } = (await ask({ kind: "sendAudio", member: speaker, ssrc: 7771 })) as {
      producerId: string;
    };
    const joined = await here.media.join({ ...viewer, rights: "none" });
    expect(joined.producers.map((p) => p.producerId)).toEqual([producerId]);
    expect(here.media.local(webinarId).origin).toBeUndefined();
    const transport = await here.media.signal(viewer, "webinar:createTransport", {
      webinarId,
      direction: "recv",
    });
    await here.media.signal(viewer, "webinar:consume", {
      webinarId,
      transportId: transport.transportId,
      producerId,
      rtpCapabilities: joined.routerRtpCapabilities as never,
    });
    const [ingress] = here.media.local(webinarId).fanout!.edges;
    expect(ingress!.router.appData.role).toBe("ingress");
    // The ingress router holds the pipe's copy; its packets came from the other process.
    const consumer = here.media.local(webinarId).fanout!.consumers()[0]!;
    expect(consumer.producerId).toBe(producerId);
    // A consumer's stats include the stream it takes from: the pipe's copy of the producer.
    await expect
      .poll(
        async () =>
          (await consumer.getStats()).find((s) => s.type === "inbound-rtp")?.packetCount ?? 0,
        { timeout: 5_000 },
      )
      .toBeGreaterThan(10);
  });

  it("tells this process's members to reconnect when it dies, and places the session anew", async () => {
    child.kill("SIGKILL");
    await expect
      .poll(
        async () => {
          await here.media.beat();
          return here.notices.some(
            (n) => n.event === "webinar:reconnect" && n.to === viewer.socketId,
          );
        },
        { timeout: 5_000, interval: 200 },
      )
      .toBe(true);
    expect(here.notices).toContainEqual({
      to: viewer.socketId,
      event: "webinar:reconnect",
      payload: { webinarId, reason: "session_moved" },
    });
    expect(here.media.local(webinarId).fanout).toBeUndefined();
    await expect.poll(() => openRouters(here.pool)).toBe(0);

    const rejoined = await here.media.join({ ...viewer, rights: "none" });
    expect(rejoined.producers).toEqual([]);
    expect(here.media.local(webinarId).origin).toBeDefined();
    await here.media.end(webinarId);
  });

  it("drops a speaker whose socket's process dies: their producer closes", async () => {
    const session = randomUUID();
    const viewerHere = { ...viewer, webinarId: session };
    const speakerThere = { ...speaker, webinarId: session };
    await here.media.join({ ...viewerHere, rights: "none" });
    expect(here.media.local(session).origin).toBeDefined();
    child = await forkHost("speaker-process");
    await here.media.beat();
    await ask({ kind: "join", member: speakerThere, rights: "all" });
    const { producerId } = (await ask({
      kind: "sendAudio",
      member: speakerThere,
      ssrc: 8881,
    })) as { producerId: string };
    expect(
      here.media
        .local(session)
        .origin!.producers()
        .map((p) => p.producerId),
    ).toEqual([producerId]);

    child.kill("SIGKILL");
    await expect
      .poll(
        async () => {
          await here.media.beat();
          return here.media.local(session).origin!.producers().length;
        },
        { timeout: 5_000, interval: 200 },
      )
      .toBe(0);
    expect(here.notices).toContainEqual({
      to: `webinar:${session}`,
      event: "webinar:producerClosed",
      payload: { webinarId: session, producerId },
    });
    await here.media.end(session);
  });
});
