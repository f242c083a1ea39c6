import { describe, expect, it } from "vitest";
import {
  conversationLanguages,
  languageFit,
  meetsLevel,
  sharesConversationLanguage,
} from "./language-fit.js";

describe("language fit", () => {
  it("meets an ask at the same level or above, never without the language", () => {
    expect(meetsLevel("B1", "A2")).toBe(true);
    expect(meetsLevel("B2", "B2")).toBe(true);
    expect(meetsLevel("A2", "B2")).toBe(false);
    expect(meetsLevel(null, "A1")).toBe(false);
  });

  it("fits when every language asked is met, and says which one is short", () => {
    const spoken = [
      { language: "fr", level: "C2" },
      { language: "nl", level: "A2" },
    ] as const;
    expect(languageFit(spoken, [{ language: "nl", level: "A2" }])).toEqual({
      fits: true,
      asks: [{ language: "nl", asked: "A2", have: "A2", meets: true }],
    });
    expect(
      languageFit(spoken, [
        { language: "fr", level: "B1" },
        { language: "nl", level: "B2" },
        { language: "de", level: "A1" },
      ]),
    ).toEqual({
      fits: false,
      asks: [
        { language: "fr", asked: "B1", have: "C2", meets: true },
        { language: "nl", asked: "B2", have: "A2", meets: false },
        { language: "de", asked: "A1", have: null, meets: false },
      ],
    });
  });

  it("fits everyone when nothing is asked", () => {
    expect(languageFit([], [])).toEqual({ fits: true, asks: [] });
  });

  it("shares a stand's language only at conversation level (B1) or above", () => {
    expect(sharesConversationLanguage([{ language: "nl", level: "A2" }], ["nl", "fr"])).toBe(false);
    expect(sharesConversationLanguage([{ language: "nl", level: "B1" }], ["nl"])).toBe(true);
    expect(sharesConversationLanguage([{ language: "de", level: "C2" }], ["nl"])).toBe(false);
  });

  it("keeps the languages spoken at conversation level for call-next", () => {
    expect(
      conversationLanguages([
        { language: "fr", level: "C2" },
        { language: "nl", level: "A2" },
        { language: "en", level: "B1" },
      ]),
    ).toEqual(["fr", "en"]);
  });
});
