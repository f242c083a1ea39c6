import { describe, expect, it } from "vitest";
import { describedBy, errorIdOf, fieldAria, hintIdOf } from "./field-ids.js";

describe("field ids", () => {
  it("derives the error and hint ids from the control's id", () => {
    expect(errorIdOf("x-email")).toBe("x-email-error");
    expect(hintIdOf("x-email")).toBe("x-email-hint");
  });

  it("joins the ids that apply and gives no attribute when none do", () => {
    expect(describedBy("a", undefined, false, null, "", "b")).toBe("a b");
    expect(describedBy(undefined, false)).toBeUndefined();
  });

  it("names the error only while the control is invalid", () => {
    expect(fieldAria({ id: "f", hintId: "f-hint", invalid: false })).toEqual({
      id: "f",
      "aria-invalid": undefined,
      "aria-describedby": "f-hint",
    });
    expect(fieldAria({ id: "f", hintId: "f-hint", invalid: true })).toEqual({
      id: "f",
      "aria-invalid": true,
      "aria-describedby": "f-hint f-error",
    });
  });

  it("keeps a given error id and adds other describing messages", () => {
    expect(
      fieldAria({ id: "f", errorId: "f-problem", invalid: true, also: ["group-error"] }),
    ).toMatchObject({ "aria-describedby": "f-problem group-error" });
    expect(fieldAria({ id: "f", invalid: false })["aria-describedby"]).toBeUndefined();
  });
});
