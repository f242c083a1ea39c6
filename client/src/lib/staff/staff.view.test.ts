import { describe, expect, it } from "vitest";
import { formatDateTime, localized } from "./staff.view.js";

describe("staff view helpers", () => {
  it("formats a moment in the UI language", () => {
    const iso = "2026-11-23T10:05:00.000+00:00";
    expect(formatDateTime(iso, "en", "UTC")).toBe("Nov 23, 2026, 10:05 AM");
    expect(formatDateTime(iso, "de", "Europe/Brussels")).toBe("23.11.2026, 11:05");
  });

  it("marks text shown in another language than the UI's", () => {
    expect(localized({ fr: "Cariste", en: "Forklift driver" }, "en")).toEqual({
      value: "Forklift driver",
      lang: undefined,
    });
    expect(localized({ fr: "Cariste" }, "nl")).toEqual({ value: "Cariste", lang: "fr" });
  });
});
