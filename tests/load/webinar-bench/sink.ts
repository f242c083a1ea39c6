/**
 * The viewers' sinks, in a child process of their own so their CPU is
 * measured apart from the workers'.
 *
 * `count` (the sample): one UDP socket per spatial layer that counts the
 * packets and bytes its viewers' consumers send; it reports them with its
 * own CPU. `drop` (everyone else): one socket with a small receive buffer
 * that is never read (the process blocks right after binding), so the kernel
 * drops what arrives and the sink costs no CPU of its own; the driver reads
 * its drop count from /proc/net/udp.
 */
import dgram from "node:dgram";
import { serveRequests } from "../media-bench/driver.js";

const mode = process.argv[2] ?? "count";
const sockets = Number(process.argv[3] ?? 1);

const bind = (socket: dgram.Socket) =>
  new Promise<number>((resolve) =>
    socket.bind(0, "127.0.0.1", () => resolve(socket.address().port)),
  );

if (mode === "drop") {
  const socket = dgram.createSocket({ type: "udp4", recvBufferSize: 4_096 });
  const port = await bind(socket);
  process.send?.({ port }, () => {
    // Never read again: the event loop stops here, the kernel drops what comes.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  });
} else {
  const counters = Array.from({ length: sockets }, () => ({ packets: 0, bytes: 0 }));
  const ports: number[] = [];
  for (const counter of counters) {
    const socket = dgram.createSocket({ type: "udp4", recvBufferSize: 8 * 1024 * 1024 });
    socket.on("message", (message) => {
      counter.packets += 1;
      counter.bytes += message.length;
    });
    ports.push(await bind(socket));
  }
  serveRequests<{ id: number; kind: "ports" } | { id: number; kind: "stats" }>(
    async (request) => {
      if (request.kind === "ports") return { ports };
      const cpu = process.cpuUsage();
      return {
        counters: counters.map((c) => ({ ...c })),
        cpuMs: (cpu.user + cpu.system) / 1_000,
        atMs: performance.now(),
      };
    },
    async () => {},
  );
}

export type SinkAnswer =
  | { id: number; kind: "ports"; ports: number[] }
  | {
      id: number;
      kind: "stats";
      counters: { packets: number; bytes: number }[];
      cpuMs: number;
      atMs: number;
    };
