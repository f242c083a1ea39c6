/**
 * Where a group session's media goes, as plain rules over counts: the process
 * that holds its origin (the stage's producers), the worker of that origin,
 * and the router a new receive transport joins on a process.
 */
import type { ProcessLoad } from "../../interview/session/session.directory.js";

/**
 * The origin's process: the live one with media that is not draining and has
 * the fewest origins per worker; this process on a tie (no relay hop for its
 * socket), then a stable order. `null`: nobody can take it.
 */
export function chooseOriginProcess(
  alive: readonly ProcessLoad[],
  self: string,
  replacing?: string,
): string | null {
  const load = (p: ProcessLoad) => p.sessions / p.workers;
  const candidates = alive
    .filter((p) => !p.draining && p.workers > 0 && p.processId !== replacing)
    .sort(
      (a, b) =>
        load(a) - load(b) ||
        Number(b.processId === self) - Number(a.processId === self) ||
        a.processId.localeCompare(b.processId),
    );
  return candidates[0]?.processId ?? null;
}

export interface EdgeRouterLoad {
  routerId: string;
  workerIndex: number;
  /** Receive transports on it. */
  viewers: number;
}

export interface WorkerLoadFigure {
  workerIndex: number;
  /** Transports of every group session on that worker. */
  load: number;
}

export type EdgeChoice = { use: string } | { create: number };

/**
 * A new receive transport joins the session's router with room (under
 * `perRouter`) on the least loaded worker, the fuller router on a tie (so
 * routers fill before more are fed). With no room anywhere, a new router goes
 * on the least loaded worker, one without a router of this session first.
 */
export function chooseEdge(
  routers: readonly EdgeRouterLoad[],
  workers: readonly WorkerLoadFigure[],
  perRouter: number,
): EdgeChoice | null {
  const loadOf = (index: number) => workers.find((w) => w.workerIndex === index)?.load ?? 0;
  const open = routers
    .filter((r) => r.viewers < perRouter && workers.some((w) => w.workerIndex === r.workerIndex))
    .sort((a, b) => loadOf(a.workerIndex) - loadOf(b.workerIndex) || b.viewers - a.viewers);
  if (open[0]) return { use: open[0].routerId };
  const hosting = new Set(routers.map((r) => r.workerIndex));
  const worker = [...workers].sort(
    (a, b) =>
      Number(hosting.has(a.workerIndex)) - Number(hosting.has(b.workerIndex)) ||
      a.load - b.load ||
      a.workerIndex - b.workerIndex,
  )[0];
  return worker ? { create: worker.workerIndex } : null;
}
