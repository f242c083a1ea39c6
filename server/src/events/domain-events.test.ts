import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { DomainEvents, type DomainEventTransport } from "./domain-events.js";

/** Two processes' buses joined by a transport that hands each message to the other side. */
function pair() {
  const log = pino({ level: "silent" });
  const receivers: ((message: unknown) => void)[] = [];
  const transport = (side: number): DomainEventTransport => ({
    publish: (message) => receivers[1 - side]?.(JSON.parse(JSON.stringify(message))),
    subscribe: (receive) => void (receivers[side] = receive),
  });
  const here = new DomainEvents(log);
  const there = new DomainEvents(log);
  here.connect(transport(0));
  there.connect(transport(1));
  return { here, there, receivers };
}

const STAND = "6f1c8f0e-8a4b-4d3e-9a55-0c1d2e3f4a5b";
const USER = "11111111-1111-4111-8111-111111111111";

describe("DomainEvents", () => {
  it("awaits every subscriber where the event happened before the emit answers", async () => {
    const { here } = pair();
    const done: string[] = [];
    here.on("staff.removed", async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      done.push("once");
    });
    here.on("staff.removed", () => void done.push("everywhere"), { everywhere: true });
    await here.emit("staff.removed", { standId: STAND, userId: USER });
    expect(done.sort()).toEqual(["everywhere", "once"]);
  });

  it("runs only `everywhere` subscribers in the other processes", async () => {
    const { here, there } = pair();
    const seen: string[] = [];
    there.on("stand.changed", () => void seen.push("once there"));
    there.on("stand.changed", ({ standId }) => void seen.push(`forgot ${standId}`), {
      everywhere: true,
    });
    await here.emit("stand.changed", { standId: STAND });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(seen).toEqual([`forgot ${STAND}`]);
  });

  it("ignores a malformed message from another process", async () => {
    const { there, receivers } = pair();
    const seen: unknown[] = [];
    there.on("stand.changed", (event) => void seen.push(event), { everywhere: true });
    receivers[1]?.({ name: "stand.changed", event: { standId: "not-a-uuid" } });
    receivers[1]?.({ name: "no.such.event", event: {} });
    receivers[1]?.("nonsense");
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(seen).toEqual([]);
  });
});
