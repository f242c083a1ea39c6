import { describe, expect, it } from "vitest";
import { splitProps } from "./split-props.js";

describe("splitProps", () => {
  it("hands the named props to the wrapped component and the rest to the element", () => {
    const given = { id: "email", label: "E-mail", type: "email", "data-testid": "email" };
    const [field, rest] = splitProps(given, { id: true, label: true });
    expect(field).toEqual({ id: "email", label: "E-mail" });
    expect(rest).toEqual({ type: "email", "data-testid": "email" });
  });

  it("leaves out a named prop that was not given, rather than passing it as undefined", () => {
    const [field] = splitProps({ id: "x" } as { id: string; hint?: string }, {
      id: true,
      hint: true,
    });
    expect(Object.keys(field)).toEqual(["id"]);
  });
});
