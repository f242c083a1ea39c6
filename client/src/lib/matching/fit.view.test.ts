import { describe, expect, it } from "vitest";
import { languageFit } from "@crossfair/shared";
import { get } from "svelte/store";
import { createI18n } from "../i18n/i18n.setup.js";
import { fitWords, reasonWords } from "./fit.view.js";

const t = get(createI18n("en").t);
const tFr = get(createI18n("fr").t);
const spoken = [
  { language: "fr", level: "C2" },
  { language: "nl", level: "A2" },
] as const;

describe("fit words", () => {
  it("says which language meets its ask and which falls short", () => {
    const fit = languageFit(spoken, [
      { language: "fr", level: "B1" },
      { language: "nl", level: "B2" },
      { language: "de", level: "A1" },
    ]);
    expect(fitWords(t, fit, "en")).toEqual({
      tone: "short",
      label: "Asks more than your languages",
      lines: [
        "Your French (C2) meets the B1 asked",
        "Asks Dutch B2, you have A2",
        "Asks German A1, which is not in your profile",
      ],
    });
  });

  it("fits, in the UI language", () => {
    const fit = languageFit(spoken, [{ language: "nl", level: "A2" }]);
    expect(fitWords(tFr, fit, "fr")).toMatchObject({
      tone: "meets",
      label: "Correspond à vos langues",
      lines: ["Votre néerlandais (A2) répond au niveau A2 demandé"],
    });
  });

  it("says nothing is asked when nothing is", () => {
    expect(fitWords(t, languageFit(spoken, []), "en")).toEqual({
      tone: "none",
      lines: [],
      label: "No language asked",
    });
  });

  it("words every kind of reason", () => {
    expect(reasonWords(t, { kind: "sector", sector: "logistics" }, "en")).toBe(
      "In your sector: Logistics",
    );
    expect(reasonWords(t, { kind: "cross_border", from: "FR", to: "BE" }, "en")).toBe(
      "Cross-border: you live in one country (France), the job is in another (Belgium)",
    );
    expect(reasonWords(t, { kind: "region", region: "Hainaut" }, "en")).toBe(
      "In your region: Hainaut",
    );
  });
});
