import { describe, expect, it } from "vitest";
import { fairView, filledFairForm } from "./admin.fixtures.js";
import {
  emptyFairForm,
  fairFormFrom,
  formFieldOf,
  knownTimeZones,
  openingDaysFor,
  slugFollowingName,
  slugFromName,
  toFairInput,
  toFairPatch,
} from "./fair-form.js";

// A two-day fair whose registration closes the evening before, in another offset.
const view = fairView({
  slug: "job-day-2026",
  name: { nl: "Jobdag" },
  endsAt: "2026-06-11T15:00:00.000Z",
  registrationClosesAt: "2026-06-09T20:00:00+00:00",
  openingHours: [{ date: "2026-06-10", opens: "09:00", closes: "17:00" }],
  languages: ["nl", "fr"],
  queueCapPerCandidate: 4,
  registrationNeedsApproval: false,
});

describe("fair form", () => {
  it("starts with the admin's zone when known, all languages and approval on", () => {
    expect(emptyFairForm("America/New_York").timeZone).toBe("America/New_York");
    expect(emptyFairForm("+02:00").timeZone).toBe("Europe/Brussels");
    expect(emptyFairForm().languages).toEqual(["nl", "fr", "en", "de"]);
    expect(emptyFairForm().needsApproval).toBe(true);
  });

  it("turns the form into the create body, times on the fair's clocks", () => {
    const result = toFairInput({
      ...filledFairForm(),
      registrationCloses: "2026-06-09T22:00",
      openingHours: [{ date: "2026-06-10", opens: "09:00", closes: "17:00" }],
    });
    expect(result).toEqual({
      ok: true,
      value: {
        slug: "job-day-2026",
        name: { nl: "Jobdag", fr: "Journée emploi" },
        description: { en: "Jobs across the border." },
        timeZone: "Europe/Brussels",
        startsAt: "2026-06-10T09:00:00+02:00",
        endsAt: "2026-06-11T17:00:00+02:00",
        registrationOpensAt: null,
        registrationClosesAt: "2026-06-09T22:00:00+02:00",
        openingHours: [{ date: "2026-06-10", opens: "09:00", closes: "17:00" }],
        // In the product's language order, whatever order they were ticked in.
        languages: ["nl", "fr"],
        queueCapPerCandidate: 3,
        registrationNeedsApproval: true,
      },
    });
  });

  it("names every problem by its form field, in form order", () => {
    const result = toFairInput({
      ...filledFairForm(),
      slug: "Job Day!",
      name: { nl: "", fr: "", en: "", de: "" },
      timeZone: "Mars/Olympus",
      starts: "",
      languages: [],
      queueCap: 0,
    });
    expect(result).toEqual({
      ok: false,
      problems: ["slug", "name", "timeZone", "starts", "languages", "queueCap"],
    });
  });

  it("refuses a fair that ends before it starts and a window that closes before it opens", () => {
    expect(toFairInput({ ...filledFairForm(), ends: "2026-06-10T08:00" })).toEqual({
      ok: false,
      problems: ["ends"],
    });
    expect(
      toFairPatch({
        ...filledFairForm(),
        registrationOpens: "2026-06-01T10:00",
        registrationCloses: "2026-05-01T10:00",
      }),
    ).toEqual({ ok: false, problems: ["registrationCloses"] });
  });

  it("refuses opening hours that close before they open or repeat a day", () => {
    const day = { date: "2026-06-10", opens: "17:00", closes: "09:00" };
    expect(toFairPatch({ ...filledFairForm(), openingHours: [day] })).toEqual({
      ok: false,
      problems: ["openingHours"],
    });
    const good = { date: "2026-06-10", opens: "09:00", closes: "17:00" };
    expect(toFairPatch({ ...filledFairForm(), openingHours: [good, good] })).toMatchObject({
      ok: false,
    });
  });

  it("edits every field but the slug, clearing an emptied window with null", () => {
    const result = toFairPatch({ ...fairFormFrom(view), registrationCloses: "" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).not.toHaveProperty("slug");
    expect(result.value.registrationClosesAt).toBeNull();
    expect(result.value.startsAt).toBe("2026-06-10T09:00:00+02:00");
  });

  it("shows an existing fair on its own clocks and round-trips it", () => {
    const values = fairFormFrom(view);
    expect(values).toMatchObject({
      starts: "2026-06-10T09:00",
      ends: "2026-06-11T17:00",
      registrationOpens: "",
      registrationCloses: "2026-06-09T22:00",
      name: { nl: "Jobdag", fr: "", en: "", de: "" },
      queueCap: 4,
      needsApproval: false,
    });
    const patch = toFairPatch(values);
    expect(patch.ok && Date.parse(patch.value.endsAt ?? "")).toBe(Date.parse(view.endsAt));
  });

  it("maps the server's field names to form fields", () => {
    expect(formFieldOf("endsAt")).toBe("ends");
    expect(formFieldOf("openingHours.1.closes")).toBe("openingHours");
    expect(formFieldOf("slug")).toBe("slug");
    expect(formFieldOf("status")).toBeUndefined();
    expect(formFieldOf(undefined)).toBeUndefined();
  });

  it("suggests a slug from a name", () => {
    expect(slugFromName("Job Day Liège 2026")).toBe("job-day-liege-2026");
    expect(slugFromName("  --Grenzeloos werken!--  ")).toBe("grenzeloos-werken");
    expect(slugFromName("x".repeat(100))).toHaveLength(80);
  });

  it("follows the English name for a new fair's address, else the first name given", () => {
    expect(slugFollowingName({ nl: "Jobdag", fr: "", en: "Job Day 2026", de: "" })).toBe(
      "job-day-2026",
    );
    expect(slugFollowingName({ nl: "", fr: "Journée emploi", en: "", de: "Jobtag" })).toBe(
      "journee-emploi",
    );
    expect(slugFollowingName({ nl: "", fr: "", en: "", de: "" })).toBe("");
  });

  it("suggests the time zones the runtime knows", () => {
    expect(knownTimeZones()).toContain("Europe/Brussels");
  });

  it("lays out one opening-hours row per fair day, keeping hours already set", () => {
    const days = openingDaysFor({
      starts: "2026-06-10T09:00",
      ends: "2026-06-12T17:00",
      openingHours: [{ date: "2026-06-11", opens: "10:00", closes: "16:00" }],
    });
    expect(days).toEqual([
      { date: "2026-06-10", opens: "09:00", closes: "17:00" },
      { date: "2026-06-11", opens: "10:00", closes: "16:00" },
      { date: "2026-06-12", opens: "09:00", closes: "17:00" },
    ]);
    expect(openingDaysFor({ starts: "", ends: "", openingHours: [] })).toEqual([]);
  });
});
