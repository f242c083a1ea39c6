import { describe, expect, it } from "vitest";
import { FAIR_STATUSES } from "../domain/fair.js";
import {
  canMoveFair,
  fairInputSchema,
  fairScheduleProblem,
  isIanaTimeZone,
  isRegistrationOpen,
  standListQuerySchema,
} from "./fairs.js";

describe("fair status transitions", () => {
  it("allows exactly the organiser's moves", () => {
    const allowed = FAIR_STATUSES.flatMap((from) =>
      FAIR_STATUSES.filter((to) => canMoveFair(from, to)).map((to) => `${from}->${to}`),
    );
    expect(allowed.sort()).toEqual(
      [
        "draft->registration_open",
        "draft->live",
        "registration_open->live",
        "registration_open->draft",
        "live->closed",
        "live->registration_open",
        "closed->live",
      ].sort(),
    );
  });
});

describe("registration window", () => {
  const fair = {
    status: "registration_open" as const,
    endsAt: "2026-03-12T17:00:00+01:00",
    registrationOpensAt: "2026-03-01T09:00:00+01:00",
    registrationClosesAt: "2026-03-11T00:00:00+01:00",
  };
  const at = (iso: string) => Date.parse(iso);

  it("opens at its opening instant and closes at its closing instant", () => {
    expect(isRegistrationOpen(fair, at("2026-03-01T08:00:00Z") - 1)).toBe(false);
    expect(isRegistrationOpen(fair, at("2026-03-01T08:00:00Z"))).toBe(true);
    expect(isRegistrationOpen(fair, at("2026-03-10T23:00:00Z") - 1)).toBe(true);
    expect(isRegistrationOpen(fair, at("2026-03-10T23:00:00Z"))).toBe(false);
  });

  it("without dates is open from the start until the fair ends", () => {
    const open = { ...fair, registrationOpensAt: null, registrationClosesAt: null };
    expect(isRegistrationOpen(open, 0)).toBe(true);
    expect(isRegistrationOpen(open, at("2026-03-12T16:00:00Z") - 1)).toBe(true);
    expect(isRegistrationOpen(open, at("2026-03-12T16:00:00Z"))).toBe(false);
  });

  it("is closed unless the fair takes registrations or is live", () => {
    const inside = at("2026-03-05T12:00:00Z");
    expect(isRegistrationOpen({ ...fair, status: "live" }, inside)).toBe(true);
    expect(isRegistrationOpen({ ...fair, status: "draft" }, inside)).toBe(false);
    expect(isRegistrationOpen({ ...fair, status: "closed" }, inside)).toBe(false);
  });
});

describe("fair input", () => {
  it("knows IANA time zones and refuses offsets and inventions", () => {
    expect(isIanaTimeZone("Europe/Brussels")).toBe(true);
    expect(isIanaTimeZone("UTC")).toBe(true);
    expect(isIanaTimeZone("America/Argentina/Buenos_Aires")).toBe(true);
    expect(isIanaTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isIanaTimeZone("+01:00")).toBe(false);
    expect(isIanaTimeZone("")).toBe(false);
  });

  it("names the field whose date is wrong", () => {
    const starts = "2026-03-12T09:00:00+01:00";
    expect(fairScheduleProblem({ startsAt: starts, endsAt: starts })?.field).toBe("endsAt");
    expect(
      fairScheduleProblem({
        startsAt: starts,
        endsAt: "2026-03-12T17:00:00+01:00",
        registrationOpensAt: "2026-03-05T00:00:00Z",
        registrationClosesAt: "2026-03-05T00:00:00Z",
      })?.field,
    ).toBe("registrationClosesAt");
    expect(
      fairScheduleProblem({ startsAt: starts, endsAt: "2026-03-12T17:00:00+01:00" }),
    ).toBeNull();
  });

  it("takes lower-case slugs and unique languages and opening days only", () => {
    const base = {
      slug: "border-jobs-2026",
      name: { en: "Border jobs" },
      description: { en: "Jobs." },
      timeZone: "Europe/Brussels",
      startsAt: "2026-03-12T09:00:00+01:00",
      endsAt: "2026-03-12T17:00:00+01:00",
      languages: ["fr", "nl"],
    };
    expect(fairInputSchema.safeParse(base).success).toBe(true);
    for (const slug of ["Border", "-jobs", "jobs-", "a--b", "ab", "jobs day"]) {
      expect(fairInputSchema.safeParse({ ...base, slug }).success, slug).toBe(false);
    }
    expect(fairInputSchema.safeParse({ ...base, languages: ["fr", "fr"] }).success).toBe(false);
    const day = { date: "2026-03-12", opens: "09:00", closes: "17:00" };
    expect(fairInputSchema.safeParse({ ...base, openingHours: [day] }).success).toBe(true);
    expect(fairInputSchema.safeParse({ ...base, openingHours: [day, day] }).success).toBe(false);
  });
});

describe("stand list query", () => {
  it("reads flags as words and refuses anything else", () => {
    expect(standListQuerySchema.parse({ hasOpenVacancies: "false" }).hasOpenVacancies).toBe(false);
    expect(standListQuerySchema.parse({ hasOpenVacancies: "true" }).hasOpenVacancies).toBe(true);
    expect(standListQuerySchema.safeParse({ hasOpenVacancies: "yes" }).success).toBe(false);
    expect(standListQuerySchema.safeParse({ q: "a\u0000" }).success).toBe(false);
  });
});
