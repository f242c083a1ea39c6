/**
 * The driving side of the media benchmarks (media-bench.ts, webinar-bench.ts):
 * media hosts as child processes answering requests over IPC, and the SRTP
 * sessions a synthetic browser encrypts its RTP and RTCP with.
 */
import { fork, type ChildProcess } from "node:child_process";
import { ProtectionProfileAeadAes128Gcm, SrtcpSession, SrtpSession } from "werift-rtp";

/** Every host answer carries the request's id. */
export interface HostAnswerBase {
  id: number;
  kind: string;
}

type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;

/** A host with requests R and answers A (both tagged by `kind`). */
export interface Host<R extends HostAnswerBase, A extends HostAnswerBase> {
  child: ChildProcess;
  request<Q extends WithoutId<R>>(body: Q): Promise<Extract<A, { kind: Q["kind"] }>>;
}

/** Forks a host script (run through tsx) and waits for its ready message. */
export async function startHost<R extends HostAnswerBase, A extends HostAnswerBase>(
  file: string,
  args: string[] = [],
): Promise<Host<R, A>> {
  const child = fork(file, args, { execArgv: ["--import", "tsx"], stdio: "inherit" });
  const pending = new Map<number, (answer: A) => void>();
  let nextId = 1;
  await new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    child.once("exit", (code) => reject(new Error(`media host exited (${code})`)));
  });
  child.on("message", (answer: A) => pending.get(answer.id)?.(answer));
  return {
    child,
    request(body) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, (answer) => {
          pending.delete(id);
          resolve(answer as never);
        });
        child.send({ id, ...body });
      });
    },
  };
}

/** Answers a host's requests; replies to the parent with the request's id. */
export function serveRequests<R extends { id: number; kind: string }>(
  handle: (request: R) => Promise<object>,
  close: () => Promise<void>,
) {
  process.on("message", (request: R) => {
    void handle(request).then((answer) =>
      process.send?.({ id: request.id, kind: request.kind, ...answer }),
    );
  });
  const stop = () => void close().then(() => process.exit(0));
  process.on("disconnect", stop);
  process.on("SIGTERM", stop);
  process.send?.({ id: 0, kind: "ready" });
}

function keys(localKeyBase64: string, remoteKeyBase64: string) {
  const local = Buffer.from(localKeyBase64, "base64");
  const remote = Buffer.from(remoteKeyBase64, "base64");
  return {
    localMasterKey: local.subarray(0, 16),
    localMasterSalt: local.subarray(16),
    remoteMasterKey: remote.subarray(0, 16),
    remoteMasterSalt: remote.subarray(16),
  };
}

/**
 * SRTP (AEAD_AES_128_GCM) for one transport: `localKeyBase64` encrypts what
 * this side sends (the key the transport was connected with), the remote key
 * (the transport's own `srtpParameters`) decrypts what the worker sends back.
 */
export function srtpSessions(localKeyBase64: string, remoteKeyBase64 = localKeyBase64) {
  const config = {
    keys: keys(localKeyBase64, remoteKeyBase64),
    profile: ProtectionProfileAeadAes128Gcm,
  };
  return { srtp: new SrtpSession(config), srtcp: new SrtcpSession(config) };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const round = (value: number) => Math.round(value * 100) / 100;
