import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ErrorCode } from "@crossfair/shared";
import type { AppSocket, AppSocketServer } from "./socket.types.js";
import {
  SocketLimits,
  allowEvent,
  attachSocketLimits,
  defaultSocketLimits,
  isLimitedEvent,
  watchBudget,
  type SocketLimitConfig,
} from "./socket-limits.js";

const settings: SocketLimitConfig = {
  SOCKET_EVENT_BURST: 3,
  SOCKET_EVENTS_PER_SECOND: 1,
  USER_EVENT_BURST: 5,
  USER_EVENTS_PER_SECOND: 2,
  SOCKET_WATCH_STANDS: 2,
  SOCKET_WATCH_HALLS: 1,
};

/** Just what the limits read of a socket: its user, rooms, data, server and disconnect. */
function fakeSocket(userId: string | null, io: object = {}) {
  let onDisconnect = () => {};
  const socket = {
    data: { user: userId === null ? null : { id: userId } },
    rooms: new Set<string>(),
    nsp: { server: io },
    once(event: string, listener: () => void) {
      if (event === "disconnect") onDisconnect = listener;
    },
  };
  return Object.assign(socket as unknown as AppSocket, { disconnect: () => onDisconnect() });
}

const allowed = (limits: SocketLimits, socket: AppSocket, times: number) =>
  Array.from({ length: times }, () => limits.allow(socket)).filter(Boolean).length;

describe("event rate limits", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["performance", "setTimeout", "clearTimeout", "Date"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("limits the queue, hall and staff events, not interview signalling or pings", () => {
    expect(isLimitedEvent("queue:join")).toBe(true);
    expect(isLimitedEvent("hall:watch")).toBe(true);
    expect(isLimitedEvent("staff:callNext")).toBe(true);
    expect(isLimitedEvent("interview:consume")).toBe(false);
    expect(isLimitedEvent("system:ping")).toBe(false);
  });

  it("lets a new socket send its burst at once, then one event per refill", () => {
    const limits = new SocketLimits(settings);
    const socket = fakeSocket(null);
    expect(allowed(limits, socket, 10)).toBe(3);
    vi.advanceTimersByTime(999);
    expect(limits.allow(socket)).toBe(false);
    vi.advanceTimersByTime(1);
    expect(limits.allow(socket)).toBe(true);
    expect(limits.allow(socket)).toBe(false);
    // A long quiet spell refills up to the burst, not beyond.
    vi.advanceTimersByTime(60_000);
    expect(allowed(limits, socket, 10)).toBe(3);
  });

  it("shares one bucket between the sockets of one user, and only theirs", () => {
    const limits = new SocketLimits(settings);
    const first = fakeSocket("ana");
    const second = fakeSocket("ana");
    const other = fakeSocket("bram");
    expect(allowed(limits, first, 10)).toBe(3);
    expect(allowed(limits, second, 10)).toBe(2);
    expect(allowed(limits, other, 10)).toBe(3);
    // The user's bucket refills at 2/s, each socket's at 1/s: the first is held by its own.
    vi.advanceTimersByTime(1_000);
    expect(allowed(limits, first, 10)).toBe(1);
    expect(allowed(limits, second, 10)).toBe(1);
  });

  it("does not hand a user a fresh bucket for closing every socket and reconnecting", () => {
    const limits = new SocketLimits(settings);
    const first = fakeSocket("ana");
    expect(allowed(limits, first, 3)).toBe(3);
    const second = fakeSocket("ana");
    expect(allowed(limits, second, 2)).toBe(2);
    first.disconnect();
    second.disconnect();
    const again = fakeSocket("ana");
    expect(allowed(limits, again, 10)).toBe(0);
    again.disconnect();
    // Once it would be full again it is forgotten, and a newcomer gets a full one.
    vi.advanceTimersByTime(2_500);
    expect(allowed(limits, fakeSocket("ana"), 10)).toBe(3);
  });

  it("asks the limits of the socket's own server, and lets unlimited events through", () => {
    const io = {} as AppSocketServer;
    attachSocketLimits(io, { ...settings, SOCKET_EVENT_BURST: 1 });
    const socket = fakeSocket(null, io);
    expect(allowEvent(socket, "hall:watch")).toBe(true);
    expect(allowEvent(socket, "hall:watch")).toBe(false);
    expect(allowEvent(socket, "system:ping")).toBe(true);
    expect(allowEvent(socket, "interview:join")).toBe(true);
  });

  it("defaults to the config schema's settings", () => {
    expect(defaultSocketLimits).toEqual({
      SOCKET_EVENT_BURST: 20,
      SOCKET_EVENTS_PER_SECOND: 5,
      USER_EVENT_BURST: 40,
      USER_EVENTS_PER_SECOND: 10,
      SOCKET_WATCH_STANDS: 20,
      SOCKET_WATCH_HALLS: 3,
    });
  });
});

describe("watch budget", () => {
  const io = {} as AppSocketServer;
  attachSocketLimits(io, settings);
  const refusal = { code: ErrorCode.watchLimit };

  it("refuses a watch beyond the cap per kind, and unwatching frees a slot", () => {
    const socket = fakeSocket(null, io);
    watchBudget.take(socket, "stand", "stand:a");
    watchBudget.take(socket, "stand", "stand:b");
    expect(() => watchBudget.take(socket, "stand", "stand:c")).toThrow(
      expect.objectContaining(refusal),
    );
    // Halls count apart from stands.
    watchBudget.take(socket, "hall", "hall:x");
    expect(() => watchBudget.take(socket, "hall", "hall:y")).toThrow(
      expect.objectContaining(refusal),
    );
    watchBudget.release(socket, "stand", "stand:a");
    watchBudget.take(socket, "stand", "stand:c");
    expect(socket.data.watching).toEqual({ stand: ["stand:b", "stand:c"], hall: ["hall:x"] });
  });

  it("counts a room watched twice once, and releasing an unwatched room is harmless", () => {
    const socket = fakeSocket(null, io);
    watchBudget.release(socket, "stand", "stand:never");
    watchBudget.take(socket, "stand", "stand:a");
    watchBudget.take(socket, "stand", "stand:a");
    watchBudget.take(socket, "stand", "stand:b");
    expect(socket.data.watching?.stand).toEqual(["stand:a", "stand:b"]);
  });

  it("costs nothing for a room the socket is already in, as a candidate's own queue", () => {
    const socket = fakeSocket("ana", io);
    socket.rooms.add("stand:queued");
    watchBudget.take(socket, "stand", "stand:a");
    watchBudget.take(socket, "stand", "stand:queued");
    watchBudget.take(socket, "stand", "stand:b");
    expect(socket.data.watching?.stand).toEqual(["stand:a", "stand:b"]);
  });
});
