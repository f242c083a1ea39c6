import { describe, expect, it } from "vitest";
import { countryOptions, KNOWN_SECTORS, NEAR_COUNTRIES, sectorOptions } from "./profile.options.js";

describe("profile options", () => {
  it("offers the fair's neighbours first, named in the UI language", () => {
    const { near, other } = countryOptions("fr");
    expect(near.map((option) => option.code)).toEqual([...NEAR_COUNTRIES]);
    expect(near[0]).toEqual({ code: "BE", name: "Belgique" });
    const names = other.map((option) => option.name);
    expect(names).toEqual([...names].sort(new Intl.Collator("fr").compare));
  });

  it("keeps a saved country from outside the list selectable", () => {
    expect(countryOptions("en", "MA").other.map((option) => option.code)).toContain("MA");
    expect(countryOptions("en", "BE").other.map((option) => option.code)).not.toContain("BE");
  });

  it("adds a saved sector the UI does not know to the known ones", () => {
    expect(sectorOptions(["logistics", "agriculture"])).toEqual([...KNOWN_SECTORS, "agriculture"]);
  });
});
