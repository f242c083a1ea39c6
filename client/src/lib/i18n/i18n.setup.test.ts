import { describe, expect, it } from "vitest";
import { get } from "svelte/store";
import type { Language } from "@crossfair/shared";
import { createI18n, sectorLabel } from "./i18n.setup.js";

describe("createI18n", () => {
  it("translates synchronously in the initial language", () => {
    const i18n = createI18n("fr");
    expect(get(i18n.t)("kind.temp_agency")).toBe("Agence d'intérim");
    expect(get(i18n.language)).toBe("fr");
  });

  it("switches language, gives a new t for re-rendering, and reports the choice", () => {
    const chosen: Language[] = [];
    const i18n = createI18n("en", (language) => chosen.push(language));
    const before = get(i18n.t);
    i18n.setLanguage("nl");
    const after = get(i18n.t);
    expect(after).not.toBe(before);
    expect(after("connection.reconnecting")).toBe("Opnieuw verbinden…");
    expect(before("connection.reconnecting")).toBe("Reconnecting…");
    expect(chosen).toEqual(["nl"]);
  });

  it("uses each language's plural rules", () => {
    const t = get(createI18n("fr").t);
    expect(t("stand.openings", { count: 1 })).toBe("1 poste");
    expect(t("stand.openings", { count: 0 })).toBe("0 poste");
    expect(get(createI18n("en").t)("stand.openings", { count: 0 })).toBe("0 openings");
  });

  it("does not HTML-escape interpolated values: Svelte escapes on render", () => {
    const t = get(createI18n("en").t);
    expect(t("app.organisedBy", { organisers: "Forem & VDAB" })).toBe("Organised by Forem & VDAB");
  });

  it("translates known sectors and shows unknown ones as sent", () => {
    const t = get(createI18n("de").t);
    expect(sectorLabel(t, "healthcare")).toBe("Gesundheitswesen");
    expect(sectorLabel(t, "aerospace")).toBe("aerospace");
    expect(sectorLabel(t, "toString")).toBe("toString");
  });
});
