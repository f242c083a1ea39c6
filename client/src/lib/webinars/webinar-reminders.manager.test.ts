import { describe, expect, it } from "vitest";
import type { ServerEventPayload, Webinar } from "@crossfair/shared";
import {
  WebinarRemindersManager,
  type WebinarRemindersTimers,
} from "./webinar-reminders.manager.js";

const START = Date.parse("2027-03-12T09:00:00Z");
const webinar = (id: string, startsAt: number, overrides: Partial<Webinar> = {}): Webinar => ({
  id,
  fairId: "f0000000-0000-4000-8000-000000000000",
  standId: "50000000-0000-4000-8000-000000000000",
  standName: "Hainaut Logistique",
  copy: { fr: { title: `Session ${id.slice(0, 1)}`, description: "" } },
  spokenLanguage: "fr",
  startsAt: new Date(startsAt).toISOString(),
  endsAt: new Date(startsAt + 45 * 60_000).toISOString(),
  minutes: 45,
  capacity: 10,
  registeredCount: 1,
  status: "scheduled",
  speakers: [],
  registered: true,
  ...overrides,
});

function setup(list: Webinar[]) {
  let now = START - 60 * 60_000;
  let listener: ((payload: ServerEventPayload<"webinar:startingSoon">) => void) | null = null;
  let tick: (() => void) | null = null;
  const timers: WebinarRemindersTimers = {
    setInterval: (run) => (tick = run),
    clearInterval: () => (tick = null),
  };
  const manager = new WebinarRemindersManager(
    { mine: async () => ({ ok: true, data: { webinars: list } }) },
    { on: (_event, handler) => ((listener = handler as never), () => undefined) },
    () => now,
    timers,
  );
  return {
    manager,
    at: (ms: number) => (now = ms),
    tick: () => tick?.(),
    push: (payload: ServerEventPayload<"webinar:startingSoon">) => listener?.(payload),
  };
}

const A = "a0000000-0000-4000-8000-000000000000";
const B = "b0000000-0000-4000-8000-000000000000";

describe("WebinarRemindersManager", () => {
  it("shows a registered session from 15 minutes before, until it ends, unless dismissed", async () => {
    const { manager, at, tick } = setup([webinar(A, START), webinar(B, START + 3 * 3_600_000)]);
    await manager.setCandidate(true);
    expect(manager.state.soon).toEqual([]);
    at(START - 15 * 60_000);
    tick();
    expect(manager.state.soon.map((entry) => [entry.webinarId, entry.href])).toEqual([
      [A, `#/webinars/${A}`],
    ]);
    at(START + 46 * 60_000);
    tick();
    expect(manager.state.soon).toEqual([]);
    at(START - 10 * 60_000);
    tick();
    manager.dismiss(A);
    expect(manager.state.soon).toEqual([]);
  });

  it("shows the server's push at once, and nothing once signed out", async () => {
    const { manager, push } = setup([]);
    push({ webinarId: A, startsAt: new Date(START).toISOString(), title: { fr: "Frontaliers" } });
    expect(manager.state.soon).toEqual([]);
    await manager.setCandidate(true);
    push({ webinarId: A, startsAt: new Date(START).toISOString(), title: { fr: "Frontaliers" } });
    expect(manager.state.soon).toMatchObject([{ webinarId: A, title: { fr: "Frontaliers" } }]);
    await manager.setCandidate(false);
    expect(manager.state.soon).toEqual([]);
  });
});
