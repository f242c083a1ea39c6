/**
 * The viewer count goes out at most once a second per session, once for all
 * the comings and goings meanwhile, with the count read when it is sent.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Logger } from "pino";
import type { ServerEventName } from "@crossfair/shared";
import { ViewerCounts, type LiveNotifier } from "./live.notifier.js";

const silent = { warn() {} } as unknown as Logger;

function recordingNotifier() {
  const sent: { to: string; event: ServerEventName; payload: unknown }[] = [];
  const to = (name: string) => ({
    emit: (event: ServerEventName, payload: unknown) =>
      void sent.push({ to: name, event, payload }),
  });
  const notifier: LiveNotifier = {
    all: (id) => to(`all:${id}`),
    staff: (id) => to(`staff:${id}`),
    viewers: (id) => to(`viewers:${id}`),
    user: (id) => to(`user:${id}`),
  };
  return { notifier, sent };
}

describe("viewer counts", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("sends once per second per session, with the count read at sending time", async () => {
    const { notifier, sent } = recordingNotifier();
    let viewers = 0;
    const counts = new ViewerCounts(async () => viewers, notifier, silent);
    for (let i = 0; i < 5; i += 1) {
      viewers += 1;
      counts.changed("w");
    }
    counts.changed("other");
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([
      { to: "all:w", event: "webinar:viewers", payload: { webinarId: "w", count: 5 } },
      { to: "all:other", event: "webinar:viewers", payload: { webinarId: "other", count: 5 } },
    ]);

    viewers = 3;
    counts.changed("w");
    await vi.advanceTimersByTimeAsync(500);
    expect(sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(500);
    expect(sent.at(-1)).toEqual({
      to: "all:w",
      event: "webinar:viewers",
      payload: { webinarId: "w", count: 3 },
    });

    counts.close();
    counts.changed("w");
    await vi.advanceTimersByTimeAsync(2_000);
    expect(sent).toHaveLength(3);
  });
});
