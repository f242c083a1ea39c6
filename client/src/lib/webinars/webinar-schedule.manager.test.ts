import { describe, expect, it } from "vitest";
import type { Webinar, WebinarBody } from "@crossfair/shared";
import { bodyOf, WebinarScheduleManager } from "./webinar-schedule.manager.js";

const STAND = "50000000-0000-4000-8000-000000000000";
const SPEAKER = "4f1c0a52-3f0e-4b8a-9f59-1c0b7e2d9a11";

function fakeApi() {
  const sent: { kind: string; body?: WebinarBody; id?: string }[] = [];
  const list: Webinar[] = [];
  return {
    sent,
    api: {
      ofStand: async () => ({ ok: true as const, data: { webinars: list } }),
      schedule: async (_standId: string, body: WebinarBody) => {
        sent.push({ kind: "schedule", body });
        return {
          ok: false as const,
          code: "validation_failed" as const,
          message: "",
          field: "copy.nl",
        };
      },
      update: async (id: string, body: WebinarBody) => {
        sent.push({ kind: "update", id, body });
        return { ok: false as const, code: "invalid_transition" as const, message: "" };
      },
      cancel: async (id: string) => {
        sent.push({ kind: "cancel", id });
        return { ok: true as const, data: undefined };
      },
    },
  };
}

describe("WebinarScheduleManager", () => {
  it("turns a draft into the shared body on the fair's clocks", () => {
    const manager = new WebinarScheduleManager(fakeApi().api);
    manager.startNew(["fr", "nl"], "2027-03-12", SPEAKER);
    const draft = manager.state.draft!;
    expect(bodyOf(draft, "Europe/Brussels")).toBeNull(); // no titles yet
    draft.copy.fr!.title = "Frontaliers";
    draft.copy.nl!.title = "Grensarbeiders";
    expect(bodyOf(draft, "Europe/Brussels")).toMatchObject({
      startsAt: "2027-03-12T10:00:00+01:00",
      spokenLanguage: "fr",
      speakerIds: [SPEAKER],
    });
  });

  it("keeps the server's field on a refusal, and cancels only once confirmed", async () => {
    const { api, sent } = fakeApi();
    const manager = new WebinarScheduleManager(api);
    await manager.open(STAND);
    manager.startNew(["fr"], "2027-03-12", SPEAKER);
    const draft = {
      ...manager.state.draft!,
      copy: { fr: { title: "Frontaliers", description: "" } },
    };
    expect(await manager.save(draft, "Europe/Brussels")).toBe(false);
    expect(manager.state.outcome).toEqual({
      kind: "failed",
      code: "validation_failed",
      field: "copy.nl",
    });
    expect(await manager.cancel("w1")).toBe(false);
    manager.askCancel("w1");
    expect(await manager.cancel("w1")).toBe(true);
    expect(sent.map((entry) => entry.kind)).toEqual(["schedule", "cancel"]);
  });
});
