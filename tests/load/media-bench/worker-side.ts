/**
 * The media host side of the media benchmarks: a worker pool without a
 * WebRtcServer or logging, SRTP keys, and a worker's CPU over a window.
 */
import { randomBytes } from "node:crypto";
import { WorkerPool, type MediaWorker } from "@crossfair/server/interview/media/worker-pool";

export const CRYPTO_SUITE = "AEAD_AES_128_GCM" as const;
export const LOCALHOST = { protocol: "udp" as const, ip: "127.0.0.1" };

export const silentLog = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child() {
    return silentLog;
  },
} as unknown as Parameters<typeof WorkerPool.start>[0]["log"];

export const startBenchPool = (size: number) => WorkerPool.start({ size, log: silentLog });

type Router = Awaited<ReturnType<MediaWorker["worker"]["createRouter"]>>;

const srtpPlain = (router: Router, comedia: boolean) =>
  router.createPlainTransport({
    listenInfo: LOCALHOST,
    rtcpMux: true,
    comedia,
    enableSrtp: true,
    srtpCryptoSuite: CRYPTO_SUITE,
  });

/** An SRTP PlainTransport a sender sends into (it learns the sender's address), and its key. */
export async function srtpTransportIn(router: Router) {
  const transport = await srtpPlain(router, true);
  const keyBase64 = srtpKey();
  await transport.connect({ srtpParameters: { cryptoSuite: CRYPTO_SUITE, keyBase64 } });
  return { transport, keyBase64 };
}

/** An SRTP PlainTransport that sends what it consumes to a local sink port. */
export async function srtpTransportTo(router: Router, port: number) {
  const transport = await srtpPlain(router, false);
  await transport.connect({
    ip: "127.0.0.1",
    port,
    srtpParameters: { cryptoSuite: CRYPTO_SUITE, keyBase64: srtpKey() },
  });
  return transport;
}

/** A fresh SRTP master key (16 bytes) and salt (12 bytes), base64, as mediasoup takes them. */
export const srtpKey = () => randomBytes(28).toString("base64");

export interface WorkerCpu {
  cpuMs: number;
  elapsedMs: number;
  workerPid: number;
}

/** Each worker's user + system CPU over the same window. */
export async function workersCpu(
  workers: MediaWorker["worker"][],
  windowMs: number,
): Promise<WorkerCpu[]> {
  const before = await Promise.all(workers.map((w) => w.getResourceUsage()));
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, windowMs));
  const after = await Promise.all(workers.map((w) => w.getResourceUsage()));
  const elapsedMs = performance.now() - started;
  return workers.map((worker, index) => ({
    cpuMs:
      after[index]!.ru_utime +
      after[index]!.ru_stime -
      (before[index]!.ru_utime + before[index]!.ru_stime),
    elapsedMs,
    workerPid: worker.pid,
  }));
}
