/**
 * A group session's media host in a process of its own (forked by tests, so
 * it can be killed): BroadcastMedia on two workers and real Redis, driven over
 * IPC. It can join members, open a plain send transport and feed it RTP.
 */
import { redisConnections } from "@crossfair/server/plugins/redis";
import type { SendRights, WebinarMember } from "@crossfair/server/webinar/webinar.media";
import { opusRtpParameters, OPUS_PT, sendRtp } from "./rtp-sender.js";
import { producePlain, startMediaHost } from "./webinar-media.js";

export type HostRequest =
  | { id: number; kind: "join"; member: WebinarMember; rights: SendRights }
  | { id: number; kind: "sendAudio"; member: WebinarMember; ssrc: number };

export type HostAnswer =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; code: string; message: string };

const silent = { info() {}, warn() {}, error() {}, debug() {} } as unknown as Parameters<
  typeof redisConnections
>[1];
const connections = redisConnections(process.env.HOST_REDIS_URL!, silent);
const host = await startMediaHost({
  processId: process.env.HOST_PROCESS_ID!,
  redis: { connections, prefix: process.env.HOST_PREFIX! },
  portBase: Number(process.env.HOST_PORT_BASE),
});

async function run(request: HostRequest): Promise<unknown> {
  if (request.kind === "join") {
    const joined = await host.media.join({
      ...request.member,
      displayName: "host",
      rights: request.rights,
    });
    return { producers: joined.producers };
  }
  const { producerId, target } = await producePlain(host.media, request.member, {
    kind: "audio",
    source: "microphone",
    rtpParameters: opusRtpParameters(request.ssrc),
  });
  sendRtp(target, [{ ssrc: request.ssrc, payloadType: OPUS_PT }]);
  return { producerId };
}

process.on("message", (request: HostRequest) => {
  run(request).then(
    (value) => process.send?.({ id: request.id, ok: true, value } satisfies HostAnswer),
    (error: unknown) =>
      process.send?.({
        id: request.id,
        ok: false,
        code: String((error as { code?: string }).code ?? "internal"),
        message: String((error as Error).message),
      } satisfies HostAnswer),
  );
});
process.on("disconnect", () => process.exit(0));
process.send?.({ id: 0, ok: true, value: "ready" } satisfies HostAnswer);
