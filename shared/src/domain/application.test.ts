/**
 * The application pipeline's rules, every pair of statuses: which moves stand
 * staff may make and when the candidate may still withdraw.
 */
import { describe, expect, it } from "vitest";
import {
  APPLICATION_STATUSES,
  canStaffMoveApplication,
  canWithdrawApplication,
  type ApplicationStatus,
} from "./application.js";

const FINAL: ApplicationStatus[] = ["hired", "rejected", "withdrawn"];
const OPEN = APPLICATION_STATUSES.filter((status) => !FINAL.includes(status));

describe("canStaffMoveApplication", () => {
  it("allows exactly these moves, from each status", () => {
    const allowed = Object.fromEntries(
      APPLICATION_STATUSES.map((from) => [
        from,
        APPLICATION_STATUSES.filter((to) => canStaffMoveApplication(from, to)),
      ]),
    );
    expect(allowed).toEqual({
      applied: ["preselected", "interviewed", "second_round", "offer", "hired", "rejected"],
      preselected: ["applied", "interviewed", "second_round", "offer", "hired", "rejected"],
      interviewed: ["preselected", "second_round", "offer", "hired", "rejected"],
      second_round: ["interviewed", "offer", "hired", "rejected"],
      offer: ["second_round", "hired", "rejected"],
      hired: [],
      rejected: [],
      withdrawn: [],
    });
  });

  it("never moves to the same status, to withdrawn, or out of a final status", () => {
    for (const from of APPLICATION_STATUSES) {
      expect(canStaffMoveApplication(from, from)).toBe(false);
      expect(canStaffMoveApplication(from, "withdrawn")).toBe(false);
    }
    for (const from of FINAL) {
      for (const to of APPLICATION_STATUSES) expect(canStaffMoveApplication(from, to)).toBe(false);
    }
  });

  it("lets staff reject any open application", () => {
    for (const from of OPEN) expect(canStaffMoveApplication(from, "rejected")).toBe(true);
  });
});

describe("canWithdrawApplication", () => {
  it("lets the candidate withdraw while the application is open, never after", () => {
    for (const status of OPEN) expect(canWithdrawApplication(status)).toBe(true);
    for (const status of FINAL) expect(canWithdrawApplication(status)).toBe(false);
  });
});
