import { describe, expect, it } from "vitest";
import { likePattern } from "./people.service.js";

describe("people search", () => {
  it("takes what the admin typed literally: wildcards and backslashes are letters", () => {
    expect(likePattern("anna")).toBe("%anna%");
    expect(likePattern("50%_off\\")).toBe("%50\\%\\_off\\\\%");
  });
});
