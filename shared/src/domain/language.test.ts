import { describe, expect, it } from "vitest";
import { localizedTextSchema, pickLocalized } from "./language.js";

describe("pickLocalized", () => {
  const text = { fr: "Cariste", nl: "Heftruckchauffeur" };

  it("returns the wanted language when present", () => {
    expect(pickLocalized(text, "nl")).toEqual({ language: "nl", value: "Heftruckchauffeur" });
  });

  it("falls back in the given order, then to any language", () => {
    expect(pickLocalized(text, "de")).toEqual({ language: "fr", value: "Cariste" });
    expect(pickLocalized(text, "de", ["nl"])).toEqual({
      language: "nl",
      value: "Heftruckchauffeur",
    });
    expect(pickLocalized({ de: "Maurer" }, "en", [])).toEqual({ language: "de", value: "Maurer" });
  });

  it("skips empty translations", () => {
    expect(pickLocalized({ en: "", fr: "Maçon" }, "en")).toEqual({
      language: "fr",
      value: "Maçon",
    });
  });
});

describe("localizedTextSchema", () => {
  it("needs at least one non-empty language and only known languages", () => {
    expect(localizedTextSchema.safeParse({ nl: "Hallo" }).success).toBe(true);
    expect(localizedTextSchema.safeParse({}).success).toBe(false);
    expect(localizedTextSchema.safeParse({ en: "" }).success).toBe(false);
    expect(localizedTextSchema.safeParse({ xx: "?" }).success).toBe(false);
  });

  it("refuses NUL characters, which the database cannot store", () => {
    expect(localizedTextSchema.safeParse({ en: "a\u0000b" }).success).toBe(false);
  });
});
