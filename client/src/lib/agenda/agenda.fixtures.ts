/**
 * Test data the agenda's unit tests share: a booking and an ended interview
 * that pass the shared schemas, at the demo stands on Brussels clocks, and a
 * fake `fetch` that serves the candidate's bookings and interviews through
 * the real `AgendaApi`.
 */
import type { MyBooking, MyInterview } from "@crossfair/shared";
import { AgendaApi } from "./agenda.api.js";

export const FOOD = "11111111-1111-4111-8111-111111111111";
export const LOGISTICS = "22222222-2222-4222-8222-222222222222";
const FAIR = "55555555-5555-4555-8555-555555555555";

/** 2026-12-08 09:00 UTC: 10:00 in Brussels. */
export const MORNING = Date.parse("2026-12-08T09:00:00Z");
const minutes = (n: number) => n * 60_000;
const iso = (at: number) => new Date(at).toISOString();

let counter = 0;

/** A uuid-shaped id, different every call. */
export function uuid(): string {
  const n = String(++counter).padStart(12, "0");
  return `aaaaaaaa-bbbb-4ccc-8ddd-${n}`;
}

/** A 15-minute booking at `standId` starting `startsInMinutes` after MORNING. */
export function booking(startsInMinutes: number, overrides: Partial<MyBooking> = {}): MyBooking {
  const startsAt = MORNING + minutes(startsInMinutes);
  return {
    id: uuid(),
    status: "booked",
    slotId: uuid(),
    standId: FOOD,
    standName: "Flanders Food Factory",
    fairId: FAIR,
    timeZone: "Europe/Brussels",
    startsAt: iso(startsAt),
    endsAt: iso(startsAt + minutes(15)),
    bookedAt: iso(MORNING - minutes(600)),
    cancellableUntil: iso(startsAt - minutes(60)),
    cancelledAt: null,
    ...overrides,
  };
}

/** An ended interview that started `startedMinutesAgo` before MORNING and lasted 12 minutes. */
export function interview(
  startedMinutesAgo: number,
  overrides: Partial<MyInterview> = {},
): MyInterview {
  const startedAt = MORNING - minutes(startedMinutesAgo);
  return {
    id: uuid(),
    standId: LOGISTICS,
    standName: "Hainaut Logistique",
    fairId: FAIR,
    timeZone: "Europe/Brussels",
    startedAt: iso(startedAt),
    endedAt: iso(startedAt + minutes(12)),
    ...overrides,
  };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

/** The server's side as lists the test changes; `fail` makes the next reads answer an error. */
export function agendaServer() {
  const server = {
    bookings: [] as MyBooking[],
    interviews: [] as MyInterview[],
    reads: 0,
    fail: false,
    cancelRefusal: null as string | null,
    /** While set, reads of the bookings wait for it (to answer two reads out of order). */
    gate: null as Promise<void> | null,
  };
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = String(input);
    const method = init?.method ?? "GET";
    if (server.fail) return json({ error: { code: "unavailable", message: "down" } }, 503);
    if (method === "GET" && url.startsWith("/api/me/bookings")) {
      server.reads += 1;
      const answer = json({ bookings: [...server.bookings] });
      if (server.gate) await server.gate;
      return answer;
    }
    if (method === "GET" && url.startsWith("/api/me/interviews")) {
      return json({ interviews: server.interviews });
    }
    const cancelled = /^\/api\/bookings\/([0-9a-f-]{36})$/.exec(url);
    if (method === "DELETE" && cancelled) {
      if (server.cancelRefusal) {
        return json({ error: { code: server.cancelRefusal, message: "no" } }, 409);
      }
      const target = server.bookings.find((entry) => entry.id === cancelled[1]);
      if (target) Object.assign(target, { status: "cancelled", cancelledAt: iso(MORNING) });
      return new Response(null, { status: 204 });
    }
    return json({ error: { code: "not_found", message: url } }, 404);
  };
  return { server, api: new AgendaApi(fetch) };
}
