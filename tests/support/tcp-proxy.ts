/**
 * A TCP proxy in front of a real service, to lose answers on purpose: while
 * answers are held, what the client sends still reaches the service but what
 * the service answers is thrown away; `cut` then closes every connection, as
 * a network fault would after a request was carried out but before its
 * answer arrived.
 */
import net from "node:net";
import type { AddressInfo } from "node:net";

export interface TcpProxy {
  /** The port clients connect to, on 127.0.0.1. */
  port: number;
  /** From now on, the service's answers are dropped (new connections too). */
  holdAnswers(): void;
  /** Answers flow again, on connections made from now on and those still open. */
  passAnswers(): void;
  /** Closes every connection through the proxy (the proxy itself keeps listening). */
  cut(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let holding = false;
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    track(client);
    track(upstream);
    client.on("data", (chunk) => upstream.write(chunk));
    upstream.on("data", (chunk) => {
      if (!holding) client.write(chunk);
    });
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    holdAnswers: () => {
      holding = true;
    },
    passAnswers: () => {
      holding = false;
    },
    cut: () => {
      for (const socket of sockets) socket.destroy();
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
