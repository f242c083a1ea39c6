import { describe, expect, it } from "vitest";
import type { ProcessLoad } from "../../interview/session/session.directory.js";
import { chooseEdge, chooseOriginProcess } from "./broadcast-placement.js";

const process = (processId: string, sessions: number, workers = 2, draining = false) =>
  ({ processId, sessions, workers, draining, seenAt: 0 }) satisfies ProcessLoad;

describe("chooseOriginProcess", () => {
  it("takes the process with the fewest origins per worker", () => {
    expect(chooseOriginProcess([process("a", 4), process("b", 1), process("c", 3)], "a")).toBe("b");
    expect(chooseOriginProcess([process("a", 4, 4), process("b", 3, 2)], "b")).toBe("a");
  });

  it("prefers itself on a tie, then a stable order", () => {
    expect(chooseOriginProcess([process("a", 1), process("b", 1)], "b")).toBe("b");
    expect(chooseOriginProcess([process("b", 1), process("a", 1)], "c")).toBe("a");
  });

  it("skips draining processes, those without media and the dead owner being replaced", () => {
    const alive = [process("a", 0, 2, true), process("b", 0, 0), process("c", 5), process("d", 0)];
    expect(chooseOriginProcess(alive, "a", "d")).toBe("c");
    expect(chooseOriginProcess([process("a", 0, 0)], "a")).toBeNull();
  });
});

describe("chooseEdge", () => {
  const workers = (...loads: number[]) => loads.map((load, workerIndex) => ({ workerIndex, load }));

  it("fills a router with room on the least loaded worker", () => {
    const routers = [
      { routerId: "r0", workerIndex: 0, viewers: 3 },
      { routerId: "r1", workerIndex: 1, viewers: 9 },
    ];
    expect(chooseEdge(routers, workers(50, 10), 10)).toEqual({ use: "r1" });
    expect(chooseEdge(routers, workers(5, 10), 10)).toEqual({ use: "r0" });
  });

  it("opens a router on a worker without one of the session when the others are full", () => {
    const routers = [{ routerId: "r0", workerIndex: 0, viewers: 2 }];
    expect(chooseEdge(routers, workers(2, 40), 2)).toEqual({ create: 1 });
  });

  it("opens a further router on the least loaded worker once every worker has a full one", () => {
    const routers = [
      { routerId: "r0", workerIndex: 0, viewers: 2 },
      { routerId: "r1", workerIndex: 1, viewers: 2 },
    ];
    expect(chooseEdge(routers, workers(9, 3), 2)).toEqual({ create: 1 });
  });

  it("never uses a router on a worker that is gone, and answers null without workers", () => {
    const routers = [{ routerId: "r0", workerIndex: 3, viewers: 0 }];
    expect(chooseEdge(routers, workers(1), 5)).toEqual({ create: 0 });
    expect(chooseEdge([], [], 5)).toBeNull();
  });
});
