import { describe, expect, it } from "vitest";
import type { PublishSlotsBody, StaffSlot } from "@crossfair/shared";
import type { HttpResult } from "../http/http.client.js";
import { newSlotDraft, SlotsManager } from "./slots.manager.js";

const STAND = "11111111-1111-4111-8111-111111111111";
const ME = "22222222-2222-4222-8222-222222222222";

function fakeApi() {
  const sent: PublishSlotsBody[] = [];
  const slots: StaffSlot[] = [];
  const ok = <T>(data: T): HttpResult<T> => ({ ok: true, data });
  return {
    sent,
    api: {
      standSlots: async () => ok({ timeZone: "Europe/Brussels", slots: [...slots] }),
      async publish(_: string, body: PublishSlotsBody) {
        sent.push(body);
        if (body.from === "12:00") {
          return { ok: false as const, code: "slot_overlap" as const, message: "", field: "from" };
        }
        const slot: StaffSlot = {
          id: "33333333-3333-4333-8333-333333333333",
          startsAt: "2026-12-08T09:00:00.000Z",
          endsAt: "2026-12-08T09:15:00.000Z",
          recruiter: null,
          booking: null,
        };
        slots.push(slot);
        return ok({ slots: [slot] });
      },
      withdraw: async () => ok(undefined),
    },
  };
}

describe("publishing a stand's slots", () => {
  it("drafts the next fair day's hours and publishes for the chosen holder", async () => {
    const hours = [
      { date: "2026-12-07", opens: "09:00", closes: "17:00" },
      { date: "2026-12-08", opens: "10:00", closes: "16:00" },
    ];
    const draft = newSlotDraft(hours, ME, "2026-12-08");
    expect(draft).toMatchObject({ date: "2026-12-08", from: "10:00", to: "16:00", holder: ME });

    const { api, sent } = fakeApi();
    const manager = new SlotsManager(api);
    await manager.open(STAND, false);
    expect(await manager.publish({ ...draft, holder: "stand" })).toBe(true);
    expect(sent[0]).toMatchObject({ recruiterId: null, lengthMinutes: 15 });
    expect(manager.state.outcome).toEqual({ kind: "published", count: 1 });
    expect(manager.state.slots).toHaveLength(1);
    // The panel turns to the day just published (today is shown otherwise).
    expect(manager.state.day).toBe("2026-12-08");
    manager.showDay(null);
    expect(manager.state.day).toBeNull();
  });

  it("keeps a range that ends before it starts, and puts the server's refusal on its field", async () => {
    const { api, sent } = fakeApi();
    const manager = new SlotsManager(api);
    await manager.open(STAND, false);
    const draft = newSlotDraft([], ME, "2026-12-08");
    expect(await manager.publish({ ...draft, from: "11:00", to: "10:00" })).toBe(false);
    expect(manager.state.fields).toEqual({ to: "invalid" });
    expect(sent).toHaveLength(0);

    expect(await manager.publish({ ...draft, from: "12:00", to: "13:00" })).toBe(false);
    expect(manager.state.fields).toEqual({ from: "slot_overlap" });
    expect(manager.state.outcome).toEqual({ kind: "failed", code: "slot_overlap" });
  });
});
