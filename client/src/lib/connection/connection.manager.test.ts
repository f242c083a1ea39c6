import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { get } from "svelte/store";
import { PROTOCOL_VERSION, type Ack, type ClientEventResult } from "@crossfair/shared";
import {
  ConnectionManager,
  type ConnectionSocket,
  type ConnectionState,
  type NetworkSignal,
} from "./connection.manager.js";

type PingAck = Ack<ClientEventResult<"system:ping">>;
type Listener = (...args: never[]) => void;

/** A stand-in for socket.io-client's Socket: just enough emitter to replay its events. */
class FakeSocket implements ConnectionSocket {
  active = true;
  readonly listeners = new Map<string, Set<Listener>>();
  readonly managerListeners = new Map<string, Set<Listener>>();
  readonly pings: {
    payload: { sentAt: number };
    timeoutMs: number;
    answer: (a: PingAck) => void;
    fail: (e: Error) => void;
  }[] = [];
  connectCalls = 0;
  disconnectCalls = 0;

  readonly io = {
    on: (event: string, listener: Listener) => add(this.managerListeners, event, listener),
    off: (event: string, listener: Listener) => this.managerListeners.get(event)?.delete(listener),
  };

  on(event: string, listener: Listener): this {
    add(this.listeners, event, listener);
    return this;
  }

  off(event: string, listener: Listener): this {
    this.listeners.get(event)?.delete(listener);
    return this;
  }

  timeout(timeoutMs: number) {
    return {
      emitWithAck: (_event: "system:ping", payload: { sentAt: number }) =>
        new Promise<PingAck>((answer, fail) =>
          this.pings.push({ payload, timeoutMs, answer, fail }),
        ),
    };
  }

  connect(): this {
    this.connectCalls += 1;
    return this;
  }

  disconnect(): this {
    this.disconnectCalls += 1;
    this.active = false;
    return this;
  }

  /** Replays an event the way socket.io-client would deliver it. */
  fire(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? [])
      (listener as (...a: unknown[]) => void)(...args);
  }

  fireManager(event: string, ...args: unknown[]): void {
    for (const listener of this.managerListeners.get(event) ?? []) {
      (listener as (...a: unknown[]) => void)(...args);
    }
  }

  listenerCount(): number {
    let total = 0;
    for (const set of [...this.listeners.values(), ...this.managerListeners.values()])
      total += set.size;
    return total;
  }
}

function add(map: Map<string, Set<Listener>>, event: string, listener: Listener) {
  const set = map.get(event) ?? new Set();
  set.add(listener);
  map.set(event, set);
}

/** The browser's online/offline events, switched by hand. */
class FakeNetwork implements NetworkSignal {
  online = true;
  readonly listeners = new Set<(online: boolean) => void>();
  isOnline = () => this.online;
  onChange(listener: (online: boolean) => void) {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
  set(online: boolean) {
    this.online = online;
    for (const listener of this.listeners) listener(online);
  }
}

const hello = (protocolVersion = PROTOCOL_VERSION) => ({ protocolVersion, serverId: "srv-1" });

describe("ConnectionManager", () => {
  let socket: FakeSocket;
  let clock: number;
  let manager: ConnectionManager;

  beforeEach(() => {
    vi.useFakeTimers();
    socket = new FakeSocket();
    clock = 1_000;
    manager = new ConnectionManager(socket, { pingIntervalMs: 15_000, now: () => clock });
  });

  afterEach(() => {
    manager.destroy();
    vi.useRealTimers();
  });

  it("follows the store contract: calls the subscriber at once and can unsubscribe", () => {
    const seen: ConnectionState[] = [];
    const unsubscribe = manager.subscribe((state) => seen.push(state));
    expect(seen).toEqual([{ status: "connecting" }]);
    unsubscribe();
    socket.fire("connect");
    socket.fire("system:hello", hello());
    expect(seen).toHaveLength(1);
  });

  it("is connected only once the server's hello shows the same protocol version", () => {
    socket.fire("connect");
    expect(get(manager).status).toBe("connecting");
    socket.fire("system:hello", hello());
    expect(get(manager)).toEqual({ status: "connected", serverId: "srv-1" });
  });

  it("reports an incompatible server, stops talking to it and stays incompatible", () => {
    socket.fire("connect");
    socket.fire("system:hello", hello(PROTOCOL_VERSION + 1));
    expect(get(manager)).toEqual({ status: "incompatible", serverId: "srv-1" });
    expect(socket.disconnectCalls).toBe(1);
    expect(socket.pings).toHaveLength(0);
    socket.fire("disconnect", "io client disconnect");
    socket.fireManager("reconnect_attempt", 1);
    expect(get(manager).status).toBe("incompatible");
  });

  it("treats a malformed hello as incompatible", () => {
    socket.fire("connect");
    socket.fire("system:hello", { protocolVersion: "one" });
    expect(get(manager).status).toBe("incompatible");
  });

  it("measures latency right after the hello and then on every interval", async () => {
    socket.fire("connect");
    socket.fire("system:hello", hello());
    expect(socket.pings).toHaveLength(1);
    expect(socket.pings[0]?.timeoutMs).toBeGreaterThan(0);

    clock += 42;
    socket.pings[0]?.answer({ ok: true, sentAt: socket.pings[0].payload.sentAt, serverTime: 5 });
    await vi.waitFor(() => expect(get(manager).latencyMs).toBe(42));
    expect(get(manager)).toMatchObject({ status: "connected", serverId: "srv-1" });

    vi.advanceTimersByTime(15_000);
    expect(socket.pings).toHaveLength(2);
    clock += 7;
    socket.pings[1]?.answer({ ok: true, sentAt: 0, serverTime: 6 });
    await vi.waitFor(() => expect(get(manager).latencyMs).toBe(7));
  });

  it("keeps the last latency when a ping times out or is refused", async () => {
    socket.fire("connect");
    socket.fire("system:hello", hello());
    clock += 30;
    socket.pings[0]?.answer({ ok: true, sentAt: 0, serverTime: 0 });
    await vi.waitFor(() => expect(get(manager).latencyMs).toBe(30));

    vi.advanceTimersByTime(15_000);
    socket.pings[1]?.fail(new Error("operation has timed out"));
    vi.advanceTimersByTime(15_000);
    socket.pings[2]?.answer({ ok: false, code: "rate_limited" });
    await Promise.resolve();
    expect(get(manager).latencyMs).toBe(30);
  });

  it("goes to reconnecting when the link drops, stops pinging, and back on the next hello", async () => {
    socket.fire("connect");
    socket.fire("system:hello", hello());
    socket.fire("disconnect", "transport close");
    expect(get(manager)).toEqual({ status: "reconnecting" });

    vi.advanceTimersByTime(60_000);
    expect(socket.pings).toHaveLength(1);

    socket.fireManager("reconnect_attempt", 2);
    expect(get(manager).status).toBe("reconnecting");
    socket.fire("connect");
    expect(get(manager).status).toBe("reconnecting");
    socket.fire("system:hello", { protocolVersion: PROTOCOL_VERSION, serverId: "srv-2" });
    expect(get(manager)).toEqual({ status: "connected", serverId: "srv-2" });
  });

  it("ignores a ping answer that belongs to a link that has since dropped", async () => {
    socket.fire("connect");
    socket.fire("system:hello", hello());
    socket.fire("disconnect", "transport close");
    socket.fire("connect");
    socket.fire("system:hello", hello());
    expect(socket.pings).toHaveLength(2);

    clock += 900;
    socket.pings[0]?.answer({ ok: true, sentAt: 0, serverTime: 0 });
    await Promise.resolve();
    await Promise.resolve();
    expect(get(manager).latencyMs).toBeUndefined();

    socket.pings[1]?.answer({ ok: true, sentAt: 0, serverTime: 0 });
    await vi.waitFor(() => expect(get(manager).latencyMs).toBe(900));
  });

  it("stays connecting, not reconnecting, while the very first attempts fail", () => {
    socket.fire("connect_error", new Error("xhr poll error"));
    socket.fireManager("reconnect_attempt", 1);
    expect(get(manager).status).toBe("connecting");
  });

  it("is offline when socket.io will not retry by itself, and can be asked to retry", () => {
    socket.fire("connect");
    socket.fire("system:hello", hello());
    socket.active = false;
    socket.fire("disconnect", "io server disconnect");
    expect(get(manager).status).toBe("offline");

    manager.reconnect();
    expect(socket.connectCalls).toBe(1);
    expect(get(manager).status).toBe("reconnecting");
  });

  it("is offline when socket.io gives up reconnecting", () => {
    socket.fire("connect");
    socket.fire("system:hello", hello());
    socket.fire("disconnect", "transport close");
    socket.fireManager("reconnect_failed");
    expect(get(manager).status).toBe("offline");
  });

  it("removes its listeners and closes the socket on destroy", () => {
    expect(socket.listenerCount()).toBeGreaterThan(0);
    manager.destroy();
    expect(socket.listenerCount()).toBe(0);
    expect(socket.disconnectCalls).toBe(1);
  });
});

describe("ConnectionManager with the browser's network signal", () => {
  let socket: FakeSocket;
  let network: FakeNetwork;
  let manager: ConnectionManager;

  beforeEach(() => {
    vi.useFakeTimers();
    socket = new FakeSocket();
    network = new FakeNetwork();
  });

  afterEach(() => {
    manager.destroy();
    vi.useRealTimers();
  });

  it("is offline at once when the browser loses the network, and stops pinging", () => {
    manager = new ConnectionManager(socket, { network });
    socket.fire("connect");
    socket.fire("system:hello", hello());
    network.set(false);
    expect(get(manager)).toEqual({ status: "offline" });
    vi.advanceTimersByTime(60_000);
    expect(socket.pings).toHaveLength(1);
    // socket.io's own retries must not hide that the network is gone.
    socket.fire("disconnect", "ping timeout");
    socket.fireManager("reconnect_attempt", 1);
    expect(get(manager).status).toBe("offline");
  });

  it("resumes as connected after a blip the socket survived", () => {
    manager = new ConnectionManager(socket, { network });
    socket.fire("connect");
    socket.fire("system:hello", hello());
    network.set(false);
    network.set(true);
    expect(get(manager)).toEqual({ status: "connected", serverId: "srv-1" });
    expect(socket.pings).toHaveLength(2);
  });

  it("waits for socket.io to reconnect when the link did drop meanwhile", () => {
    manager = new ConnectionManager(socket, { network });
    socket.fire("connect");
    socket.fire("system:hello", hello());
    network.set(false);
    socket.fire("disconnect", "transport close");
    network.set(true);
    expect(get(manager).status).toBe("reconnecting");
    socket.fire("connect");
    socket.fire("system:hello", hello());
    expect(get(manager).status).toBe("connected");
  });

  it("starts offline when the browser starts offline, and stops listening on destroy", () => {
    network.online = false;
    manager = new ConnectionManager(socket, { network });
    expect(get(manager).status).toBe("offline");
    manager.destroy();
    expect(network.listeners.size).toBe(0);
  });
});
