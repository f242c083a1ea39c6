import { describe, expect, it } from "vitest";
import type { StandDetails, Webinar } from "@crossfair/shared";
import type { HttpResult } from "../http/http.client.js";
import { webinarCopyIn, WebinarDetailsManager } from "./webinar.details.js";

const webinar = (id: string): Webinar =>
  ({
    id,
    standId: `stand-${id}`,
    standName: "Border desk",
    spokenLanguage: "fr",
    copy: {
      fr: { title: "Travailler en Belgique", description: "" },
      en: { title: "Working in Belgium", description: "" },
    },
  }) as unknown as Webinar;

describe("WebinarDetailsManager", () => {
  it("loads the session then its stand, and drops a superseded answer", async () => {
    const pending: ((answer: HttpResult<Webinar>) => void)[] = [];
    const manager = new WebinarDetailsManager({
      webinar: () => new Promise((resolve) => pending.push(resolve)),
      stand: async (standId) => ({
        ok: true,
        data: { id: standId, vacancies: [] } as unknown as StandDetails,
      }),
    });
    const first = manager.load("a");
    const second = manager.load("b");
    pending[1]?.({ ok: true, data: webinar("b") });
    await second;
    pending[0]?.({ ok: true, data: webinar("a") });
    await first;
    expect(manager.state.webinar?.id).toBe("b");
    expect(manager.state.stand?.id).toBe("stand-b");
  });

  it("keeps a refusal's code", async () => {
    const manager = new WebinarDetailsManager({
      webinar: async () =>
        ({ ok: false, code: "not_found", status: 404, message: "" }) as HttpResult<Webinar>,
      stand: async () =>
        ({ ok: false, code: "not_found", status: 404, message: "" }) as HttpResult<StandDetails>,
    });
    await manager.load("a");
    expect(manager.state).toMatchObject({ status: "error", error: "not_found" });
  });

  it("names the session in the visitor's language, else in the language spoken", () => {
    expect(webinarCopyIn(webinar("a"), "en")?.title).toBe("Working in Belgium");
    expect(webinarCopyIn(webinar("a"), "de")?.title).toBe("Travailler en Belgique");
  });
});
