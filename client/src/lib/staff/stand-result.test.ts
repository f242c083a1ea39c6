import { get } from "svelte/store";
import { describe, expect, it } from "vitest";
import { createI18n } from "../i18n/i18n.setup.js";
import { resultErrors, resultText } from "./stand-result.js";

describe("stand form results", () => {
  const t = get(createI18n("en").t);
  const form = { kind: "profile" } as const;

  it("says nothing before a save, the notice after one, and why one failed", () => {
    expect(resultText(t, null)).toBe("");
    expect(resultText(t, { form, ok: true, notice: "profileSaved" })).toBe(
      t("staff.notice.profileSaved"),
    );
    expect(resultText(t, { form, ok: false, code: null, fields: { title: "required" } })).toBe(
      t("staff.manage.checkFields"),
    );
    expect(resultText(t, { form, ok: false, code: "forbidden", fields: {} })).toBe(
      t("staff.manage.notSaved", { reason: t("errors.forbidden") }),
    );
  });

  it("gives the field problems of a failed save only", () => {
    expect(resultErrors({ form, ok: false, code: null, fields: { title: "required" } })).toEqual({
      title: "required",
    });
    expect(resultErrors({ form, ok: true, notice: "profileSaved" })).toEqual({});
    expect(resultErrors(null)).toEqual({});
  });
});
