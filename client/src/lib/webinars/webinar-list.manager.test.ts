import { describe, expect, it } from "vitest";
import type { Webinar } from "@crossfair/shared";
import type { HttpResult } from "../http/http.client.js";
import { WebinarListManager } from "./webinar-list.manager.js";

const A = "a0000000-0000-4000-8000-000000000000";
const STAND = "50000000-0000-4000-8000-000000000000";
const webinar = (overrides: Partial<Webinar> = {}): Webinar => ({
  id: A,
  fairId: "f0000000-0000-4000-8000-000000000000",
  standId: STAND,
  standName: "Hainaut Logistique",
  copy: { fr: { title: "Frontaliers", description: "" } },
  spokenLanguage: "fr",
  startsAt: "2027-03-12T09:00:00.000Z",
  endsAt: "2027-03-12T09:45:00.000Z",
  minutes: 45,
  capacity: 1,
  registeredCount: 0,
  status: "scheduled",
  speakers: [],
  registered: false,
  ...overrides,
});

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe("WebinarListManager", () => {
  it("ignores an earlier list answered after a later one", async () => {
    const first = deferred<HttpResult<{ webinars: Webinar[] }>>();
    const answers = [first.promise, Promise.resolve({ ok: true as const, data: { webinars: [] } })];
    const api = {
      ofStand: () => answers.shift()!,
      ofFair: () => answers.shift()!,
      mine: () => answers.shift()!,
      register: async () => ({ ok: true as const, data: webinar() }),
      withdraw: async () => ({ ok: true as const, data: undefined }),
    };
    const manager = new WebinarListManager(api);
    const opening = manager.open({ standId: STAND });
    await manager.open({ slug: "cross-border-job-day" });
    first.resolve({ ok: true, data: { webinars: [webinar()] } });
    await opening;
    expect(manager.state.webinars).toEqual([]);
  });

  it("registers, tells the banners, and shows a refusal on the session it concerns", async () => {
    let told = 0;
    let registerAnswer: HttpResult<Webinar> = {
      ok: true,
      data: webinar({ registered: true, registeredCount: 1 }),
    };
    const api = {
      ofStand: async () => ({ ok: true as const, data: { webinars: [webinar()] } }),
      ofFair: async () => ({ ok: true as const, data: { webinars: [] } }),
      mine: async () => ({ ok: true as const, data: { webinars: [] } }),
      register: async () => registerAnswer,
      withdraw: async () => ({ ok: true as const, data: undefined }),
    };
    const manager = new WebinarListManager(api, () => (told += 1));
    await manager.open({ standId: STAND });
    expect(await manager.register(A)).toBe(true);
    expect(manager.state.webinars[0]).toMatchObject({ registered: true, registeredCount: 1 });
    expect(manager.state.outcome).toEqual({ kind: "registered", webinarId: A });
    expect(told).toBe(1);
    registerAnswer = { ok: false, code: "webinar_full", message: "" };
    expect(await manager.register(A)).toBe(false);
    expect(manager.state.outcome).toEqual({ kind: "failed", webinarId: A, code: "webinar_full" });
    expect(told).toBe(1);
  });
});
