import { describe, expect, it } from "vitest";
import { rememberAfterVerification, takeAfterVerification } from "./after-verification.js";

function memory() {
  const entries = new Map<string, string>();
  return {
    getItem: (key: string) => entries.get(key) ?? null,
    setItem: (key: string, value: string) => void entries.set(key, value),
    removeItem: (key: string) => void entries.delete(key),
  };
}

describe("where to go after the verification link", () => {
  it("keeps a route path once", () => {
    const storage = memory();
    rememberAfterVerification("/stands/0f8fad5b-d9cb-469f-a165-70867728950e", storage);
    expect(takeAfterVerification(storage)).toBe("/stands/0f8fad5b-d9cb-469f-a165-70867728950e");
    expect(takeAfterVerification(storage)).toBeNull();
  });

  it("keeps nothing that is not a route path", () => {
    const storage = memory();
    rememberAfterVerification("https://elsewhere.example/", storage);
    expect(takeAfterVerification(storage)).toBeNull();
  });
});
