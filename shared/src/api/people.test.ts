import { describe, expect, it } from "vitest";
import { peopleQuerySchema, SUSPENSION_REASON_MAX, suspensionBodySchema } from "./people.routes.js";

describe("suspension body", () => {
  it("wants a reason to suspend, trimmed and short, and none to reinstate", () => {
    expect(suspensionBodySchema.safeParse({ suspended: true }).error?.issues[0]?.path).toEqual([
      "reason",
    ]);
    expect(suspensionBodySchema.safeParse({ suspended: true, reason: "   " }).success).toBe(false);
    expect(
      suspensionBodySchema.safeParse({
        suspended: true,
        reason: "x".repeat(SUSPENSION_REASON_MAX + 1),
      }).success,
    ).toBe(false);
    expect(suspensionBodySchema.parse({ suspended: true, reason: " Spam " })).toEqual({
      suspended: true,
      reason: "Spam",
    });
    expect(suspensionBodySchema.parse({ suspended: false })).toEqual({ suspended: false });
  });

  it("searches everyone by default, a page of twenty", () => {
    expect(peopleQuerySchema.parse({})).toEqual({ query: "", page: 1, pageSize: 20 });
    expect(peopleQuerySchema.safeParse({ query: "a\u0000b" }).success).toBe(false);
  });
});
